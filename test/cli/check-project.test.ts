/**
 * `create-irsa <dir> --check`, in process, on a project written by create-irsa and then changed:
 * what CI reads (the report, and the exit code).
 */
import { mkdirSync, readdirSync, readFileSync, renameSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runInProcess } from '../helpers/in-process-cli';
import { tempDir, validRawBinding, validRawConfig } from '../helpers/fixtures';

/** A project `p` in a fresh folder, written from a two-binding config; returns the folder. */
async function writtenProject(overrides: Record<string, unknown> = {}): Promise<string> {
  const cwd = tempDir();
  const raw = validRawConfig({
    bindings: [validRawBinding(), validRawBinding({ namespace: 'reporting', serviceAccount: 'report-writer', bucket: 'acme-reports' })],
    ...overrides,
  });
  writeFileSync(join(cwd, 'config.json'), JSON.stringify(raw));
  const written = await runInProcess(['p', '--config', 'config.json', '--yes'], cwd);
  expect(written.code).toBe(0);
  return cwd;
}

function editConfig(cwd: string, edit: (config: Record<string, unknown>) => void): void {
  const path = join(cwd, 'p/irsa.config.json');
  const config = JSON.parse(readFileSync(path, 'utf8'));
  edit(config);
  writeFileSync(path, JSON.stringify(config, null, 2));
}

describe('create-irsa --check', () => {
  it('GIVEN an irsa.config.json with an invalid field THEN it lists every problem by field, as --config does, and exits 2', async () => {
    const cwd = await writtenProject();
    editConfig(cwd, (config) => ((config.bindings as Array<Record<string, unknown>>)[0].access = 'write'));

    const check = await runInProcess(['p', '--check'], cwd);
    const dryRun = await runInProcess(['p', '--config', 'p/irsa.config.json', '--dry-run'], cwd);

    expect(check.code).toBe(2);
    expect(check.stdout).toBe('');
    expect(check.stderr).toBe(
      'error: invalid input in p/irsa.config.json; nothing was written.\n' +
        '  - bindings[0].access: must be one of "read" or "read-write", got the string "write". Example: read-write\n',
    );
    expect(check.stderr).toBe(dryRun.stderr);
  });

  it('GIVEN a folder without irsa.config.json THEN it says it is not a project, and exits 2', async () => {
    const cwd = tempDir();
    mkdirSync(join(cwd, 'p'));
    writeFileSync(join(cwd, 'p/notes.txt'), 'hello\n');
    const check = await runInProcess(['p', '--check'], cwd);
    expect(check.code).toBe(2);
    expect(check.stderr).toBe('error: p is not a create-irsa project: it has no valid irsa.config.json. Example: create-irsa irsa --check\n');
  });

  it('GIVEN a folder that does not exist, nor its parent THEN it says so, creates nothing, and exits 2', async () => {
    const cwd = tempDir();
    const check = await runInProcess(['missing/p', '--check'], cwd);
    expect(check.code).toBe(2);
    expect(check.stderr).toBe('error: missing/p does not exist: --check reads an existing project. Example: create-irsa irsa --check\n');
    expect(readdirSync(cwd)).toEqual([]);
  });

  it('GIVEN only the output format changed THEN it says so, and names no binding', async () => {
    const cwd = await writtenProject();
    editConfig(cwd, (config) => (config.format = 'hcl'));

    const check = await runInProcess(['p', '--check'], cwd);

    expect(check.code).toBe(1);
    expect(check.stderr).toBe(
      [
        'p/generated is out of date with p/irsa.config.json.',
        'Output format changed: json -> hcl (every Terraform file is written again in the new format).',
        'Files (+ missing, ~ different, - no longer generated):',
        '  + p/generated/payments/data.tf',
        '  + p/generated/payments/main.tf',
        '  + p/generated/payments/outputs.tf',
        '  + p/generated/payments/providers.tf',
        '  ~ p/generated/create-irsa-manifest.json',
        '  - p/generated/payments/data.tf.json',
        '  - p/generated/payments/main.tf.json',
        '  - p/generated/payments/outputs.tf.json',
        '  - p/generated/payments/providers.tf.json',
        'Run: create-irsa p --config p/irsa.config.json',
        'and commit the result.',
        '',
      ].join('\n'),
    );
  });

  it('GIVEN the format and one binding changed THEN it names the format and that binding only', async () => {
    const cwd = await writtenProject();
    editConfig(cwd, (config) => {
      config.format = 'hcl';
      (config.bindings as Array<Record<string, unknown>>)[1].prefix = 'monthly/';
    });
    const check = await runInProcess(['p', '--check'], cwd);
    expect(check.code).toBe(1);
    expect(check.stderr).toContain('Output format changed: json -> hcl');
    expect(check.stderr).toContain('\nBindings that differ: reporting/report-writer\n');
    expect(check.stderr).not.toContain('Settings of cluster');
  });

  it('GIVEN Terraform files create-irsa did not write in the module THEN it lists them, override files marked, and stays green', async () => {
    const cwd = await writtenProject();
    const module = join(cwd, 'p/generated/payments');
    writeFileSync(join(module, 'zz_override.tf.json'), '{"resource": {"aws_iam_role": {"billing_invoice_exporter": {"permissions_boundary": null}}}}\n');
    writeFileSync(join(module, 'backend_override.tf'), 'terraform {\n  backend "local" {}\n}\n');
    writeFileSync(join(module, 'extra.tf'), '');
    // Terraform's own files, and what Terraform does not load, are not the user's Terraform.
    writeFileSync(join(module, 'terraform.tfstate'), '{}\n');
    writeFileSync(join(module, '.terraform.lock.hcl'), '\n');
    writeFileSync(join(module, 'extra.tf~'), '');
    mkdirSync(join(module, '.terraform'));
    writeFileSync(join(module, '.terraform/x.tf'), '');

    const check = await runInProcess(['p', '--check'], cwd);

    expect(check.code).toBe(0);
    expect(check.stderr).toBe('');
    expect(check.stdout).toBe(
      [
        'p/generated is up to date with p/irsa.config.json.',
        'Terraform files in p/generated/payments that create-irsa did not write (they are part of the plan; review them):',
        "  p/generated/payments/backend_override.tf (override file: it changes create-irsa's blocks)",
        '  p/generated/payments/extra.tf',
        "  p/generated/payments/zz_override.tf.json (override file: it changes create-irsa's blocks)",
        '',
      ].join('\n'),
    );
  });

  it('GIVEN a file name with a newline THEN it is shown escaped, on one line', async () => {
    const cwd = await writtenProject();
    writeFileSync(join(cwd, 'p/generated/payments/a\nb.tf'), '');
    const check = await runInProcess(['p', '--check'], cwd);
    expect(check.stdout).toContain('\n  p/generated/payments/a\\u000ab.tf\n');
  });

  it('GIVEN generated/ is a symbolic link THEN it refuses as a write does, exit 2', async () => {
    const cwd = await writtenProject();
    renameSync(join(cwd, 'p/generated'), join(cwd, 'elsewhere'));
    symlinkSync(join(cwd, 'elsewhere'), join(cwd, 'p/generated'));

    const check = await runInProcess(['p', '--check'], cwd);
    const write = await runInProcess(['p', '--config', 'p/irsa.config.json', '--yes'], cwd);

    expect(check.code).toBe(2);
    expect(check.stdout).toBe('');
    expect(check.stderr).toContain('p/generated is a symbolic link; create-irsa replaces generated with its own folder');
    expect(check.stderr).toBe(write.stderr);
    expect(check.code).toBe(write.code);
  });
});
