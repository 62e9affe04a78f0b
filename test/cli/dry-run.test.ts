/**
 * What `--dry-run` says a write would change, and what a write says it changed: the same files
 * `git status` shows afterwards, no more. In process, on a project written by create-irsa.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runInProcess } from '../helpers/in-process-cli';
import { tempDir, validRawConfig } from '../helpers/fixtures';

const ADD_BINDING = ['--namespace', 'reporting', '--service-account', 'report-writer', '--bucket', 'acme-reports', '--prefix', 'monthly/', '--access', 'read'];

async function writtenProject(): Promise<string> {
  const cwd = tempDir();
  writeFileSync(join(cwd, 'config.json'), JSON.stringify(validRawConfig()));
  expect((await runInProcess(['p', '--config', 'config.json', '--yes'], cwd)).code).toBe(0);
  return cwd;
}

const CHANGED_BY_ADDING = [
  '  ~ p/irsa.config.json',
  '  + p/generated/payments/policies/reporting/report-writer/role_trust_relationship.json',
  '  + p/generated/payments/policies/reporting/report-writer/s3_policy.json',
  '  ~ p/generated/payments/main.tf.json',
  '  ~ p/generated/payments/outputs.tf.json',
  '  ~ p/generated/create-irsa-manifest.json',
];

describe('create-irsa --dry-run and the files a write reports', () => {
  it('GIVEN a binding added by flags THEN --dry-run lists irsa.config.json with the generated files', async () => {
    const cwd = await writtenProject();
    const dryRun = await runInProcess(['p', ...ADD_BINDING, '--dry-run'], cwd);
    expect(dryRun.code).toBe(0);
    expect(dryRun.stdout).toBe(
      [
        'This adds the binding of reporting/report-writer to the 1 already in p.',
        'Dry run: nothing was written.',
        'Changes to p:',
        '  + reporting/report-writer (read s3://acme-reports/monthly/)',
        'Files that would change:',
        ...CHANGED_BY_ADDING,
        '',
      ].join('\n'),
    );
  });

  it('GIVEN the same binding written THEN "Wrote" lists the files that changed and counts the others', async () => {
    const cwd = await writtenProject();
    const write = await runInProcess(['p', ...ADD_BINDING, '--yes'], cwd);
    expect(write.code).toBe(0);
    expect(write.stdout).toContain(['Wrote p:', ...CHANGED_BY_ADDING, '  4 files unchanged', '', 'Next steps:'].join('\n'));
  });

  it('GIVEN a regeneration that changes nothing THEN the write says every file is unchanged', async () => {
    const cwd = await writtenProject();
    const write = await runInProcess(['p', '--config', 'p/irsa.config.json', '--yes'], cwd);
    expect(write.stdout).toMatch(/^Wrote p:\n {2}8 files unchanged\n\nNext steps:/);
  });

  it('GIVEN Terraform files create-irsa did not write THEN --dry-run lists them after the files', async () => {
    const cwd = await writtenProject();
    writeFileSync(join(cwd, 'p/generated/payments/backend_override.tf'), 'terraform {\n  backend "local" {}\n}\n');
    const dryRun = await runInProcess(['p', '--config', 'p/irsa.config.json', '--dry-run'], cwd);
    expect(dryRun.stdout).toBe(
      [
        'Dry run: nothing was written.',
        'No change to the bindings of p.',
        'No file would change.',
        'Terraform files in p/generated/payments that create-irsa did not write (they are part of the plan; review them):',
        "  p/generated/payments/backend_override.tf (override file: it changes create-irsa's blocks)",
        '',
      ].join('\n'),
    );
  });
});
