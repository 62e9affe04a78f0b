/**
 * Property-based tests: for every input the tool accepts, the generated module keeps its promises
 * (see module-invariants), and every input that breaks a rule is rejected, naming its field.
 */
import fc from 'fast-check';
import { InvalidConfigError } from '../../src/config/invalid-config-error';
import { parseConfig } from '../../src/config/parse-config';
import { generateModules } from '../../src/generate';
import { loadPolicyTemplates } from '../../src/policies/policy-templates';
import * as arb from '../helpers/arbitraries';
import { validRawBinding, validRawConfig, validRawGrant, validRawGrantsBinding } from '../helpers/fixtures';
import { kmsAllows, s3Allows, trustAllows, resolveTerraformReferences } from '../helpers/iam-simulator';
import { checkGeneratedModule } from '../helpers/module-invariants';

const templates = loadPolicyTemplates();
// Bounded so the suite stays quick in CI; the seed is printed on failure for replay.
const RUNS = { numRuns: Number(process.env.PROPERTY_RUNS ?? 40) };

/** Parses a raw config; returns the config, or the issues when it is rejected (anything else throws). */
function tryParse(raw: unknown) {
  try {
    return { config: parseConfig(raw).config };
  } catch (error) {
    if (error instanceof InvalidConfigError) return { issues: error.issues };
    throw error;
  }
}

describe('every accepted config', () => {
  it('yields exactly scoped trust and S3 policies, valid JSON and no foreign Terraform interpolation (1 to 50 bindings)', () => {
    fc.assert(
      fc.property(arb.rawConfig(50), (raw) => {
        const parsed = tryParse(raw);
        // Distinct service accounts can still derive the same default role name; that must be an error naming it.
        if (parsed.issues) {
          expect(parsed.issues.every((issue) => /^bindings\[\d+\]\.(roleName|policyName)$/.test(issue.field))).toBe(true);
          return;
        }
        checkGeneratedModule(parsed.config, generateModules(parsed.config, templates));
      }),
      { numRuns: Math.ceil(RUNS.numRuns / 2) },
    );
  });

  it('lets in only its own service account, and reaches only what its grants name, each with its own access', async () => {
    await fc.assert(
      fc.asyncProperty(arb.rawConfig(1), fc.stringMatching(/^[a-z0-9]{1,8}$/), async (raw, keySuffix) => {
        const parsed = tryParse(raw);
        if (parsed.issues) return;
        const { config } = parsed;
        const [binding] = config.bindings;
        const files = generateModules(config, templates);
        const main = JSON.parse(files.find((file) => file.path.endsWith('/main.tf.json'))!.content);
        const host = config.cluster.oidcIssuer?.replace('https://', '') ?? 'oidc.eks.eu-west-1.amazonaws.com/id/ABCDEF';
        const providerArn = `arn:aws:iam::111122223333:oidc-provider/${host}`;
        const references = {
          'aws_iam_openid_connect_provider.this.arn': providerArn,
          'data.aws_iam_openid_connect_provider.this.arn': providerArn,
          'local.oidc_issuer_host': host,
        };
        const trust = resolveTerraformReferences(JSON.parse(Object.values<{ assume_role_policy: string }>(main.resource.aws_iam_role)[0].assume_role_policy), references);
        const subject = `system:serviceaccount:${binding.namespace}:${binding.serviceAccount}`;
        const token = { providerArn, issuerHost: host, aud: 'sts.amazonaws.com' };
        expect(await trustAllows(trust, { ...token, sub: subject })).toBe(true);
        expect(await trustAllows(trust, { ...token, sub: `${subject}x` })).toBe(false);
        expect(await trustAllows(trust, { ...token, sub: subject.slice(0, -1) })).toBe(false);
        expect(await trustAllows(trust, { ...token, sub: `system:serviceaccount:x${binding.namespace}:${binding.serviceAccount}` })).toBe(false);
        expect(await trustAllows(trust, { ...token, sub: subject, aud: 'sts.amazonaws.com.evil' })).toBe(false);

        const s3 = resolveTerraformReferences(JSON.parse(Object.values<{ policy: string }>(main.resource.aws_iam_policy)[0].policy), {});
        const partition = config.region.startsWith('cn-') ? 'aws-cn' : config.region.startsWith('us-gov-') ? 'aws-us-gov' : 'aws';
        const grants = binding.s3;
        // What the grants promise, read independently of the policy: a key is reachable when some
        // grant of its bucket covers it, and writable only when a read-write grant does.
        const covering = (bucket: string, key: string) => grants.filter((grant) => grant.bucket === bucket && key.startsWith(grant.prefix));
        const readable = (bucket: string, key: string) => covering(bucket, key).length > 0;
        const writable = (bucket: string, key: string) => covering(bucket, key).some((grant) => grant.access === 'read-write');
        const object = (bucket: string, key: string) => `arn:${partition}:s3:::${bucket}/${key}`;

        for (const grant of grants) {
          const inside = `${grant.prefix}${keySuffix}`;
          const otherBucket = `${grant.bucket}x`;
          expect(await s3Allows(s3, 's3:GetObject', object(grant.bucket, inside))).toBe(true);
          expect(await s3Allows(s3, 's3:PutObject', object(grant.bucket, inside))).toBe(writable(grant.bucket, inside));
          expect(await s3Allows(s3, 's3:DeleteObject', object(grant.bucket, inside))).toBe(writable(grant.bucket, inside));
          expect(await s3Allows(s3, 's3:GetObjectAcl', object(grant.bucket, inside))).toBe(false);
          expect(await s3Allows(s3, 's3:PutObjectAcl', object(grant.bucket, inside))).toBe(false);
          expect(await s3Allows(s3, 's3:GetObject', object(otherBucket, inside))).toBe(readable(otherBucket, inside));
          expect(await s3Allows(s3, 's3:DeleteBucket', `arn:${partition}:s3:::${grant.bucket}`)).toBe(false);
          expect(await s3Allows(s3, 's3:ListBucket', `arn:${partition}:s3:::${grant.bucket}`, { 's3:prefix': inside })).toBe(true);
          if (grant.prefix !== '') {
            const sibling = `${grant.prefix.slice(0, -1)}-sibling/${keySuffix}`;
            expect(await s3Allows(s3, 's3:GetObject', object(grant.bucket, sibling))).toBe(readable(grant.bucket, sibling));
            expect(await s3Allows(s3, 's3:PutObject', object(grant.bucket, sibling))).toBe(writable(grant.bucket, sibling));
            expect(await s3Allows(s3, 's3:ListBucket', `arn:${partition}:s3:::${grant.bucket}`, { 's3:prefix': sibling })).toBe(readable(grant.bucket, sibling));
          }
        }

        // KMS: only the keys the grants name, only through S3 in the key's region, and
        // GenerateDataKey (writing encrypted objects) only for a read-write grant of that key.
        for (const grant of grants.filter((candidate) => candidate.kmsKey !== undefined)) {
          const key = grant.kmsKey!;
          const [, , , keyRegion] = key.split(':');
          const viaS3 = `s3.${keyRegion}.amazonaws.com${partition === 'aws-cn' ? '.cn' : ''}`;
          const writesWithKey = grants.some((candidate) => candidate.kmsKey === key && candidate.access === 'read-write');
          expect(await kmsAllows(s3, 'kms:Decrypt', key, viaS3)).toBe(true);
          expect(await kmsAllows(s3, 'kms:GenerateDataKey', key, viaS3)).toBe(writesWithKey);
          expect(await kmsAllows(s3, 'kms:Decrypt', key)).toBe(false);
          expect(await kmsAllows(s3, 'kms:Decrypt', key, viaS3.replace(/^s3\./, 'dynamodb.'))).toBe(false);
          expect(await kmsAllows(s3, 'kms:Decrypt', key, viaS3.replace(keyRegion, keyRegion === 'eu-west-1' ? 'us-east-1' : 'eu-west-1'))).toBe(false);
          expect(await kmsAllows(s3, 'kms:Encrypt', key, viaS3)).toBe(false);
          expect(await kmsAllows(s3, 'kms:ScheduleKeyDeletion', key, viaS3)).toBe(false);
          const otherKey = key.replace(/key\/./, (start) => `${start.slice(0, -1)}${start.endsWith('0') ? '1' : '0'}`);
          if (!grants.some((candidate) => candidate.kmsKey === otherKey)) expect(await kmsAllows(s3, 'kms:Decrypt', otherKey, viaS3)).toBe(false);
        }
        if (grants.every((grant) => grant.kmsKey === undefined)) {
          expect(JSON.stringify(s3)).not.toContain('kms:');
        }
      }),
      RUNS,
    );
  });
});

describe('every rejected value is reported against its own field', () => {
  const cases: Array<[string, (value: string) => Record<string, unknown>, fc.Arbitrary<string>]> = [
    ['bindings[0].namespace', (value) => validRawConfig({ bindings: [validRawBinding({ namespace: value })] }), arb.withInserted(arb.namespace, arb.forbiddenInLowercaseNames)],
    ['bindings[0].serviceAccount', (value) => validRawConfig({ bindings: [validRawBinding({ serviceAccount: value })] }), arb.withInserted(arb.serviceAccount, arb.forbiddenInLowercaseNames)],
    ['bindings[0].bucket', (value) => validRawConfig({ bindings: [validRawBinding({ bucket: value })] }), arb.withInserted(arb.bucket, arb.forbiddenInLowercaseNames)],
    ['bindings[0].prefix', (value) => validRawConfig({ bindings: [validRawBinding({ prefix: value })] }), arb.withInserted(arb.typedPrefix.map((p) => p.replace(/^\/+/, '')).filter((p) => p.length > 1), arb.forbiddenInPrefixes)],
    ['cluster.name', (value) => validRawConfig({ cluster: { name: value } }), arb.withInserted(arb.cluster, arb.forbiddenInClusterNames)],
  ];

  it.each(cases)('%s', (field, configWith, badValue) => {
    fc.assert(
      fc.property(badValue, (value) => {
        const parsed = tryParse(configWith(value));
        expect(parsed.issues?.map((issue) => issue.field)).toContain(field);
      }),
      { numRuns: RUNS.numRuns * 5 },
    );
  });
});

describe('any string at all, in any field', () => {
  const fields: Array<[string, (value: string) => Record<string, unknown>]> = [
    ['region', (value) => validRawConfig({ region: value })],
    ['cluster.name', (value) => validRawConfig({ cluster: { name: value } })],
    ['cluster.oidcIssuer', (value) => validRawConfig({ cluster: { oidcIssuer: value } })],
    ['bindings[0].namespace', (value) => validRawConfig({ bindings: [validRawBinding({ namespace: value })] })],
    ['bindings[0].serviceAccount', (value) => validRawConfig({ bindings: [validRawBinding({ serviceAccount: value })] })],
    ['bindings[0].bucket', (value) => validRawConfig({ bindings: [validRawBinding({ bucket: value })] })],
    ['bindings[0].prefix', (value) => validRawConfig({ bindings: [validRawBinding({ prefix: value })] })],
    ['bindings[0].roleName', (value) => validRawConfig({ bindings: [validRawBinding({ roleName: value })] })],
    ['bindings[0].policyName', (value) => validRawConfig({ bindings: [validRawBinding({ policyName: value })] })],
    ['bindings[0].s3[1].kmsKey', (value) => validRawConfig({ bindings: [validRawGrantsBinding([validRawGrant(), validRawGrant({ bucket: 'acme-keys', kmsKey: value })])] })],
    ['bindings[0].role.path', (value) => validRawConfig({ bindings: [validRawBinding({ role: { path: value } })] })],
    ['role.permissionsBoundary', (value) => validRawConfig({ role: { permissionsBoundary: value } })],
    ['tags.team', (value) => validRawConfig({ tags: { team: value } })],
    ['backend.s3.key', (value) => validRawConfig({ backend: { s3: { bucket: 'acme-tfstate', key: value } } })],
  ];
  const anyString = fc.oneof(
    fc.string({ unit: 'grapheme', maxLength: 40 }),
    fc.string({ unit: 'binary', maxLength: 40 }),
    fc.constantFrom('${aws_iam_role.x.arn}', '%{ if true }x%{ endif }', '$${x}', '*', 'a/*', '../', 'exports/**', '\u202e', ' a '),
  );

  it.each(fields)('%s: is rejected naming the field, or yields a module that keeps every promise', (field, configWith) => {
    fc.assert(
      fc.property(anyString, (value) => {
        const parsed = tryParse(configWith(value));
        if (parsed.issues) {
          expect(parsed.issues.map((issue) => issue.field)).toContain(field);
          return;
        }
        checkGeneratedModule(parsed.config, generateModules(parsed.config, templates));
      }),
      { numRuns: RUNS.numRuns * 2 },
    );
  });
});
