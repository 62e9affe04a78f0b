/**
 * What a policy of several S3 grants, some with KMS keys, allows and denies, judged by an
 * independent IAM evaluator: each grant reaches its own folder with its own access, and a KMS key
 * is usable only by S3, in the key's region, for the grant that names it.
 */
import { AccessLevel, S3Grant } from '../../src/config/irsa-config';
import { renderS3Policy } from '../../src/policies/policy-documents';
import { loadPolicyTemplates, PolicyTemplate } from '../../src/policies/policy-templates';
import { TemplateError } from '../../src/policies/render-json-template';
import { CONTRACT_KMS_KEY } from '../helpers/fixtures';
import { kmsAllows, s3Allows } from '../helpers/iam-simulator';

const templates = loadPolicyTemplates();

type Document = Record<string, unknown>;

function policyOf(grants: readonly S3Grant[], partition = 'aws'): Document {
  return JSON.parse(renderS3Policy(templates.s3, { partition, grants }).terraform);
}

const RAW: S3Grant = { bucket: 'acme-raw', prefix: 'landing/', access: 'read' };
const CURATED: S3Grant = { bucket: 'acme-curated', prefix: 'tables/', access: 'read-write', kmsKey: CONTRACT_KMS_KEY };
const OTHER_KEY = CONTRACT_KMS_KEY.replace('1234abcd-', '9999abcd-');
const VIA_S3 = 's3.eu-central-1.amazonaws.com';

describe('GIVEN a read grant and a read-write grant with a KMS key (the etl/loader binding of the example)', () => {
  const policy = policyOf([RAW, CURATED]);

  it('THEN the document is the statements of each grant, the second numbered', () => {
    expect(policy).toEqual({
      Version: '2012-10-17',
      Statement: [
        { Sid: 'ListObjectsInPrefix', Effect: 'Allow', Action: 's3:ListBucket', Resource: 'arn:aws:s3:::acme-raw', Condition: { StringLike: { 's3:prefix': 'landing/*' } } },
        { Sid: 'ReadObjects', Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::acme-raw/landing/*' },
        {
          Sid: 'ListObjectsInPrefixGrant2',
          Effect: 'Allow',
          Action: 's3:ListBucket',
          Resource: 'arn:aws:s3:::acme-curated',
          Condition: { StringLike: { 's3:prefix': 'tables/*' } },
        },
        { Sid: 'ReadObjectsGrant2', Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::acme-curated/tables/*' },
        {
          Sid: 'WriteObjectsGrant2',
          Effect: 'Allow',
          Action: ['s3:PutObject', 's3:DeleteObject', 's3:AbortMultipartUpload', 's3:ListMultipartUploadParts'],
          Resource: 'arn:aws:s3:::acme-curated/tables/*',
        },
        {
          Sid: 'UseKmsKeyThroughS3Grant2',
          Effect: 'Allow',
          Action: ['kms:Decrypt', 'kms:GenerateDataKey'],
          Resource: CONTRACT_KMS_KEY,
          Condition: { StringEquals: { 'kms:ViaService': VIA_S3 } },
        },
      ],
    });
  });

  it.each([
    ['s3:GetObject', 'arn:aws:s3:::acme-raw/landing/2026/a.csv', true],
    ['s3:GetObject', 'arn:aws:s3:::acme-curated/tables/t1/part-0.parquet', true],
    ['s3:PutObject', 'arn:aws:s3:::acme-curated/tables/t1/part-0.parquet', true],
    ['s3:DeleteObject', 'arn:aws:s3:::acme-curated/tables/t1/part-0.parquet', true],
    // read-write on acme-curated does not make acme-raw writable
    ['s3:PutObject', 'arn:aws:s3:::acme-raw/landing/a.csv', false],
    ['s3:DeleteObject', 'arn:aws:s3:::acme-raw/landing/a.csv', false],
    ['s3:AbortMultipartUpload', 'arn:aws:s3:::acme-raw/landing/a.csv', false],
    // one grant's folder is not another's bucket's folder
    ['s3:GetObject', 'arn:aws:s3:::acme-raw/tables/a.csv', false],
    ['s3:GetObject', 'arn:aws:s3:::acme-curated/landing/a.csv', false],
    ['s3:PutObject', 'arn:aws:s3:::acme-raw/tables/a.csv', false],
    // siblings and other buckets
    ['s3:GetObject', 'arn:aws:s3:::acme-raw/landing-old/a.csv', false],
    ['s3:GetObject', 'arn:aws:s3:::acme-curated/tables-old/a.csv', false],
    ['s3:PutObject', 'arn:aws:s3:::acme-curated/tables-old/a.csv', false],
    ['s3:GetObject', 'arn:aws:s3:::acme-archive/landing/a.csv', false],
    ['s3:PutObjectAcl', 'arn:aws:s3:::acme-curated/tables/a.csv', false],
    ['s3:DeleteBucket', 'arn:aws:s3:::acme-curated', false],
  ])('THEN %s on %s is allowed=%s', async (action, resource, allowed) => {
    expect(await s3Allows(policy, action, resource)).toBe(allowed);
  });

  it.each([
    ['arn:aws:s3:::acme-raw', 'landing/', true],
    ['arn:aws:s3:::acme-raw', 'tables/', false],
    ['arn:aws:s3:::acme-curated', 'tables/t1/', true],
    ['arn:aws:s3:::acme-curated', 'landing/', false],
    ['arn:aws:s3:::acme-curated', '', false],
  ])('THEN listing %s with s3:prefix %j is allowed=%s', async (bucket, prefix, allowed) => {
    expect(await s3Allows(policy, 's3:ListBucket', bucket, { 's3:prefix': prefix })).toBe(allowed);
  });

  it.each([
    ['kms:Decrypt through S3 in the key region', true, 'kms:Decrypt', CONTRACT_KMS_KEY, VIA_S3],
    ['kms:GenerateDataKey through S3 in the key region', true, 'kms:GenerateDataKey', CONTRACT_KMS_KEY, VIA_S3],
    ['kms:Decrypt called directly', false, 'kms:Decrypt', CONTRACT_KMS_KEY, undefined],
    ['kms:Decrypt through another service', false, 'kms:Decrypt', CONTRACT_KMS_KEY, 'dynamodb.eu-central-1.amazonaws.com'],
    ['kms:Decrypt through S3 of another region', false, 'kms:Decrypt', CONTRACT_KMS_KEY, 's3.eu-west-1.amazonaws.com'],
    ['kms:GenerateDataKey through another service', false, 'kms:GenerateDataKey', CONTRACT_KMS_KEY, 'secretsmanager.eu-central-1.amazonaws.com'],
    ['kms:Decrypt on another key', false, 'kms:Decrypt', OTHER_KEY, VIA_S3],
    ['kms:Encrypt', false, 'kms:Encrypt', CONTRACT_KMS_KEY, VIA_S3],
    ['kms:ReEncryptFrom', false, 'kms:ReEncryptFrom', CONTRACT_KMS_KEY, VIA_S3],
    ['kms:CreateGrant', false, 'kms:CreateGrant', CONTRACT_KMS_KEY, VIA_S3],
    ['kms:ScheduleKeyDeletion', false, 'kms:ScheduleKeyDeletion', CONTRACT_KMS_KEY, VIA_S3],
  ])('THEN %s is allowed=%s', async (_, allowed, action, key, viaService) => {
    expect(await kmsAllows(policy, action, key, viaService)).toBe(allowed);
  });
});

describe('KMS keys follow their grant', () => {
  it.each<[AccessLevel, boolean]>([
    ['read', false],
    ['read-write', true],
  ])('GIVEN a %s grant with a key THEN it may decrypt, and generate data keys only when it writes (%s)', async (access, generates) => {
    const policy = policyOf([{ ...CURATED, access }]);
    expect(await kmsAllows(policy, 'kms:Decrypt', CONTRACT_KMS_KEY, VIA_S3)).toBe(true);
    expect(await kmsAllows(policy, 'kms:GenerateDataKey', CONTRACT_KMS_KEY, VIA_S3)).toBe(generates);
  });

  it('GIVEN grants without a KMS key THEN no KMS action is allowed on any key, even through S3', async () => {
    const policy = policyOf([RAW, { bucket: 'acme-curated', prefix: 'tables/', access: 'read-write' }]);
    expect(JSON.stringify(policy)).not.toContain('kms:');
    for (const action of ['kms:Decrypt', 'kms:GenerateDataKey']) {
      expect(await kmsAllows(policy, action, CONTRACT_KMS_KEY, VIA_S3)).toBe(false);
    }
  });

  it('GIVEN two keys on two read grants THEN each key decrypts, and neither generates data keys', async () => {
    const policy = policyOf([
      { ...RAW, kmsKey: OTHER_KEY },
      { ...CURATED, access: 'read' },
    ]);
    for (const key of [OTHER_KEY, CONTRACT_KMS_KEY]) {
      expect(await kmsAllows(policy, 'kms:Decrypt', key, VIA_S3)).toBe(true);
      expect(await kmsAllows(policy, 'kms:GenerateDataKey', key, VIA_S3)).toBe(false);
    }
  });

  it('GIVEN a read-write grant with one key and a read grant with another THEN the read grant\'s key cannot write', async () => {
    const policy = policyOf([{ ...RAW, kmsKey: OTHER_KEY }, CURATED]);
    expect(await kmsAllows(policy, 'kms:GenerateDataKey', CONTRACT_KMS_KEY, VIA_S3)).toBe(true);
    expect(await kmsAllows(policy, 'kms:GenerateDataKey', OTHER_KEY, VIA_S3)).toBe(false);
  });

  it('GIVEN a key in another region than the config THEN S3 of the key\'s region may use it, and S3 of the config\'s may not', async () => {
    const key = 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';
    const policy = policyOf([{ bucket: 'acme-us', prefix: 'in/', access: 'read', kmsKey: key }]);
    expect(await kmsAllows(policy, 'kms:Decrypt', key, 's3.us-east-1.amazonaws.com')).toBe(true);
    expect(await kmsAllows(policy, 'kms:Decrypt', key, 's3.eu-central-1.amazonaws.com')).toBe(false);
  });

  it.each([
    ['aws-cn', 'arn:aws-cn:kms:cn-north-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab', 's3.cn-north-1.amazonaws.com.cn'],
    ['aws-us-gov', 'arn:aws-us-gov:kms:us-gov-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab', 's3.us-gov-west-1.amazonaws.com'],
  ])('GIVEN the %s partition THEN kms:ViaService names its S3 endpoint', async (partition, key, viaService) => {
    const policy = policyOf([{ bucket: 'acme-x', prefix: 'in/', access: 'read', kmsKey: key }], partition);
    const statement = (policy.Statement as Document[]).find((candidate) => candidate.Sid === 'UseKmsKeyThroughS3');
    expect(statement?.Condition).toEqual({ StringEquals: { 'kms:ViaService': viaService } });
    expect(await kmsAllows(policy, 'kms:Decrypt', key, viaService)).toBe(true);
  });
});

describe('several folders of one bucket', () => {
  const policy = policyOf([
    { bucket: 'acme-data', prefix: 'in/', access: 'read' },
    { bucket: 'acme-data', prefix: 'out/', access: 'read-write' },
  ]);

  it.each([
    ['s3:GetObject', 'in/a.csv', true],
    ['s3:GetObject', 'out/a.csv', true],
    ['s3:PutObject', 'out/a.csv', true],
    ['s3:PutObject', 'in/a.csv', false],
    ['s3:GetObject', 'inbox/a.csv', false],
    ['s3:GetObject', 'a.csv', false],
  ])('GIVEN read on in/ and read-write on out/ THEN %s on %s is allowed=%s', async (action, key, allowed) => {
    expect(await s3Allows(policy, action, `arn:aws:s3:::acme-data/${key}`)).toBe(allowed);
  });

  it('GIVEN a whole-bucket grant beside a folder grant THEN the whole bucket is read, and only the folder written', async () => {
    const whole = policyOf([
      { bucket: 'acme-data', prefix: '', access: 'read' },
      { bucket: 'acme-logs', prefix: 'app/', access: 'read-write' },
    ]);
    expect(await s3Allows(whole, 's3:GetObject', 'arn:aws:s3:::acme-data/anything/at/all')).toBe(true);
    expect(await s3Allows(whole, 's3:PutObject', 'arn:aws:s3:::acme-data/anything')).toBe(false);
    expect(await s3Allows(whole, 's3:PutObject', 'arn:aws:s3:::acme-logs/app/x')).toBe(true);
    expect(await s3Allows(whole, 's3:GetObject', 'arn:aws:s3:::acme-logs/other/x')).toBe(false);
  });
});

describe('a project template from before KMS keys', () => {
  const withoutKms: PolicyTemplate = {
    ...templates.s3,
    origin: 'templates/policies/s3_policy.json.hbs',
    source: templates.s3.source.replace(/\{\{#if kms\}\}[\s\S]*?\{\{\/if\}\}\n/, '\n'),
  };

  it('GIVEN it is used for a grant with a KMS key THEN rendering fails naming the template, rather than silently leaving the key out', () => {
    expect(withoutKms.source).not.toContain('kmsKeyArn}}');
    const render = () => renderS3Policy(withoutKms, { partition: 'aws', grants: [CURATED] });
    expect(render).toThrow(TemplateError);
    expect(render).toThrow(/templates\/policies\/s3_policy\.json\.hbs .*grants nothing on the KMS key/);
  });

  it('GIVEN grants without KMS keys THEN it still renders', () => {
    expect(() => renderS3Policy(withoutKms, { partition: 'aws', grants: [RAW] })).not.toThrow();
  });
});
