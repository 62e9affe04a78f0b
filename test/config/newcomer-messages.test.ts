/**
 * Messages a newcomer meets first: each says what is wrong in the user's own words, with a value
 * they can copy. Exact texts, because the text is the feature.
 */
import { checkField, FieldName } from '../../src/config/field-specs';
import { InvalidConfigError } from '../../src/config/invalid-config-error';
import { parseConfig } from '../../src/config/parse-config';
import { ISSUER, tempDir, validRawBinding, validRawConfig } from '../helpers/fixtures';
import { runBuiltCli } from '../helpers/run-built-cli';

function problemOf(field: FieldName, typed: string): string {
  const check = checkField(field, typed);
  if (check.ok) throw new Error(`${JSON.stringify(typed)} was accepted as ${field}`);
  return check.problem;
}

describe('messages for what newcomers type', () => {
  it.each<[FieldName, string, string]>([
    ['region', '', 'is required. Example: eu-west-1'],
    ['clusterName', '', 'is required. Example: payments'],
    ['namespace', '  ', 'is required. Example: billing'],
    ['serviceAccount', '', 'is required. Example: invoice-exporter'],
    ['bucket', '', 'is required. Example: acme-invoices'],
    ['region', 'EU-West-1', '"EU-West-1" is not an AWS region code: region codes are lowercase. Example: eu-west-1'],
    ['bucket', 'Acme-Invoices', '"Acme-Invoices" is not a valid S3 bucket name: bucket names are lowercase. Example: acme-invoices'],
    [
      'bucket',
      's3://acme-invoices/exports/',
      '"s3://acme-invoices/exports/" is an S3 URL, not a bucket name: give the bucket name alone, and the folder "exports/" as the prefix. Example: acme-invoices',
    ],
    ['bucket', 's3://acme-invoices', '"s3://acme-invoices" is an S3 URL, not a bucket name: give the bucket name alone. Example: acme-invoices'],
    ['bucket', 'arn:aws:s3:::acme-invoices', '"arn:aws:s3:::acme-invoices" is an S3 ARN, not a bucket name: give the bucket name alone. Example: acme-invoices'],
    // The rule quotes what was typed, not the folder it was normalized to ("logs/*/").
    ['prefix', 'logs/*', '"logs/*" is not a valid prefix: it must not contain the IAM wildcards "*" or "?". Example: exports/'],
    ['prefix', '/a/../b', '"/a/../b" is not a valid prefix: it must not contain "." or ".." folders. Example: exports/'],
  ])('GIVEN %s %j THEN it says: %s', (field, typed, message) => {
    expect(problemOf(field, typed)).toBe(message);
  });

  it('GIVEN an issuer of another region THEN it is refused at once, with the command that prints the right one', () => {
    const raw = validRawConfig({ region: 'eu-central-1', cluster: { oidcIssuer: ISSUER } });
    expect(() => parseConfig(raw)).toThrow(InvalidConfigError);
    try {
      parseConfig(raw);
    } catch (error) {
      expect((error as InvalidConfigError).issues).toEqual([
        {
          field: 'cluster.oidcIssuer',
          message:
            'is the issuer of a cluster in eu-west-1, but region is eu-central-1: give the issuer of cluster payments, printed by ' +
            'aws eks describe-cluster --name payments --region eu-central-1 --query cluster.identity.oidc.issuer --output text',
        },
      ]);
    }
  });

  it('GIVEN names too long for IAM THEN a note gives the full and the shortened default name', () => {
    const serviceAccount = `s${'x'.repeat(70)}`;
    const { config, notes } = parseConfig(validRawConfig({ bindings: [validRawBinding({ serviceAccount })] }));
    expect(notes).toEqual([
      {
        field: 'bindings[0].roleName',
        from: `payments-billing-${serviceAccount}`,
        to: config.bindings[0].roleName,
        reason: "is longer than IAM's 64 characters, so the default name is shortened",
      },
    ]);
    expect(config.bindings[0].roleName).toHaveLength(64);
  });

  it('GIVEN several bad flags, a bad --access among them THEN all are reported at once, each naming its flag', () => {
    const result = runBuiltCli(['p', '--region', 'EU-West-1', '--cluster', 'payments', '--service-account', 'a', '--bucket', 's3://acme', '--prefix', 'x/', '--access', 'rw', '--yes'], tempDir());
    expect(result.status).toBe(2);
    expect(result.stderr).toBe(
      [
        'error: invalid input; nothing was written.',
        '  - --region (region): "EU-West-1" is not an AWS region code: region codes are lowercase. Example: eu-west-1',
        '  - --bucket (bindings[0].bucket): "s3://acme" is an S3 URL, not a bucket name: give the bucket name alone. Example: acme',
        '  - --access (bindings[0].access): must be one of "read" or "read-write", got the string "rw". Example: read-write',
        '',
      ].join('\n'),
    );
  });
});
