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
    ['json', 'the Terraform (Terraform JSON, `*.tf.json`)'],
    ['hcl', 'the Terraform (HCL, `*.tf`)'],
  ])('GIVEN format %s THEN the file table names its Terraform files', (format, text) => {
    expect(readmeOf({ format })).toContain(text);
  });

  it.each([
    ['no backend', {}, ['"backend": { "s3": { "bucket": "<state bucket>", "key": "irsa/payments.tfstate" } }', '-migrate-state']],
    [
      'an S3 backend',
      { backend: { s3: { bucket: 'acme-tfstate', key: 'irsa/payments.tfstate' } } },
      ['State is kept in `s3://acme-tfstate/irsa/payments.tfstate` (eu-west-1), locked with an S3 lock file'],
    ],
    [
      'an S3 backend locked in DynamoDB',
      { backend: { s3: { bucket: 'acme-tfstate', key: 'irsa/payments.tfstate', region: 'eu-central-1', dynamodbTable: 'terraform-locks' } } },
      ['`s3://acme-tfstate/irsa/payments.tfstate` (eu-central-1), locked in the DynamoDB table `terraform-locks`'],
    ],
  ])('GIVEN %s THEN the state section says where state is, or how to put it in S3', (_, overrides, expected) => {
    const readme = readmeOf(overrides);
    const state = readme.slice(readme.indexOf('## Terraform state'));
    for (const text of expected) expect(state).toContain(text);
  });

  it('GIVEN an S3 backend THEN the README does not suggest adding one', () => {
    expect(readmeOf({ backend: { s3: { bucket: 'acme-tfstate', key: 'irsa/payments.tfstate' } } })).not.toContain('<state bucket>');
  });
});
