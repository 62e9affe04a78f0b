/**
 * The rules of S3 grants, KMS keys, role settings, tags and the S3 backend: every rule with values
 * it accepts and values it rejects, each rejection with its exact message.
 */
import { InvalidConfigError } from '../../src/config/invalid-config-error';
import { parseConfig } from '../../src/config/parse-config';
import { generateModules } from '../../src/generate';
import { loadPolicyTemplates } from '../../src/policies/policy-templates';
import { KMS_KEY, validRawBinding, validRawConfig, validRawGrant, validRawGrantsBinding } from '../helpers/fixtures';
import { checkGeneratedModule } from '../helpers/module-invariants';

const templates = loadPolicyTemplates();

const KMS_EXAMPLE = 'Example: arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const BOUNDARY_EXAMPLE = 'Example: arn:aws:iam::111122223333:policy/boundary';
const GRANTS_EXAMPLE = 'Example: [{ "bucket": "acme-raw", "prefix": "landing/", "access": "read" }]';

/** A config whose one binding has these grants. */
const withGrants = (...grants: Array<Record<string, unknown>>) => validRawConfig({ bindings: [validRawGrantsBinding(grants)] });
const withKmsKey = (kmsKey: unknown) => withGrants(validRawGrant({ kmsKey }));
const withTags = (tags: Record<string, unknown>) => validRawConfig({ tags });
const withBackend = (s3: Record<string, unknown>) => validRawConfig({ backend: { s3 } });
const fiftyOneTags = Object.fromEntries(Array.from({ length: 51 }, (_, index) => [`tag-${index}`, 'x']));

function issuesOf(raw: unknown): Array<{ field: string; message: string }> {
  try {
    parseConfig(raw);
  } catch (error) {
    if (error instanceof InvalidConfigError) return [...error.issues];
    throw error;
  }
  throw new Error('expected the config to be rejected');
}

describe('rejected, with the exact message', () => {
  it.each<[string, Record<string, unknown>, string, string]>([
    // kmsKey
    [
      'a KMS alias',
      withKmsKey('arn:aws:kms:eu-west-1:111122223333:alias/data'),
      'bindings[0].s3[0].kmsKey',
      `"arn:aws:kms:eu-west-1:111122223333:alias/data" is not a KMS key ARN: an alias can be pointed at another key later; give the key ARN the alias points to. ${KMS_EXAMPLE}`,
    ],
    [
      'a KMS wildcard',
      withKmsKey('arn:aws:kms:eu-west-1:111122223333:key/*'),
      'bindings[0].s3[0].kmsKey',
      `"arn:aws:kms:eu-west-1:111122223333:key/*" is not a KMS key ARN: it must name one key, without "*" or "?". ${KMS_EXAMPLE}`,
    ],
    [
      'a KMS key of another partition',
      withKmsKey('arn:aws-cn:kms:cn-north-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab'),
      'bindings[0].s3[0].kmsKey',
      `is in the partition "aws-cn", but region eu-west-1 is in "aws"; give an ARN that starts with arn:aws:. ${KMS_EXAMPLE}`,
    ],
    [
      'an aws KMS key in a China config',
      validRawConfig({ region: 'cn-north-1', cluster: { oidcIssuer: undefined }, bindings: [validRawGrantsBinding([validRawGrant({ kmsKey: KMS_KEY })])] }),
      'bindings[0].s3[0].kmsKey',
      'is in the partition "aws", but region cn-north-1 is in "aws-cn"; give an ARN that starts with arn:aws-cn:. Example: arn:aws-cn:kms:cn-north-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab',
    ],
    [
      'a KMS key id only',
      withKmsKey('1234abcd-12ab-34cd-56ef-1234567890ab'),
      'bindings[0].s3[0].kmsKey',
      `"1234abcd-12ab-34cd-56ef-1234567890ab" is not a KMS key ARN: give the whole ARN, not only the key id. ${KMS_EXAMPLE}`,
    ],
    [
      'a KMS ARN of something else',
      withKmsKey('arn:aws:s3:::acme-invoices'),
      'bindings[0].s3[0].kmsKey',
      `"arn:aws:s3:::acme-invoices" is not a KMS key ARN: it must be arn:<partition>:kms:<region>:<12-digit account>:key/<key id>. ${KMS_EXAMPLE}`,
    ],
    ['a KMS key that is not a string', withKmsKey(42), 'bindings[0].s3[0].kmsKey', `must be a string, got number 42. Example: "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"`],
    // role.path
    [
      'a role path with a space',
      validRawConfig({ role: { path: '/ir sa/' } }),
      'role.path',
      '"/ir sa/" is not a valid IAM path: it must start and end with "/" and hold only printable ASCII characters without spaces. Example: /irsa/',
    ],
    ['a role path with "//"', validRawConfig({ role: { path: '/teams//data/' } }), 'role.path', '"/teams//data/" is not a valid IAM path: it must not contain "//". Example: /irsa/'],
    ['a role path with a wildcard', validRawConfig({ role: { path: '/irsa*/' } }), 'role.path', '"/irsa*/" is not a valid IAM path: it must not contain "*" or "?". Example: /irsa/'],
    [
      'a role path with interpolation',
      validRawConfig({ role: { path: '/${var.path}/' } }),
      'role.path',
      '"/${var.path}/" is not a valid IAM path: it must not contain "${" or "%{". Example: /irsa/',
    ],
    [
      'a role path of 513 characters',
      validRawConfig({ bindings: [validRawBinding({ role: { path: `/${'p'.repeat(511)}/` } })] }),
      'bindings[0].role.path',
      `"/${'p'.repeat(511)}/" is not a valid IAM path: it must be at most 512 characters. Example: /irsa/`,
    ],
    // role.permissionsBoundary
    [
      'a boundary that is a name, not an ARN',
      validRawConfig({ role: { permissionsBoundary: 'boundary' } }),
      'role.permissionsBoundary',
      `"boundary" is not an IAM policy ARN: it must be arn:<partition>:iam::<12-digit account>:policy/<path/><name>. ${BOUNDARY_EXAMPLE}`,
    ],
    [
      'a boundary that is a role ARN',
      validRawConfig({ role: { permissionsBoundary: 'arn:aws:iam::111122223333:role/boundary' } }),
      'role.permissionsBoundary',
      `"arn:aws:iam::111122223333:role/boundary" is not an IAM policy ARN: it must be arn:<partition>:iam::<12-digit account>:policy/<path/><name>. ${BOUNDARY_EXAMPLE}`,
    ],
    [
      'a boundary with a wildcard',
      validRawConfig({ role: { permissionsBoundary: 'arn:aws:iam::111122223333:policy/*' } }),
      'role.permissionsBoundary',
      `"arn:aws:iam::111122223333:policy/*" is not an IAM policy ARN: it must name one policy, without "*" or "?". ${BOUNDARY_EXAMPLE}`,
    ],
    [
      'a boundary of another partition',
      validRawConfig({ bindings: [validRawBinding({ role: { permissionsBoundary: 'arn:aws-us-gov:iam::111122223333:policy/boundary' } })] }),
      'bindings[0].role.permissionsBoundary',
      `is in the partition "aws-us-gov", but region eu-west-1 is in "aws"; give an ARN that starts with arn:aws:. ${BOUNDARY_EXAMPLE}`,
    ],
    // maxSessionDuration
    ['a session of 3599 s', validRawConfig({ role: { maxSessionDuration: 3599 } }), 'role.maxSessionDuration', 'must be a whole number from 3600 to 43200, got number 3599. Example: 7200'],
    ['a session of 43201 s', validRawConfig({ role: { maxSessionDuration: 43201 } }), 'role.maxSessionDuration', 'must be a whole number from 3600 to 43200, got number 43201. Example: 7200'],
    [
      'a session given as a string',
      validRawConfig({ bindings: [validRawBinding({ role: { maxSessionDuration: '7200' } })] }),
      'bindings[0].role.maxSessionDuration',
      'must be a whole number from 3600 to 43200, got the string "7200". Example: 7200',
    ],
    ['a fractional session', validRawConfig({ role: { maxSessionDuration: 7200.5 } }), 'role.maxSessionDuration', 'must be a whole number from 3600 to 43200, got number 7200.5. Example: 7200'],
    // tags
    ['a tag key with the aws: prefix', withTags({ 'aws:team': 'data' }), 'tags."aws:team"', '"aws:team" is not a valid tag key: the prefix "aws:" is reserved by AWS. Example: cost-center'],
    ['a tag key with the AWS: prefix', withTags({ 'AWS:team': 'data' }), 'tags."AWS:team"', '"AWS:team" is not a valid tag key: the prefix "aws:" is reserved by AWS. Example: cost-center'],
    ['a 129-character tag key', withTags({ ['k'.repeat(129)]: 'x' }), `tags.${'k'.repeat(129)}`, `"${'k'.repeat(129)}" is not a valid tag key: it must be 1-128 characters. Example: cost-center`],
    ['a 257-character tag value', withTags({ team: 'v'.repeat(257) }), 'tags.team', `"${'v'.repeat(257)}" is not a valid tag value: it must be at most 256 characters. Example: cc-42`],
    ['a tag key with "!"', withTags({ 'team!': 'data' }), 'tags."team!"', '"team!" is not a valid tag key: it may contain only letters, digits, spaces and _ . : / = + - @. Example: cost-center'],
    ['a tag value with "#"', withTags({ team: 'a#b' }), 'tags.team', '"a#b" is not a valid tag value: it may contain only letters, digits, spaces and _ . : / = + - @. Example: cc-42'],
    ['a tag value with interpolation', withTags({ team: '${var.team}' }), 'tags.team', '"${var.team}" is not a valid tag value: it may contain only letters, digits, spaces and _ . : / = + - @. Example: cc-42'],
    ['a tag value that is not a string', withTags({ team: 42 }), 'tags.team', 'must be a string, got number 42. Example: "cc-42"'],
    ['51 tags', withTags(fiftyOneTags), 'tags', 'has 51 tags; IAM allows at most 50 on a role. Example: { "team": "data", "cost-center": "cc-42" }'],
    ['tag keys that differ only in case', withTags({ Team: 'a', team: 'b' }), 'tags.team', 'repeats the tag key "Team" (IAM tag keys ignore case); keep one'],
    ['tags as a list', validRawConfig({ tags: ['team=data'] }), 'tags', 'must be an object of tag keys and values, got a list. Example: { "team": "data", "cost-center": "cc-42" }'],
    // backend
    ['a backend without a key', withBackend({ bucket: 'acme-tfstate' }), 'backend.s3.key', 'is required. Example: irsa/payments.tfstate'],
    ['a backend without a bucket', withBackend({ key: 'irsa/payments.tfstate' }), 'backend.s3.bucket', 'is required. Example: acme-tfstate'],
    [
      'a too short DynamoDB table',
      withBackend({ bucket: 'acme-tfstate', key: 'irsa/payments.tfstate', dynamodbTable: 'tf' }),
      'backend.s3.dynamodbTable',
      '"tf" is not a valid DynamoDB table name: it must be 3-255 letters, digits, "_", "-" or ".". Example: terraform-locks',
    ],
    [
      'a DynamoDB table with "/"',
      withBackend({ bucket: 'acme-tfstate', key: 'irsa/payments.tfstate', dynamodbTable: 'locks/tf' }),
      'backend.s3.dynamodbTable',
      '"locks/tf" is not a valid DynamoDB table name: it must be 3-255 letters, digits, "_", "-" or ".". Example: terraform-locks',
    ],
    [
      'a state key ending in "/"',
      withBackend({ bucket: 'acme-tfstate', key: 'irsa/' }),
      'backend.s3.key',
      '"irsa/" is not a valid state file key: it must not start or end with "/". Example: irsa/payments.tfstate',
    ],
    ['a backend naming none', validRawConfig({ backend: {} }), 'backend', 'names no backend; give "s3". Example: { "bucket": "acme-tfstate", "key": "irsa/payments.tfstate" }'],
    [
      'an unknown backend key',
      withBackend({ bucket: 'acme-tfstate', key: 'k', dynamoTable: 'locks' }),
      'backend.s3.dynamoTable',
      'is not a known setting; did you mean "dynamodbTable"? Known settings here: bucket, key, region, encrypt, useLockfile, dynamodbTable',
    ],
    // grants
    [
      'both the one-grant shorthand and an s3 list',
      validRawConfig({ bindings: [validRawBinding({ s3: [validRawGrant({ bucket: 'acme-raw' })] })] }),
      'bindings[0].s3',
      'is given together with "bucket", "prefix", "access"; say it one way: move that grant into the "s3" list. Example: "s3": [{ "bucket": "acme-raw", "prefix": "landing/", "access": "read" }]',
    ],
    [
      'an s3 list beside a lone bucket',
      validRawConfig({ bindings: [validRawGrantsBinding([validRawGrant()], { bucket: 'acme-raw' })] }),
      'bindings[0].s3',
      'is given together with "bucket"; say it one way: move that grant into the "s3" list. Example: "s3": [{ "bucket": "acme-raw", "prefix": "landing/", "access": "read" }]',
    ],
    ['an empty s3 list', withGrants(), 'bindings[0].s3', `must be a non-empty list of grants, got an empty list. ${GRANTS_EXAMPLE}`],
    ['an s3 object instead of a list', validRawConfig({ bindings: [validRawGrantsBinding(validRawGrant() as never)] }), 'bindings[0].s3', `must be a non-empty list of grants, got an object. ${GRANTS_EXAMPLE}`],
    [
      'the same grant twice',
      withGrants(validRawGrant(), validRawGrant()),
      'bindings[0].s3[1]',
      'grants s3://acme-invoices/exports/ again (already in bindings[0].s3[0]); keep one grant per bucket folder',
    ],
    [
      'the same folder twice, written differently, with different access',
      withGrants(validRawGrant({ bucket: 'acme-raw' }), validRawGrant(), validRawGrant({ prefix: '/exports', access: 'read-write' })),
      'bindings[0].s3[2]',
      'grants s3://acme-invoices/exports/ again (already in bindings[0].s3[1]); keep one grant per bucket folder',
    ],
    [
      'an unknown key inside a grant',
      withGrants(validRawGrant({ kmskey: KMS_KEY })),
      'bindings[0].s3[0].kmskey',
      'is not a known setting; did you mean "kmsKey"? Known settings here: bucket, prefix, access, kmsKey',
    ],
    [
      'a misspelled access inside a grant',
      withGrants({ bucket: 'acme-raw', prefix: 'in/', acess: 'read-write' }),
      'bindings[0].s3[0].acess',
      'is not a known setting; did you mean "access"? Known settings here: bucket, prefix, access, kmsKey',
    ],
    [
      'a grant without a prefix',
      withGrants({ bucket: 'acme-raw' }),
      'bindings[0].s3[0].prefix',
      'is required; give the folder the workload may use, or "" to grant the whole bucket. Example: exports/',
    ],
    ['a grant with a wrong access', withGrants(validRawGrant({ access: 'write' })), 'bindings[0].s3[0].access', 'must be one of "read" or "read-write", got the string "write". Example: read-write'],
    ['a grant that is not an object', withGrants('acme-raw/in/' as never), 'bindings[0].s3[0]', `must be an object, got the string "acme-raw/in/". ${GRANTS_EXAMPLE}`],
    // createServiceAccount
    ['createServiceAccount as a string', validRawConfig({ bindings: [validRawBinding({ createServiceAccount: 'false' })] }), 'bindings[0].createServiceAccount', 'must be true or false, got the string "false". Example: false'],
  ])('%s', (_, raw, field, message) => {
    expect(issuesOf(raw)).toEqual([{ field, message }]);
  });
});

describe('accepted, and generating a module that keeps every promise', () => {
  it.each<[string, Record<string, unknown>]>([
    ['a KMS key ARN', withKmsKey(KMS_KEY)],
    ['a multi-Region KMS key', withKmsKey('arn:aws:kms:eu-west-1:111122223333:key/mrk-1234abcd12ab34cd56ef1234567890ab')],
    ['a KMS key in another region of the partition', withKmsKey('arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab')],
    [
      'a China KMS key in a China config',
      validRawConfig({ region: 'cn-north-1', cluster: { oidcIssuer: undefined }, bindings: [validRawGrantsBinding([validRawGrant({ kmsKey: 'arn:aws-cn:kms:cn-north-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab' })])] }),
    ],
    ['three grants', withGrants(validRawGrant(), validRawGrant({ prefix: 'imports/', access: 'read-write' }), validRawGrant({ bucket: 'acme-raw', prefix: '', kmsKey: KMS_KEY }))],
    ['one grant in the s3 list', withGrants(validRawGrant())],
    ['the shorthand without access (read)', validRawConfig({ bindings: [validRawBinding({ access: undefined })] })],
    ['role path /', validRawConfig({ role: { path: '/' } })],
    ['role path of 512 characters', validRawConfig({ role: { path: `/${'p'.repeat(510)}/` } })],
    ['an AWS managed boundary', validRawConfig({ role: { permissionsBoundary: 'arn:aws:iam::aws:policy/PowerUserAccess' } })],
    ['a boundary with a path', validRawConfig({ role: { permissionsBoundary: 'arn:aws:iam::111122223333:policy/org/irsa-boundary' } })],
    ['sessions of 3600 and 43200 s', validRawConfig({ role: { maxSessionDuration: 43200 }, bindings: [validRawBinding({ role: { maxSessionDuration: 3600 } })] })],
    ['a per-binding path under a project boundary', validRawConfig({ role: { permissionsBoundary: 'arn:aws:iam::111122223333:policy/boundary' }, bindings: [validRawBinding({ role: { path: '/etl/' } })] })],
    ['a 128-character tag key and a 256-character value', withTags({ ['k'.repeat(128)]: 'v'.repeat(256) })],
    ['50 tags', withTags(Object.fromEntries(Array.from({ length: 50 }, (_, index) => [`tag-${index}`, 'x'])))],
    ['an empty tag value', withTags({ reviewed: '' })],
    ['tag characters of every kind', withTags({ 'équipe 1_.:/=+-@': 'Données été/2026 +x=y@z' })],
    ['an S3 backend', withBackend({ bucket: 'acme-tfstate', key: 'irsa/payments.tfstate' })],
    ['an S3 backend with a DynamoDB lock table', withBackend({ bucket: 'acme-tfstate', key: 'irsa/payments.tfstate', dynamodbTable: 'terraform-locks' })],
    ['an S3 backend in another region, unencrypted', withBackend({ bucket: 'acme-tfstate', key: 'a/b.tfstate', region: 'us-east-1', encrypt: false, useLockfile: false })],
    ['a service account created elsewhere', validRawConfig({ bindings: [validRawBinding({ createServiceAccount: false })] })],
  ])('%s', (_, raw) => {
    const { config } = parseConfig(raw);
    checkGeneratedModule(config, generateModules(config, templates));
  });
});

describe('defaults', () => {
  it('GIVEN an S3 backend with no lock named THEN it locks with an S3 lock file, encrypted, in the config region', () => {
    expect(parseConfig(withBackend({ bucket: 'acme-tfstate', key: 'k.tfstate' })).config.backend).toEqual({
      s3: { bucket: 'acme-tfstate', key: 'k.tfstate', region: 'eu-west-1', encrypt: true, useLockfile: true },
    });
  });

  it('GIVEN a DynamoDB table THEN the S3 lock file is off unless asked for', () => {
    const table = { bucket: 'acme-tfstate', key: 'k.tfstate', dynamodbTable: 'terraform-locks' };
    expect(parseConfig(withBackend(table)).config.backend.s3?.useLockfile).toBe(false);
    expect(parseConfig(withBackend({ ...table, useLockfile: true })).config.backend.s3?.useLockfile).toBe(true);
  });

  it('GIVEN a role path without slashes THEN it means the folder, and the change is reported', () => {
    const { config, notes } = parseConfig(validRawConfig({ role: { path: 'irsa' } }));
    expect(config.role.path).toBe('/irsa/');
    expect(notes).toEqual([{ field: 'role.path', from: 'irsa', to: '/irsa/' }]);
  });
});
