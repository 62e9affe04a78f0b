import { loadPolicyTemplates, PolicyTemplate } from '../../src/policies/policy-templates';
import { renderS3Policy, renderTrustPolicy } from '../../src/policies/policy-documents';
import { renderJsonTemplate, TemplateError } from '../../src/policies/render-json-template';
import { TerraformExpression } from '../../src/terraform/terraform-expression';
import { s3Allows, trustAllows } from '../helpers/iam-simulator';
import { ISSUER_HOST } from '../helpers/fixtures';

const templates = loadPolicyTemplates();
const PROVIDER_ARN = 'arn:aws:iam::111122223333:oidc-provider/' + ISSUER_HOST;

function trustPolicy(namespace = 'billing', serviceAccount = 'invoice-exporter') {
  return renderTrustPolicy(templates.trust, {
    cluster: 'payments',
    namespace,
    serviceAccount,
    oidcProviderArn: PROVIDER_ARN,
    oidcIssuerHost: ISSUER_HOST,
  });
}

function s3Policy(prefix = 'exports/', access: 'read' | 'read-write' = 'read', partition = 'aws') {
  return renderS3Policy(templates.s3, { partition, grants: [{ bucket: 'acme-invoices', prefix, access }] });
}

describe('trust policy', () => {
  it('is exactly the documented document', () => {
    expect(JSON.parse(trustPolicy().terraform)).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'AssumeRoleFromServiceAccount',
          Effect: 'Allow',
          Principal: { Federated: PROVIDER_ARN },
          Action: 'sts:AssumeRoleWithWebIdentity',
          Condition: {
            StringEquals: {
              [`${ISSUER_HOST}:sub`]: 'system:serviceaccount:billing:invoice-exporter',
              [`${ISSUER_HOST}:aud`]: 'sts.amazonaws.com',
            },
          },
        },
      ],
    });
  });

  const assume = (
    sub: string | undefined,
    { aud = 'sts.amazonaws.com' as string | undefined, providerArn = PROVIDER_ARN, issuerHost = ISSUER_HOST } = {},
  ) => trustAllows(JSON.parse(trustPolicy().terraform), { providerArn, issuerHost, sub, aud });

  it('lets the bound service account assume the role', async () => {
    expect(await assume('system:serviceaccount:billing:invoice-exporter')).toBe(true);
  });

  it.each([
    ['another service account in the namespace', 'system:serviceaccount:billing:other'],
    ['the same name in another namespace', 'system:serviceaccount:payroll:invoice-exporter'],
    ['a longer name', 'system:serviceaccount:billing:invoice-exporter2'],
    ['a shorter name', 'system:serviceaccount:billing:invoice-exporte'],
    ['a wildcard subject', 'system:serviceaccount:billing:*'],
    ['a differently cased name', 'system:serviceaccount:billing:Invoice-Exporter'],
    ['no subject at all', undefined],
  ])('denies %s', async (_, sub) => {
    expect(await assume(sub)).toBe(false);
  });

  it('denies a token minted for another audience, or with none', async () => {
    expect(await assume('system:serviceaccount:billing:invoice-exporter', { aud: 'vault' })).toBe(false);
    expect(await trustAllows(JSON.parse(trustPolicy().terraform), { providerArn: PROVIDER_ARN, issuerHost: ISSUER_HOST, sub: 'system:serviceaccount:billing:invoice-exporter' })).toBe(false);
  });

  it("denies another cluster's provider and issuer", async () => {
    const otherHost = 'oidc.eks.eu-west-1.amazonaws.com/id/FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF';
    const otherArn = `arn:aws:iam::111122223333:oidc-provider/${otherHost}`;
    const sub = 'system:serviceaccount:billing:invoice-exporter';
    expect(await assume(sub, { providerArn: otherArn, issuerHost: otherHost })).toBe(false);
    expect(await assume(sub, { issuerHost: otherHost })).toBe(false);
    expect(await assume(sub, { providerArn: otherArn })).toBe(false);
  });

  it('GIVEN values known only to Terraform THEN they become references and the literals around them stay literal', () => {
    const policy = renderTrustPolicy(templates.trust, {
      cluster: 'payments',
      namespace: 'billing',
      serviceAccount: 'invoice-exporter',
      oidcProviderArn: new TerraformExpression('aws_iam_openid_connect_provider.this.arn'),
      oidcIssuerHost: new TerraformExpression('local.oidc_issuer_host'),
    });
    const document = JSON.parse(policy.terraform);
    expect(document.Statement[0].Principal).toEqual({ Federated: '${aws_iam_openid_connect_provider.this.arn}' });
    expect(document.Statement[0].Condition.StringEquals).toEqual({
      '${local.oidc_issuer_host}:sub': 'system:serviceaccount:billing:invoice-exporter',
      '${local.oidc_issuer_host}:aud': 'sts.amazonaws.com',
    });
    expect(JSON.parse(policy.pretty)).toEqual(document);
    expect(policy.pretty).toMatch(/^\{\n {2}"Version"/);
  });
});

describe('S3 policy', () => {
  it('read: list within the prefix and get objects under it, nothing else', () => {
    expect(JSON.parse(s3Policy().terraform)).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'ListObjectsInPrefix',
          Effect: 'Allow',
          Action: 's3:ListBucket',
          Resource: 'arn:aws:s3:::acme-invoices',
          Condition: { StringLike: { 's3:prefix': 'exports/*' } },
        },
        { Sid: 'ReadObjects', Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::acme-invoices/exports/*' },
      ],
    });
  });

  it('read-write: adds exactly the four write actions, on the same objects', () => {
    const document = JSON.parse(s3Policy('exports/', 'read-write').terraform);
    expect(document.Statement).toHaveLength(3);
    expect(document.Statement[2]).toEqual({
      Sid: 'WriteObjects',
      Effect: 'Allow',
      Action: ['s3:PutObject', 's3:DeleteObject', 's3:AbortMultipartUpload', 's3:ListMultipartUploadParts'],
      Resource: 'arn:aws:s3:::acme-invoices/exports/*',
    });
  });

  it('whole bucket (prefix ""): listing is unconditioned and objects are bucket/*', () => {
    const document = JSON.parse(s3Policy('').terraform);
    expect(document.Statement[0]).toEqual({ Sid: 'ListObjectsInPrefix', Effect: 'Allow', Action: 's3:ListBucket', Resource: 'arn:aws:s3:::acme-invoices' });
    expect(document.Statement[1].Resource).toBe('arn:aws:s3:::acme-invoices/*');
  });

  it.each([
    ['cn-north-1 → aws-cn', 'aws-cn'],
    ['us-gov-west-1 → aws-us-gov', 'aws-us-gov'],
  ])('uses the partition of the region (%s)', (_, partition) => {
    expect(s3Policy('exports/', 'read', partition).terraform).toContain(`arn:${partition}:s3:::acme-invoices/exports/*`);
  });

  const can = (action: string, resource: string, context: Record<string, string> = {}, access: 'read' | 'read-write' = 'read') =>
    s3Allows(JSON.parse(s3Policy('exports/', access).terraform), action, resource, context);

  it.each([
    ['s3:GetObject', 'arn:aws:s3:::acme-invoices/exports/2026/11/a.csv'],
    ['s3:GetObject', 'arn:aws:s3:::acme-invoices/exports/a.csv'],
  ])('read allows %s on %s', async (action, resource) => {
    expect(await can(action, resource)).toBe(true);
  });

  it.each([
    ['s3:GetObject', 'arn:aws:s3:::acme-invoices/exports-private/a.csv', 'a sibling folder'],
    ['s3:GetObject', 'arn:aws:s3:::acme-invoices/exportsa.csv', 'a sibling key'],
    ['s3:GetObject', 'arn:aws:s3:::acme-invoices/other/exports/a.csv', 'a nested look-alike'],
    ['s3:GetObject', 'arn:aws:s3:::acme-invoices/Exports/a.csv', 'a differently cased folder'],
    ['s3:GetObject', 'arn:aws:s3:::acme-invoices-eu/exports/a.csv', 'another bucket'],
    ['s3:PutObject', 'arn:aws:s3:::acme-invoices/exports/a.csv', 'a write'],
    ['s3:DeleteObject', 'arn:aws:s3:::acme-invoices/exports/a.csv', 'a delete'],
    ['s3:DeleteBucket', 'arn:aws:s3:::acme-invoices', 'a bucket-level write'],
    ['s3:PutBucketPolicy', 'arn:aws:s3:::acme-invoices', 'a bucket policy change'],
  ])('read denies %s on %s (%s)', async (action, resource) => {
    expect(await can(action, resource)).toBe(false);
  });

  it.each([
    ['exports/', true],
    ['exports/2026/', true],
    ['exports-private/', false],
    ['exports', false],
    ['', false],
    [undefined, false],
  ])('lists with s3:prefix %j: %s', async (prefix, allowed) => {
    const context: Record<string, string> = prefix === undefined ? {} : { 's3:prefix': prefix };
    expect(await can('s3:ListBucket', 'arn:aws:s3:::acme-invoices', context)).toBe(allowed);
  });

  it.each([
    ['s3:PutObject', 'arn:aws:s3:::acme-invoices/exports/a.csv', true],
    ['s3:DeleteObject', 'arn:aws:s3:::acme-invoices/exports/a.csv', true],
    ['s3:AbortMultipartUpload', 'arn:aws:s3:::acme-invoices/exports/a.csv', true],
    ['s3:PutObject', 'arn:aws:s3:::acme-invoices/exports-private/a.csv', false],
    ['s3:DeleteBucket', 'arn:aws:s3:::acme-invoices', false],
    ['s3:PutObjectAcl', 'arn:aws:s3:::acme-invoices/exports/a.csv', false],
  ])('read-write: %s on %s is allowed=%s', async (action, resource, allowed) => {
    expect(await can(action, resource, {}, 'read-write')).toBe(allowed);
  });

  it('GIVEN a prefix with Terraform-looking text THEN Terraform would read it literally', () => {
    // The validator refuses "${" in prefixes; the renderer escapes anyway, as a second line of defence.
    const document = JSON.parse(renderS3Policy(templates.s3, { partition: 'aws', grants: [{ bucket: 'b-1', prefix: 'a${x}%{y}/', access: 'read' }] }).terraform);
    expect(document.Statement[1].Resource).toBe('arn:aws:s3:::b-1/a$${x}%%{y}/*');
  });

  it('writes "=" and quotes as JSON, not HTML entities', () => {
    const document = JSON.parse(s3Policy('a=b"c\'d<e>/').terraform);
    expect(document.Statement[1].Resource).toBe('arn:aws:s3:::acme-invoices/a=b"c\'d<e>/*');
  });
});

describe('a prefix beyond Latin-1', () => {
  it('GIVEN 日報/ THEN the documents are ASCII JSON, and IAM reads the very same folder from them', async () => {
    const policy = s3Policy('日報/');
    expect(policy.terraform).toMatch(/^[\u0020-\u007e]+$/);
    expect(policy.pretty).toMatch(/^[\n\u0020-\u007e]+$/);
    expect(policy.terraform).toContain('"arn:aws:s3:::acme-invoices/\\u65e5\\u5831/*"');
    const document = JSON.parse(policy.terraform);
    expect(await s3Allows(document, 's3:GetObject', 'arn:aws:s3:::acme-invoices/日報/2026/a.csv')).toBe(true);
    expect(await s3Allows(document, 's3:GetObject', 'arn:aws:s3:::acme-invoices/日報-private/a.csv')).toBe(false);
    expect(await s3Allows(document, 's3:GetObject', 'arn:aws:s3:::acme-invoices/日/a.csv')).toBe(false);
    expect(await s3Allows(document, 's3:ListBucket', 'arn:aws:s3:::acme-invoices', { 's3:prefix': '日報/2026/' })).toBe(true);
    expect(await s3Allows(document, 's3:ListBucket', 'arn:aws:s3:::acme-invoices', { 's3:prefix': '' })).toBe(false);
  });

  it('GIVEN données/ THEN é stays as it is (IAM accepts U+0000-U+00FF), so existing documents keep their bytes', () => {
    expect(s3Policy('données/').terraform).toContain('"arn:aws:s3:::acme-invoices/données/*"');
  });
});

describe('broken templates', () => {
  const template = (source: string): PolicyTemplate => ({ name: 'x.json.hbs', origin: 'templates/policies/x.json.hbs', source });

  it.each([
    ['{ "a": {{json missing}} }', /templates\/policies\/x\.json\.hbs is broken: line 1, column 15: unknown field "missing" \(the fields here are value\)/],
    ['{ "a": {{missing}} }', /templates\/policies\/x\.json\.hbs is broken: line 1, column 10: unknown field "missing"/],
    ['{ "a": {{value}} ', /did not render to valid JSON: line 1, column 8: expected a value/],
    ['{ "a": "{{value}}" }', undefined],
    ['{ "a": {{nohelper value}} }', /is broken: line 1, column 8: "nohelper" is not a helper policy templates may use/],
  ])('GIVEN %j THEN the error names the template', (source, expected) => {
    const render = () => renderJsonTemplate(template(source), { value: 'v' });
    if (expected) expect(render).toThrow(expected);
    else expect(render()).toEqual({ a: 'v' });
  });

  it('GIVEN a value with quotes inserted without the json helper THEN the JSON breaks and is reported', () => {
    expect(() => renderJsonTemplate(template('{ "a": "{{value}}" }'), { value: 'x"y' })).toThrow(TemplateError);
  });
});
