/**
 * The table of inputs users paste from wikis, chats and terminals: each bad one is rejected with
 * a message naming the rule; each good one at a limit is accepted and generates.
 */
import { InvalidConfigError } from '../../src/config/invalid-config-error';
import { parseConfig } from '../../src/config/parse-config';
import { generateModules } from '../../src/generate';
import { loadPolicyTemplates } from '../../src/policies/policy-templates';
import { ISSUER, validRawBinding, validRawConfig } from '../helpers/fixtures';
import { checkGeneratedModule } from '../helpers/module-invariants';

type Row = [field: string, value: unknown, fragment: string];

const binding = (key: string) => (value: unknown) => validRawConfig({ bindings: [validRawBinding({ [key]: value })] });
const cluster = (key: string) => (value: unknown) => validRawConfig({ cluster: { [key]: value } });
const CONFIG_FOR: Record<string, (value: unknown) => Record<string, unknown>> = {
  region: (value) => validRawConfig({ region: value }),
  'cluster.name': cluster('name'),
  'cluster.oidcIssuer': cluster('oidcIssuer'),
  'cluster.createOidcProvider': cluster('createOidcProvider'),
  'bindings[0].namespace': binding('namespace'),
  'bindings[0].serviceAccount': binding('serviceAccount'),
  'bindings[0].bucket': binding('bucket'),
  'bindings[0].prefix': binding('prefix'),
  'bindings[0].access': binding('access'),
  'bindings[0].roleName': binding('roleName'),
  'bindings[0].policyName': binding('policyName'),
  'bindings[0].terraformName': binding('terraformName'),
  'bindings[0].createNamespace': binding('createNamespace'),
};

const NAMESPACE = 'must be an RFC 1123 label';
const SERVICE_ACCOUNT = 'must be an RFC 1123 subdomain';
const BUCKET = 'is not a valid S3 bucket name';
const CLUSTER = 'is not a valid EKS cluster name';
const REGION = 'is not an AWS region code';
const ISSUER_RULE = 'is not a valid OIDC issuer URL';
const ROLE = 'is not a valid IAM role name';
const POLICY = 'is not a valid IAM policy name';
const TERRAFORM_NAME = 'is not a valid Terraform name';

const BAD: Row[] = [
  // namespace
  ['bindings[0].namespace', 'Billing', NAMESPACE],
  ['bindings[0].namespace', 'BILLING', NAMESPACE],
  ['bindings[0].namespace', 'bill ing', NAMESPACE],
  ['bindings[0].namespace', 'bill_ing', NAMESPACE],
  ['bindings[0].namespace', 'bill.ing', NAMESPACE],
  ['bindings[0].namespace', '-billing', NAMESPACE],
  ['bindings[0].namespace', 'billing-', NAMESPACE],
  ['bindings[0].namespace', 'bíllíng', NAMESPACE],
  ['bindings[0].namespace', 'bіlling' /* Cyrillic i */, NAMESPACE],
  ['bindings[0].namespace', '“billing”', NAMESPACE],
  ['bindings[0].namespace', 'billing\u200b', NAMESPACE],
  ['bindings[0].namespace', 'bill\tng', NAMESPACE],
  ['bindings[0].namespace', '${var.ns}', NAMESPACE],
  ['bindings[0].namespace', '*', NAMESPACE],
  ['bindings[0].namespace', 'a'.repeat(64), NAMESPACE],
  ['bindings[0].namespace', '', 'is required. Example: billing'],
  ['bindings[0].namespace', '   ', 'is required. Example: billing'],
  ['bindings[0].namespace', 42, 'must be a string'],
  ['bindings[0].namespace', null, 'must be a string'],
  ['bindings[0].namespace', ['billing'], 'must be a string'],
  // service account
  ['bindings[0].serviceAccount', 'Invoice-Exporter', SERVICE_ACCOUNT],
  ['bindings[0].serviceAccount', 'invoice exporter', SERVICE_ACCOUNT],
  ['bindings[0].serviceAccount', 'invoice_exporter', SERVICE_ACCOUNT],
  ['bindings[0].serviceAccount', 'invoice..exporter', SERVICE_ACCOUNT],
  ['bindings[0].serviceAccount', '.invoice', SERVICE_ACCOUNT],
  ['bindings[0].serviceAccount', 'invoice.', SERVICE_ACCOUNT],
  ['bindings[0].serviceAccount', 'invoice-.exporter', SERVICE_ACCOUNT],
  ['bindings[0].serviceAccount', 'system:serviceaccount:billing:x', SERVICE_ACCOUNT],
  ['bindings[0].serviceAccount', '*', SERVICE_ACCOUNT],
  ['bindings[0].serviceAccount', 'invoice-*', SERVICE_ACCOUNT],
  ['bindings[0].serviceAccount', '${x}', SERVICE_ACCOUNT],
  ['bindings[0].serviceAccount', 'invoіce' /* Cyrillic i */, SERVICE_ACCOUNT],
  ['bindings[0].serviceAccount', 'invoice’s', SERVICE_ACCOUNT],
  ['bindings[0].serviceAccount', 'invoice\nexporter', SERVICE_ACCOUNT],
  ['bindings[0].serviceAccount', 'a'.repeat(254), SERVICE_ACCOUNT],
  ['bindings[0].serviceAccount', '', 'is required. Example: invoice-exporter'],
  ['bindings[0].serviceAccount', true, 'must be a string'],
  ['bindings[0].serviceAccount', 'default', 'every pod in the namespace that names no service account runs as it'],
  ['bindings[0].serviceAccount', ' default ', 'use a dedicated service account'],
  // bucket
  ['bindings[0].bucket', 'ab', '3-63 characters'],
  ['bindings[0].bucket', 'a'.repeat(64), '3-63 characters'],
  ['bindings[0].bucket', 'Acme-Invoices', 'bucket names are lowercase. Example: acme-invoices'],
  ['bindings[0].bucket', 'acme_invoices', 'only lowercase letters'],
  ['bindings[0].bucket', 'acme invoices', 'only lowercase letters'],
  ['bindings[0].bucket', 'acme-invoices/*', 'only lowercase letters'],
  ['bindings[0].bucket', 's3://acme-invoices', 'is an S3 URL, not a bucket name: give the bucket name alone. Example: acme-invoices'],
  ['bindings[0].bucket', 'arn:aws:s3:::acme-invoices', 'is an S3 ARN, not a bucket name: give the bucket name alone. Example: acme-invoices'],
  ['bindings[0].bucket', '*', '3-63 characters'],
  ['bindings[0].bucket', 'acme-*', 'only lowercase letters'],
  ['bindings[0].bucket', '${var.bucket}', 'only lowercase letters'],
  ['bindings[0].bucket', '.acme', 'start and end with a letter or digit'],
  ['bindings[0].bucket', 'acme-', 'start and end with a letter or digit'],
  ['bindings[0].bucket', 'acme..invoices', 'two adjacent periods'],
  ['bindings[0].bucket', '10.0.0.1', 'IP address'],
  ['bindings[0].bucket', 'xn--acme', 'reserved'],
  ['bindings[0].bucket', 'sthree-acme', 'reserved'],
  ['bindings[0].bucket', 'amzn-s3-demo-bucket', 'reserved'],
  ['bindings[0].bucket', 'acme-s3alias', 'reserved'],
  ['bindings[0].bucket', 'acme--ol-s3', 'reserved'],
  ['bindings[0].bucket', 'acme.mrap', 'reserved'],
  ['bindings[0].bucket', 'acme--x-s3', 'reserved'],
  ['bindings[0].bucket', 'acme--table-s3', 'reserved'],
  ['bindings[0].bucket', 'аcme' /* Cyrillic a */, 'only lowercase letters'],
  ['bindings[0].bucket', '', 'is required. Example: acme-invoices'],
  // prefix
  ['bindings[0].prefix', 'exports/*', 'IAM wildcards'],
  ['bindings[0].prefix', '*', 'IAM wildcards'],
  ['bindings[0].prefix', 'exp?rts', 'IAM wildcards'],
  ['bindings[0].prefix', 'exports/**/', 'IAM wildcards'],
  ['bindings[0].prefix', '${var.prefix}', 'Terraform interpolation'],
  ['bindings[0].prefix', 'a/${jsonencode(x)}/', 'Terraform interpolation'],
  ['bindings[0].prefix', '%{ if true }x%{ endif }', 'Terraform interpolation'],
  ['bindings[0].prefix', 'exports//2026', '"//"'],
  ['bindings[0].prefix', 'exports/../secrets', '"." or ".." folders'],
  ['bindings[0].prefix', '../secrets', '"." or ".." folders'],
  ['bindings[0].prefix', './exports', '"." or ".." folders'],
  ['bindings[0].prefix', 'exports\nsecrets', 'control characters'],
  ['bindings[0].prefix', 'exports\u0000', 'control characters'],
  ['bindings[0].prefix', 'exp\u007forts', 'control characters'],
  ['bindings[0].prefix', '/', 'only slashes'],
  ['bindings[0].prefix', '///', 'only slashes'],
  ['bindings[0].prefix', ' / ', 'only slashes'],
  ['bindings[0].prefix', ' ', 'is only whitespace or invisible characters; to grant the whole bucket, give an empty prefix'],
  ['bindings[0].prefix', '\t', 'is only whitespace or invisible characters'],
  ['bindings[0].prefix', '\n', 'is only whitespace or invisible characters'],
  ['bindings[0].prefix', '\u3000', 'is only whitespace or invisible characters'],
  ['bindings[0].prefix', '\u00a0', 'is only whitespace or invisible characters'],
  ['bindings[0].prefix', '\ufeff', 'is only whitespace or invisible characters'],
  ['bindings[0].prefix', '\u200b', 'is only whitespace or invisible characters'],
  ['bindings[0].prefix', ' \u200b\u2060\t', 'is only whitespace or invisible characters'],
  ['bindings[0].prefix', '""', 'is a pair of quotes, not an empty value'],
  ['bindings[0].prefix', "''", 'is a pair of quotes, not an empty value'],
  ['bindings[0].prefix', 'exports\u200b', 'it must not contain invisible characters (it contains U+200B'],
  ['bindings[0].prefix', 'exp\u202eorts/', 'it must not contain invisible characters (it contains U+202E'],
  ['bindings[0].prefix', '\u2066exports\u2069', 'it must not contain invisible characters (it contains U+2066'],
  ['bindings[0].prefix', 'exports\ufeff/', 'it must not contain invisible characters (it contains U+FEFF'],
  ['bindings[0].prefix', 'ex\u00adports/', 'it must not contain invisible characters (it contains U+00AD'],
  ['bindings[0].prefix', 'exports/\ud800/', 'it must not contain invisible characters (it contains U+D800'],
  ['bindings[0].prefix', 'exports\ufdd0/', 'it must not contain invisible characters (it contains U+FDD0'],
  ['bindings[0].prefix', 'exports\uffff/', 'it must not contain invisible characters (it contains U+FFFF'],
  ['bindings[0].prefix', 'exports\u{e0001}/', 'it must not contain invisible characters (it contains U+E0001'],
  ['bindings[0].prefix', 'exp\u009borts/', 'it must not contain control characters (it contains U+009B'],
  ['bindings[0].prefix', 'exports\u00a0/', 'it must not contain spaces other than the ASCII space (it contains U+00A0'],
  ['bindings[0].prefix', 'exports\u3000', 'it must not contain spaces other than the ASCII space (it contains U+3000'],
  ['bindings[0].prefix', 'exports /', 'a folder name must not start or end with a space'],
  ['bindings[0].prefix', '/ exports', 'a folder name must not start or end with a space'],
  ['bindings[0].prefix', 'a/ /b', 'a folder name must not start or end with a space'],
  ['bindings[0].prefix', 'a'.repeat(1024), 'at most 1024 bytes'],
  ['bindings[0].prefix', 7, 'must be a string'],
  // cluster
  ['cluster.name', '-payments', CLUSTER],
  ['cluster.name', '_payments', CLUSTER],
  ['cluster.name', 'pay ments', CLUSTER],
  ['cluster.name', 'pay.ments', CLUSTER],
  ['cluster.name', 'payments/prod', CLUSTER],
  ['cluster.name', 'paymënts', CLUSTER],
  ['cluster.name', '${var.cluster}', CLUSTER],
  ['cluster.name', 'a'.repeat(101), CLUSTER],
  ['cluster.name', '', 'is required. Example: payments'],
  ['cluster.name', undefined, 'is required'],
  // region
  ['region', 'EU-WEST-1', REGION],
  ['region', 'eu-west', REGION],
  ['region', 'euw1', REGION],
  ['region', 'eu-west-1a', REGION],
  ['region', 'Ireland', REGION],
  ['region', 'eu_west_1', REGION],
  ['region', '', 'is required. Example: eu-west-1'],
  ['region', undefined, 'is required'],
  // issuer
  ['cluster.oidcIssuer', 'http://oidc.eks.eu-west-1.amazonaws.com/id/ABC', 'must start with "https://"'],
  ['cluster.oidcIssuer', 'ftp://oidc.eks.eu-west-1.amazonaws.com/id/ABC', 'must start with "https://"'],
  ['cluster.oidcIssuer', `${ISSUER}?x=1`, 'query string'],
  ['cluster.oidcIssuer', `${ISSUER}#x`, 'fragment'],
  ['cluster.oidcIssuer', 'https://user:pass@oidc.eks.eu-west-1.amazonaws.com/id/ABC', 'credentials'],
  ['cluster.oidcIssuer', 'https://oidc.eks.eu-west-1.amazonaws.com:443/id/ABC', 'port'],
  ['cluster.oidcIssuer', 'https://OIDC.EKS.eu-west-1.amazonaws.com/id/ABC', 'lowercase host'],
  ['cluster.oidcIssuer', 'https://oidc.eks.eu-west-1.amazonaws.com/id/${x}', 'lowercase host name followed by a path'],
  ['cluster.oidcIssuer', 'https://oidc.eks.eu-west-1.amazonaws.com/id/A B', 'lowercase host name followed by a path'],
  ['cluster.oidcIssuer', `https://oidc.example.com/${'a'.repeat(250)}`, 'at most 255 characters'],
  ['cluster.oidcIssuer', 12, 'must be a string'],
  ['cluster.oidcIssuer', 'https://oidc.eks.eu-west-1.amazonaws.com/id/../0123456789ABCDEF0123456789ABCDEF', '"." or ".." path segments'],
  ['cluster.oidcIssuer', 'https://oidc.eks.eu-west-1.amazonaws.com/./id/ABC', '"." or ".." path segments'],
  ['cluster.oidcIssuer', `${ISSUER}/..`, '"." or ".." path segments'],
  ['cluster.oidcIssuer', `${ISSUER}/./`, '"." or ".." path segments'],
  ['cluster.oidcIssuer', 'https://oidc.eks.eu-west-1.amazonaws.com/id/%2e%2e/ABC', 'percent-encoded characters'],
  ['cluster.oidcIssuer', 'https://oidc.eks.eu-west-1.amazonaws.com/%2E/id/ABC', 'percent-encoded characters'],
  ['cluster.oidcIssuer', 'https://oidc.eks.eu-west-1.amazonaws.com/id/%41BC', 'percent-encoded characters'],
  ['cluster.oidcIssuer', `\u200b${ISSUER}`, '(it contains U+200B, which is invisible or looks like a space)'],
  ['cluster.oidcIssuer', `\ufeff${ISSUER}`, '(it contains U+FEFF, which is invisible or looks like a space)'],
  ['cluster.oidcIssuer', '\ufeff', '(it contains U+FEFF, which is invisible or looks like a space)'],
  ['cluster.oidcIssuer', `${ISSUER}\u202e`, '(it contains U+202E, which is invisible or looks like a space)'],
  ['cluster.oidcIssuer', 'https://\u03bfidc.eks.eu-west-1.amazonaws.com/id/ABC' /* Greek omicron */, '(it contains U+03BF, which is not an ASCII character)'],
  ['cluster.oidcIssuer', 'https://oidc.eks.eu-west-1.amazonaws.com/id/ＡBC' /* fullwidth A */, '(it contains U+FF21, which is not an ASCII character)'],
  // flags and names
  ['cluster.createOidcProvider', 'yes', 'must be true or false'],
  ['cluster.createOidcProvider', 1, 'must be true or false'],
  ['bindings[0].createNamespace', 'false', 'must be true or false'],
  ['bindings[0].access', 'write', 'must be one of "read" or "read-write"'],
  ['bindings[0].access', 'admin', 'must be one of "read" or "read-write"'],
  ['bindings[0].access', 'READ', 'must be one of "read" or "read-write"'],
  ['bindings[0].access', '*', 'must be one of "read" or "read-write"'],
  ['bindings[0].roleName', 'role name', ROLE],
  ['bindings[0].roleName', 'role/name', ROLE],
  ['bindings[0].roleName', 'a'.repeat(65), ROLE],
  ['bindings[0].roleName', 'rôle', ROLE],
  ['bindings[0].roleName', '${x}', ROLE],
  ['bindings[0].roleName', '', 'is required. Example: payments-billing-invoice-exporter'],
  ['bindings[0].policyName', 'policy:s3', POLICY],
  ['bindings[0].policyName', 'a'.repeat(129), POLICY],
  ['bindings[0].policyName', 'pølicy', POLICY],
  ['bindings[0].policyName', '%{x}', POLICY],
  ['bindings[0].roleName', 'role\u200b', 'is not a valid IAM role name: it must be 1-64 letters, digits or "+=,.@_-" (it contains U+200B, which is invisible or looks like a space)'],
  ['bindings[0].roleName', '\ufeffrole', '(it contains U+FEFF, which is invisible or looks like a space)'],
  ['bindings[0].roleName', 'r\u043ele' /* Cyrillic o */, '(it contains U+043E, which is not an ASCII character)'],
  ['bindings[0].roleName', 'role\u00a0', '(it contains U+00A0, which is invisible or looks like a space)'],
  ['bindings[0].policyName', 'policy\u202e', 'is not a valid IAM policy name: it must be 1-128 letters, digits or "+=,.@_-" (it contains U+202E, which is invisible or looks like a space)'],
  ['bindings[0].policyName', 'p\u043elicy' /* Cyrillic o */, '(it contains U+043E, which is not an ASCII character)'],
  ['bindings[0].policyName', 'policy\u3000', '(it contains U+3000, which is invisible or looks like a space)'],
  ['bindings[0].namespace', 'billing\u00a0', '(it contains U+00A0, which is invisible or looks like a space)'],
  ['bindings[0].namespace', '\u3000', '(it contains U+3000, which is invisible or looks like a space)'],
  ['bindings[0].namespace', 'b\u0456lling' /* Cyrillic i */, '(it contains U+0456, which is not an ASCII character)'],
  ['bindings[0].serviceAccount', 'invoice\u2060exporter', '(it contains U+2060, which is invisible or looks like a space)'],
  ['bindings[0].bucket', '\u200bacme-invoices', '(it contains U+200B, which is invisible or looks like a space)'],
  ['cluster.name', 'payments\ufeff', '(it contains U+FEFF, which is invisible or looks like a space)'],
  ['region', 'eu-west-1\u200b', '(it contains U+200B, which is invisible or looks like a space)'],
  ['bindings[0].terraformName', '1invoices', TERRAFORM_NAME],
  ['bindings[0].terraformName', '-invoices', TERRAFORM_NAME],
  ['bindings[0].terraformName', 'billing.invoices', TERRAFORM_NAME],
  ['bindings[0].terraformName', 'billing invoices', TERRAFORM_NAME],
  ['bindings[0].terraformName', 'aws_iam_role.x', TERRAFORM_NAME],
  ['bindings[0].terraformName', '${x}', TERRAFORM_NAME],
  ['bindings[0].terraformName', 'fakturá', TERRAFORM_NAME],
  ['bindings[0].terraformName', 'a'.repeat(513), TERRAFORM_NAME],
  ['bindings[0].terraformName', '', 'is required. Example: billing_invoice_exporter'],
  ['bindings[0].terraformName', 7, 'must be a string'],
];

describe('bad inputs', () => {
  it('the table has at least 100 rows', () => {
    expect(BAD.length).toBeGreaterThanOrEqual(100);
  });

  it.each(BAD)('%s = %j is rejected: %s', (field, value, fragment) => {
    let error: unknown;
    try {
      parseConfig(CONFIG_FOR[field](value));
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(InvalidConfigError);
    const issue = (error as InvalidConfigError).issues.find((candidate) => candidate.field === field);
    expect(issue?.message).toContain(fragment);
    expect(issue?.message).toMatch(/Example: \S+/);
  });
});

describe('built-in namespaces', () => {
  it.each(['default', 'kube-system', 'kube-public', 'kube-node-lease'])('%s cannot be created again', (namespace) => {
    let error: unknown;
    try {
      parseConfig(validRawConfig({ bindings: [validRawBinding({ namespace, createNamespace: true })] }));
    } catch (caught) {
      error = caught;
    }
    expect((error as InvalidConfigError).issues).toEqual([
      { field: 'bindings[0].createNamespace', message: expect.stringContaining('every cluster has that namespace already') },
    ]);
    expect(() => parseConfig(validRawConfig({ bindings: [validRawBinding({ namespace })] }))).not.toThrow();
  });
});

describe('good inputs at the limits', () => {
  const templates = loadPolicyTemplates();
  const label63 = 'a'.repeat(63);
  const GOOD: Array<[string, Record<string, unknown>]> = [
    ['a 63-character namespace', validRawConfig({ bindings: [validRawBinding({ namespace: label63 })] })],
    ['a 253-character service account', validRawConfig({ bindings: [validRawBinding({ serviceAccount: `${label63}.${label63}.${label63}.${'b'.repeat(61)}` })] })],
    ['a 3-character bucket', validRawConfig({ bindings: [validRawBinding({ bucket: 'abc' })] })],
    ['a 63-character bucket', validRawConfig({ bindings: [validRawBinding({ bucket: 'b'.repeat(63) })] })],
    ['a dotted bucket', validRawConfig({ bindings: [validRawBinding({ bucket: 'acme.invoices.eu-west-1' })] })],
    ['a 64-character role name', validRawConfig({ bindings: [validRawBinding({ roleName: 'R'.repeat(64) })] })],
    ['a 128-character policy name', validRawConfig({ bindings: [validRawBinding({ policyName: 'P'.repeat(128) })] })],
    ['a 512-character Terraform name', validRawConfig({ bindings: [validRawBinding({ terraformName: `_${'t'.repeat(511)}` })] })],
    ['a Terraform name with "-"', validRawConfig({ bindings: [validRawBinding({ terraformName: 'invoice-exporter-2' })] })],
    ['IAM name punctuation', validRawConfig({ bindings: [validRawBinding({ roleName: 'a+b=c,d.e@f_g-h' })] })],
    ['a 100-character cluster', validRawConfig({ cluster: { name: `C${'c'.repeat(98)}_` } })],
    ['a 1024-byte prefix', validRawConfig({ bindings: [validRawBinding({ prefix: `${'p'.repeat(1023)}/` })] })],
    ['a unicode prefix', validRawConfig({ bindings: [validRawBinding({ prefix: 'rapports/été 2026/' })] })],
    ['a prefix beyond Latin-1', validRawConfig({ bindings: [validRawBinding({ prefix: '日報/2026年/' })] })],
    ['a prefix with an emoji', validRawConfig({ bindings: [validRawBinding({ prefix: 'exports/📦/' })] })],
    ['a prefix with $, % and braces apart', validRawConfig({ bindings: [validRawBinding({ prefix: 'costs/$100%/{draft}/' })] })],
    ['the whole bucket', validRawConfig({ bindings: [validRawBinding({ prefix: '' })] })],
    ['a 255-character issuer', validRawConfig({ cluster: { oidcIssuer: `https://oidc.example.com/${'i'.repeat(255 - 'https://oidc.example.com/'.length)}` } })],
    ['every value padded with whitespace', validRawConfig({ region: ' eu-west-1 ', bindings: [validRawBinding({ namespace: ' billing\t', bucket: '\tacme-invoices ', prefix: ' /exports ' })] })],
    ['values padded with line breaks', validRawConfig({ region: 'eu-west-1\r\n', cluster: { name: '\npayments\n' }, bindings: [validRawBinding({ roleName: ' r \n', prefix: '\r\nexports/\n' })] })],
    ['a China region', validRawConfig({ region: 'cn-northwest-1', cluster: { oidcIssuer: 'https://oidc.eks.cn-northwest-1.amazonaws.com.cn/id/ABC' } })],
  ];

  it.each(GOOD)('%s is accepted and generates a module that keeps every promise', (_, raw) => {
    const { config } = parseConfig(raw);
    checkGeneratedModule(config, generateModules(config, templates));
  });
});
