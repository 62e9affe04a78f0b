/**
 * The README of a new project: the commands a reviewer and a pipeline run, in the order a user
 * should try them, and where the project's state is.
 */
import { parseConfig } from '../../src/config/parse-config';
import { projectReadme } from '../../src/scaffold/project-readme';
import { validRawConfig } from '../helpers/fixtures';

const VERSION = '9.8.7';

function readmeOf(overrides: Record<string, unknown> = {}): string {
  return projectReadme(parseConfig(validRawConfig(overrides)).config, VERSION);
}

describe('the project README', () => {
  it('GIVEN a project WHEN it explains regenerating THEN npx with no install comes first, and the CDKTF route second', () => {
    const readme = readmeOf();
    const npx = readme.indexOf('npx create-irsa@9.8.7 . --config irsa.config.json\n');
    const cdktf = readme.indexOf('`npm install`, then `npm run generate`');
    expect(npx).toBeGreaterThan(0);
    expect(cdktf).toBeGreaterThan(npx);
  });

  it('GIVEN a project THEN it previews a change with --dry-run before regenerating', () => {
    const readme = readmeOf();
    expect(readme).toContain('npx create-irsa@9.8.7 . --config irsa.config.json --dry-run\n');
    expect(readme.indexOf('--dry-run')).toBeLessThan(readme.indexOf('npx create-irsa@9.8.7 . --config irsa.config.json\n'));
  });

  it('GIVEN a project THEN its CI example is a GitHub Actions job that runs --check, with the exit codes explained', () => {
    const readme = readmeOf();
    const ci = readme.slice(readme.indexOf('## Check in CI'), readme.indexOf('## Deploy'));
    expect(ci).toContain('```yaml\njobs:\n');
    expect(ci).toContain('      - run: npx create-irsa@9.8.7 . --check\n');
    expect(ci).toMatch(/exits 0 when[^]*1 when it is out of date[^]*2 when the config is invalid/);
  });

  it.each([
    ['the format', { format: 'hcl' }],
    ['the backend', { backend: { s3: { bucket: 'acme-tfstate', key: 'irsa/payments.tfstate' } } }],
    ['the bindings', { bindings: [{ namespace: 'etl', serviceAccount: 'loader', s3: [{ bucket: 'acme-raw', prefix: 'in/', access: 'read-write' }] }] }],
  ])('GIVEN a project WHEN a later run changes %s THEN the README, written once, still holds: it describes none of them', (_, overrides) => {
    expect(readmeOf(overrides)).toBe(readmeOf());
  });

  it('GIVEN a project THEN it points to irsa.config.json for the bindings, the format and the backend, and names both file kinds', () => {
    const readme = readmeOf();
    expect(readme).toContain('`irsa.config.json` lists them: one binding per service account');
    expect(readme).toContain('the Terraform (`*.tf.json`, or `*.tf` with `"format": "hcl"`)');
  });

  it('GIVEN a project THEN the state section says how to put state in S3 and move it there', () => {
    const state = readmeOf().slice(readmeOf().indexOf('## Terraform state'));
    expect(state).toContain('"backend": { "s3": { "bucket": "<state bucket>", "key": "irsa/payments.tfstate" } }');
    expect(state).toContain('`terraform -chdir=generated/payments init` (add `-migrate-state`');
    expect(state).toContain('`generated/payments/backend_override.tf`');
  });
});
