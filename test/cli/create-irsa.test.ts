import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIELD_FLAGS } from '../../src/cli/flags';
import { listFiles, snapshotFiles } from '../helpers/files';
import { runBuiltCli } from '../helpers/run-built-cli';
import { ISSUER, tempDir, validRawConfig } from '../helpers/fixtures';

const FLAGS = [
  '--region', 'eu-west-1',
  '--cluster', 'payments',
  '--oidc-issuer', ISSUER,
  '--namespace', 'billing',
  '--service-account', 'invoice-exporter',
  '--bucket', 'acme-invoices',
  '--prefix', 'exports/',
  '--access', 'read',
  '--yes',
];

describe('create-irsa (built CLI)', () => {
  it('GIVEN flags THEN it writes the normalized config and the module, and exits 0', () => {
    const cwd = tempDir();
    const result = runBuiltCli(['payments-irsa', ...FLAGS], cwd);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(listFiles(join(cwd, 'payments-irsa'))).toEqual([
      '.gitignore',
      'README.md',
      'cdktf.json',
      'generated/create-irsa-manifest.json',
      'generated/payments/data.tf.json',
      'generated/payments/main.tf.json',
      'generated/payments/outputs.tf.json',
      'generated/payments/policies/billing/invoice-exporter/role_trust_relationship.json',
      'generated/payments/policies/billing/invoice-exporter/s3_policy.json',
      'generated/payments/providers.tf.json',
      'irsa.config.json',
      'main.ts',
      'package.json',
      'templates/policies/role_trust_relationship.json.hbs',
      'templates/policies/s3_policy.json.hbs',
      'tsconfig.json',
    ]);
    expect(JSON.parse(readFileSync(join(cwd, 'payments-irsa/irsa.config.json'), 'utf8'))).toEqual({
      region: 'eu-west-1',
      cluster: { name: 'payments', oidcIssuer: ISSUER, createOidcProvider: true },
      bindings: [
        {
          namespace: 'billing',
          serviceAccount: 'invoice-exporter',
          bucket: 'acme-invoices',
          prefix: 'exports/',
          access: 'read',
          roleName: 'payments-billing-invoice-exporter',
          policyName: 'payments-billing-invoice-exporter-s3',
          createNamespace: false,
        },
      ],
    });
    expect(result.stdout).toContain('terraform -chdir=generated/payments init');
  });

  it('GIVEN the written config THEN --config on it reproduces byte-identical output', () => {
    const cwd = tempDir();
    expect(runBuiltCli(['a', ...FLAGS], cwd).status).toBe(0);
    expect(runBuiltCli(['b', '--config', 'a/irsa.config.json', '--yes'], cwd).status).toBe(0);
    expect(snapshotFiles(join(cwd, 'b'))).toEqual(snapshotFiles(join(cwd, 'a')));
    const before = snapshotFiles(join(cwd, 'a'));
    expect(runBuiltCli(['a', '--config', 'a/irsa.config.json', '--yes'], cwd).status).toBe(0);
    expect(snapshotFiles(join(cwd, 'a'))).toEqual(before);
  });

  it('GIVEN an existing project THEN flags for another service account add a binding, and keep the others', () => {
    const cwd = tempDir();
    expect(runBuiltCli(['p', ...FLAGS], cwd).status).toBe(0);
    const added = runBuiltCli(['p', '--namespace', 'reporting', '--service-account', 'report-writer', '--bucket', 'acme-reports', '--prefix', 'monthly/', '--yes'], cwd);
    expect(added.stderr).toBe('');
    expect(added.status).toBe(0);
    expect(added.stdout).toContain('This adds the binding of reporting/report-writer to the 1 already in p.');
    const config = JSON.parse(readFileSync(join(cwd, 'p/irsa.config.json'), 'utf8'));
    expect(config.cluster).toEqual({ name: 'payments', oidcIssuer: ISSUER, createOidcProvider: true });
    expect(config.bindings.map((binding: { serviceAccount: string }) => binding.serviceAccount)).toEqual(['invoice-exporter', 'report-writer']);
    expect(listFiles(join(cwd, 'p/generated/payments/policies'))).toHaveLength(4);

    const replaced = runBuiltCli(['p', '--namespace', 'billing', '--service-account', 'invoice-exporter', '--bucket', 'acme-invoices', '--prefix', 'imports/', '--yes'], cwd);
    expect(replaced.status).toBe(0);
    expect(replaced.stdout).toContain('This replaces the binding of billing/invoice-exporter in p, keeping the 1 other(s).');
    const after = JSON.parse(readFileSync(join(cwd, 'p/irsa.config.json'), 'utf8'));
    expect(after.bindings.map((binding: { prefix: string }) => binding.prefix)).toEqual(['imports/', 'monthly/']);
  });

  it('GIVEN an existing project THEN flags for another cluster are refused and nothing changes', () => {
    const cwd = tempDir();
    expect(runBuiltCli(['p', ...FLAGS], cwd).status).toBe(0);
    const before = snapshotFiles(join(cwd, 'p'));
    const result = runBuiltCli(['p', ...FLAGS.map((value) => (value === 'payments' ? 'checkout' : value))], cwd);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('p is the project of EKS cluster payments in eu-west-1; these answers are for checkout in eu-west-1');
    expect(snapshotFiles(join(cwd, 'p'))).toEqual(before);
  });

  it('GIVEN a YAML config with several bindings THEN every binding gets its policies', () => {
    const cwd = tempDir();
    writeFileSync(
      join(cwd, 'irsa.yaml'),
      [
        'region: eu-west-1',
        'cluster: { name: payments }',
        'bindings:',
        '  - { namespace: billing, serviceAccount: invoice-exporter, bucket: acme-invoices, prefix: exports/ }',
        '  - { namespace: reporting, serviceAccount: report-writer, bucket: acme-reports, prefix: "", access: read-write }',
      ].join('\n'),
    );
    const result = runBuiltCli(['out', '--config', 'irsa.yaml'], cwd);
    expect(result.status).toBe(0);
    expect(listFiles(join(cwd, 'out/generated/payments/policies'))).toEqual([
      'billing/invoice-exporter/role_trust_relationship.json',
      'billing/invoice-exporter/s3_policy.json',
      'reporting/report-writer/role_trust_relationship.json',
      'reporting/report-writer/s3_policy.json',
    ]);
    const whole = JSON.parse(readFileSync(join(cwd, 'out/generated/payments/policies/reporting/report-writer/s3_policy.json'), 'utf8'));
    expect(whole.Statement[1].Resource).toBe('arn:aws:s3:::acme-reports/*');
  });

  it('GIVEN invalid flags THEN it names each flag, its rule and an example, exits 2 and writes nothing', () => {
    const cwd = tempDir();
    const args = FLAGS.map((value) => (value === 'billing' ? 'Billing' : value === 'exports/' ? 'exports/*' : value));
    const result = runBuiltCli(['out', ...args], cwd);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('error: invalid input; nothing was written.');
    expect(result.stderr).toContain('--namespace (bindings[0].namespace): "Billing" is not a valid namespace');
    expect(result.stderr).toContain('Example: billing');
    expect(result.stderr).toContain('--prefix (bindings[0].prefix): "exports/*/" is not a valid prefix: it must not contain the IAM wildcards');
    expect(result.stderr).toContain('(normalized from "exports/*")');
    expect(listFiles(cwd)).toEqual([]);
  });

  it('GIVEN missing flags and no terminal THEN it lists exactly the missing flags and exits 2', () => {
    const cwd = tempDir();
    const result = runBuiltCli(['out', '--region', 'eu-west-1', '--namespace', 'billing'], cwd);
    expect(result.status).toBe(2);
    expect(result.stderr).toBe(
      'error: Missing --cluster, --service-account, --bucket, --prefix, and there is no terminal to ask for them. ' +
        'Pass them as flags (see create-irsa --help) or use --config <file>.\n',
    );
    expect(listFiles(cwd)).toEqual([]);
  });

  it('GIVEN a config file with a typo in a key THEN it is an error naming the key', () => {
    const cwd = tempDir();
    const raw = validRawConfig();
    (raw.bindings as Array<Record<string, unknown>>)[0].serviceAcount = 'x';
    writeFileSync(join(cwd, 'c.json'), JSON.stringify(raw));
    const result = runBuiltCli(['out', '--config', 'c.json'], cwd);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('bindings[0].serviceAcount: is not a known setting; did you mean "serviceAccount"?');
    expect(existsSync(join(cwd, 'out'))).toBe(false);
  });

  it.each([
    ['a key with a terminal escape sequence', 'c.yaml', 'region: eu-west-1\ncluster: {name: p}\nbindings:\n  - {namespace: a, serviceAccount: b, bucket: abc, prefix: "", "\\e[31mEVIL": 1}\n', 'bindings[0]."\\u001b[31mEVIL": is not a known setting'],
    ['malformed JSON around an escape character', 'c.json', '{"region": \u001b[31m}', "Unexpected token '\\u001b'"],
  ])('GIVEN %s THEN the error shows it escaped, never as a raw control character', (_, file, text, fragment) => {
    const cwd = tempDir();
    writeFileSync(join(cwd, file), text);
    const result = runBuiltCli(['out', '--config', file], cwd);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(fragment);
    expect(result.stderr).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
  });

  it('GIVEN malformed JSON THEN it points at the line and exits 2', () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, 'c.json'), '{\n  "region": "eu-west-1",\n}\n');
    const result = runBuiltCli(['out', '--config', 'c.json'], cwd);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/c\.json at line 3, column 1: not valid JSON/);
  });

  it.each([
    [['--bogus'], "Unknown option '--bogus'"],
    [['a', 'b'], 'Expected at most one folder'],
    [['--config', 'c.json', '--region', 'eu-west-1'], '--config cannot be combined with --region'],
    [['--create-namespace', '--no-create-namespace'], 'contradict'],
  ])('GIVEN the usage error %j THEN it exits 2 with a message', (args, fragment) => {
    const result = runBuiltCli(args, tempDir());
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(fragment);
  });

  it('GIVEN a non-empty folder that is not a create-irsa project THEN it refuses without --force, and writes with it', () => {
    const cwd = tempDir();
    mkdirSync(join(cwd, 'out'));
    writeFileSync(join(cwd, 'out', 'main.tf'), 'resource "x" "y" {}\n');
    const refused = runBuiltCli(['out', ...FLAGS], cwd);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain('is not empty and is not a create-irsa project');
    expect(listFiles(join(cwd, 'out'))).toEqual(['main.tf']);
    expect(runBuiltCli(['out', ...FLAGS, '--force'], cwd).status).toBe(0);
    expect(listFiles(join(cwd, 'out'))).toContain('main.tf');
    expect(listFiles(join(cwd, 'out'))).toContain('irsa.config.json');
  });

  it('GIVEN a project template override THEN the policies come from it', () => {
    const cwd = tempDir();
    expect(runBuiltCli(['p', ...FLAGS], cwd).status).toBe(0);
    mkdirSync(join(cwd, 'p/templates/policies'), { recursive: true });
    const bundled = readFileSync(join(__dirname, '../../templates/policies/s3_policy.json.hbs'), 'utf8');
    writeFileSync(join(cwd, 'p/templates/policies/s3_policy.json.hbs'), bundled.replace('"ReadObjects"', '"ReadInvoiceExports"'));
    expect(runBuiltCli(['p', '--config', 'p/irsa.config.json'], cwd).status).toBe(0);
    const policy = JSON.parse(readFileSync(join(cwd, 'p/generated/payments/policies/billing/invoice-exporter/s3_policy.json'), 'utf8'));
    expect(policy.Statement[1].Sid).toBe('ReadInvoiceExports');
  });

  it('GIVEN a broken template override THEN it names the template, exits 2 and keeps the previous output', () => {
    const cwd = tempDir();
    expect(runBuiltCli(['p', ...FLAGS], cwd).status).toBe(0);
    const before = snapshotFiles(join(cwd, 'p'));
    mkdirSync(join(cwd, 'p/templates/policies'), { recursive: true });
    writeFileSync(join(cwd, 'p/templates/policies/role_trust_relationship.json.hbs'), '{ "Version": {{json versoin}} }');
    const result = runBuiltCli(['p', '--config', 'p/irsa.config.json'], cwd);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('Policy template templates/policies/role_trust_relationship.json.hbs is broken');
    const after = snapshotFiles(join(cwd, 'p'));
    delete after['templates/policies/role_trust_relationship.json.hbs'];
    delete before['templates/policies/role_trust_relationship.json.hbs'];
    expect(after).toEqual(before);
  });

  it('GIVEN values that need normalizing THEN the normalized values are shown', () => {
    const cwd = tempDir();
    const args = FLAGS.map((value) => (value === 'exports/' ? 'exports' : value === ISSUER ? `${ISSUER}/` : value));
    const result = runBuiltCli(['out', ...args], cwd);
    expect(result.status).toBe(0);
    expect(result.stderr).toContain('note: --prefix "exports" was read as "exports/"');
    expect(result.stderr).toContain(`note: --oidc-issuer "${ISSUER}/" was read as "${ISSUER}"`);
  });

  it('--help lists every flag with its config key and an example', () => {
    const result = runBuiltCli(['--help'], tempDir());
    expect(result.status).toBe(0);
    for (const flag of FIELD_FLAGS) {
      expect(result.stdout).toContain(`--${flag.type === 'boolean' ? '[no-]' : ''}${flag.name}`);
      expect(result.stdout).toContain(`config: ${flag.configKey}`);
      expect(result.stdout).toContain(flag.example);
    }
    for (const flag of ['--config', '--yes', '--force', '--help', '--version']) expect(result.stdout).toContain(flag);
  });

  it('--help marks as required exactly the flags that have no default here', () => {
    const withoutRegion = runBuiltCli(['--help'], tempDir(), { AWS_REGION: '', AWS_DEFAULT_REGION: '' }).stdout;
    const required = withoutRegion.split('\n').filter((line) => line.includes('(required)')).map((line) => line.trim().split(' ')[0]);
    expect(required).toEqual(['--region', '--cluster', '--service-account', '--bucket', '--prefix']);
    const withRegion = runBuiltCli(['--help'], tempDir(), { AWS_REGION: 'eu-west-1' }).stdout;
    expect(withRegion).not.toMatch(/--region .*\(required\)/);
  });

  it('--version prints the package version', () => {
    const result = runBuiltCli(['--version'], tempDir());
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(`${require('../../package.json').version}\n`);
  });
});

describe('the repository example', () => {
  it('generated/ is what the example config produces (run npm run generate after a change)', () => {
    const cwd = tempDir();
    cpSync(join(__dirname, '../../irsa.config.json'), join(cwd, 'irsa.config.json'));
    expect(runBuiltCli(['.', '--config', 'irsa.config.json', '--yes'], cwd).status).toBe(0);
    const repo = join(__dirname, '../..');
    expect(snapshotFiles(join(cwd, 'generated'))).toEqual(snapshotFiles(join(repo, 'generated')));
    expect(readFileSync(join(cwd, 'irsa.config.json'), 'utf8')).toBe(readFileSync(join(repo, 'irsa.config.json'), 'utf8'));
  });
});
