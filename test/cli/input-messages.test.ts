/**
 * What create-irsa says about input it refuses or reads in a way worth saying: the exact text,
 * the exit code, and that nothing was written.
 */
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runInProcess } from '../helpers/in-process-cli';
import { runBuiltCli } from '../helpers/run-built-cli';
import { tempDir, validRawConfig } from '../helpers/fixtures';

const BINDING = ['--region', 'eu-west-1', '--cluster', 'payments', '--namespace', 'billing', '--service-account', 'invoice-exporter', '--yes'];

/** GIVEN the args in a fresh folder WHEN run THEN the result, and whether anything was written there. */
async function run(args: readonly string[], cwd = tempDir()) {
  const before = readdirSync(cwd);
  const result = await runInProcess(args, cwd);
  return { ...result, wrote: readdirSync(cwd).length !== before.length };
}

describe('pasted S3 locations in --s3', () => {
  it.each([
    [
      's3://acme-invoices/exports/',
      '"s3://acme-invoices/exports/" is an S3 URL, not <bucket>/<prefix>: give the bucket name alone, then "/" and the folder. Example: acme-invoices/exports/',
    ],
    [
      's3://acme-invoices/exports/:read-write',
      '"s3://acme-invoices/exports/:read-write" is an S3 URL, not <bucket>/<prefix>: give the bucket name alone, then "/" and the folder. Example: acme-invoices/exports/:read-write',
    ],
    [
      'arn:aws:s3:::acme-invoices/exports/',
      '"arn:aws:s3:::acme-invoices/exports/" is an S3 ARN, not <bucket>/<prefix>: give the bucket name alone, then "/" and the folder. Example: acme-invoices/exports/',
    ],
  ])('GIVEN --s3 %j THEN it says what was pasted and the --s3 form, exits 2 and writes nothing', async (value, message) => {
    const result = await run(['p', ...BINDING, '--s3', value]);
    expect(result).toEqual({ code: 2, stdout: '', stderr: `error: invalid input; nothing was written.\n  - --s3 (bindings[0].s3[0]): ${message}\n`, wrote: false });
  });
});

describe('keys in the wrong object of irsa.config.json', () => {
  it.each<[string, (raw: Record<string, any>) => void, string]>([
    [
      'kmsKey on a binding',
      (raw) => (raw.bindings[0].kmsKey = 'arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab'),
      'bindings[0].kmsKey: is not a known setting here; it belongs to a grant: "s3": [ { "bucket": ..., "prefix": ..., "kmsKey": ... } ].',
    ],
    ['namespace at the top level', (raw) => (raw.namespace = 'billing'), 'namespace: is not a known setting here; it belongs to a binding: "bindings": [ { "namespace": ..., "serviceAccount": ... } ].'],
    ['format on a binding', (raw) => (raw.bindings[0].format = 'hcl'), 'bindings[0].format: is not a known setting here; it belongs to the top level of the config: { "region": ..., "cluster": ..., "format": ..., "bindings": ... }.'],
    ['oidcIssuer at the top level', (raw) => (raw.oidcIssuer = 'x'), 'oidcIssuer: is not a known setting here; it belongs to the cluster: "cluster": { "name": ..., "oidcIssuer": ... }.'],
  ])('GIVEN %s THEN it says where the key belongs, exits 2 and writes nothing', async (_, misplace, line) => {
    const cwd = tempDir();
    const raw = validRawConfig() as Record<string, any>;
    misplace(raw);
    writeFileSync(join(cwd, 'c.json'), JSON.stringify(raw));
    const result = await run(['p', '--config', 'c.json'], cwd);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`error: invalid input in c.json; nothing was written.\n  - ${line} Known settings here: `);
    expect(readdirSync(cwd)).toEqual(['c.json']);
  });
});

describe('missing answers without a terminal', () => {
  it('GIVEN no grant THEN it names --s3 first, with --bucket and --prefix as the alternative', async () => {
    const result = await run(['p', ...BINDING]);
    expect(result).toEqual({
      code: 2,
      stdout: '',
      stderr:
        'error: Missing --s3 (or --bucket and --prefix), and there is no terminal to ask for it. Pass them as flags (see create-irsa --help) or use --config <file>.\n',
      wrote: false,
    });
  });

  it('GIVEN an invalid --region and no grant THEN both are reported at once', async () => {
    const result = await run(['x', '--region', 'eu-west1', '--cluster', 'c', '--namespace', 'ns', '--service-account', 'sa', '--yes']);
    expect(result).toEqual({
      code: 2,
      stdout: '',
      stderr: [
        'error: invalid input; nothing was written.',
        '  - --region (region): "eu-west1" is not an AWS region code: it must look like "<area>-<direction>-<number>". Example: eu-west-1',
        '  - --s3 (bindings[0].s3): is required (or --bucket and --prefix), and there is no terminal to ask for it. Example: --s3 acme-raw/landing/:read',
        '',
      ].join('\n'),
      wrote: false,
    });
  });

  it('GIVEN an invalid --region, --bucket but no --prefix or --service-account THEN each is reported', async () => {
    const result = await run(['x', '--region', 'eu-west1', '--cluster', 'c', '--bucket', 'acme-x', '--yes']);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      [
        'error: invalid input; nothing was written.',
        '  - --region (region): "eu-west1" is not an AWS region code: it must look like "<area>-<direction>-<number>". Example: eu-west-1',
        '  - --service-account (bindings[0].serviceAccount): is required, and there is no terminal to ask for it. Example: --service-account invoice-exporter',
        '  - --prefix (bindings[0].prefix): is required, and there is no terminal to ask for it. Example: --prefix exports/',
        '',
      ].join('\n'),
    );
  });
});

describe('project settings given as flags to an existing project', () => {
  async function project() {
    const cwd = tempDir();
    expect((await runInProcess(['p', ...BINDING, '--s3', 'acme-raw/in/'], cwd)).code).toBe(0);
    return cwd;
  }

  it('GIVEN --format hcl alone THEN it says format is a project setting and how to change it, before asking for a binding', async () => {
    const cwd = await project();
    const before = readdirSync(join(cwd, 'p/generated/payments'));
    const result = await runInProcess(['p', '--format', 'hcl'], cwd);
    expect(result).toEqual({
      code: 2,
      stdout: '',
      stderr:
        'error: invalid input; nothing was written.\n' +
        '  - --format (format): is "json" in the project p, but --format says "hcl". It is a project setting, shared by every binding: ' +
        'to change it, set "format" in p/irsa.config.json and run create-irsa p --config p/irsa.config.json\n',
    });
    expect(readdirSync(join(cwd, 'p/generated/payments'))).toEqual(before);
  });

  it('GIVEN --config with --format THEN it names the config key', async () => {
    const result = await run(['p', '--config', 'c.json', '--format', 'hcl']);
    expect(result).toEqual({
      code: 2,
      stdout: '',
      stderr: 'error: --config cannot be combined with --format: put every answer in the config file (--format is "format" there), or give them all as flags.\n',
      wrote: false,
    });
  });
});

describe('an empty --prefix', () => {
  it('GIVEN --prefix "" THEN the whole bucket is granted, and a note says so', async () => {
    const result = await run(['p', ...BINDING, '--bucket', 'acme-raw', '--prefix', '']);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('note: --prefix is empty: grants the whole bucket acme-raw\n');
  });
});

describe('text that Unicode normalization changes', () => {
  it.each([
    ['--tag', 'team=\u2126', 'tags.team', '"\u2126" is not in Unicode normalization form NFC (it contains U+2126, which NFC turns into U+03A9)', '"\u03a9"'],
    ['--tag', '\uf900=x', 'tags."\uf900"', '"\uf900" is not in Unicode normalization form NFC (it contains U+F900, which NFC turns into U+8C48)', '"\u8c48"'],
    ['--s3', 'acme-raw/\u212b/', 'bindings[0].s3[0].prefix', '"\u212b/" is not in Unicode normalization form NFC (it contains U+212B, which NFC turns into U+00C5)', '"\u00c5/"'],
  ])('GIVEN %s %j THEN it is refused with the NFC form as the example, exit 2, nothing written', async (flag, value, field, problem, example) => {
    const grant = flag === '--s3' ? [] : ['--s3', 'acme-raw/in/'];
    const result = await run(['p', ...BINDING, ...grant, flag, value]);
    expect(result).toEqual({
      code: 2,
      stdout: '',
      stderr: `error: invalid input; nothing was written.\n  - ${flag} (${field}): ${problem}; Terraform normalizes every string to NFC, so AWS would receive other characters. Example: ${example}\n`,
      wrote: false,
    });
  });
});

describe('config files that cannot be read', () => {
  it.each([
    ['missing.json', 'error: Cannot read config file missing.json: it does not exist (ENOENT)\n'],
    ['folder', 'error: Cannot read config file folder: it is a folder, not a file (EISDIR)\n'],
  ])('GIVEN --config %s THEN it says why in plain words, exits 2 and writes nothing', async (file, stderr) => {
    const cwd = tempDir();
    mkdirSync(join(cwd, 'folder'));
    const result = await run(['p', '--config', file], cwd);
    expect(result).toEqual({ code: 2, stdout: '', stderr, wrote: false });
  });
});

describe('folders in messages (built CLI)', () => {
  it('GIVEN an absolute folder outside the working directory THEN it is shown absolute, not as ../..', () => {
    const cwd = tempDir();
    const elsewhere = join(tempDir(), 'nu', 't');
    mkdirSync(elsewhere, { recursive: true });
    const result = runBuiltCli([elsewhere, '--check'], cwd);
    expect(result.status).toBe(2);
    expect(result.stderr).toBe(`error: ${elsewhere} is not a create-irsa project: it has no valid irsa.config.json. Example: create-irsa irsa --check\n`);
  });

  it('GIVEN a relative folder THEN it is shown as typed', () => {
    const cwd = join(tempDir(), 'work');
    mkdirSync(cwd);
    mkdirSync(join(cwd, '../nu/t'), { recursive: true });
    const result = runBuiltCli(['../nu/t', '--check'], cwd);
    expect(result.stderr).toBe('error: ../nu/t is not a create-irsa project: it has no valid irsa.config.json. Example: create-irsa irsa --check\n');
  });
});
