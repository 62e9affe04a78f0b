/**
 * fast-check generators for valid and invalid values of every field.
 */
import fc from 'fast-check';
import { normalizePrefix } from '../../src/config/normalize';
import { partitionForRegion } from '../../src/config/partition';

export const label = fc.stringMatching(/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/);

export const namespace = label;

export const serviceAccount = fc
  .array(label, { minLength: 1, maxLength: 4 })
  .map((labels) => labels.join('.'))
  .filter((name) => name.length <= 253 && name !== 'default');

export const bucket = fc
  .stringMatching(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/)
  .filter((name) => !name.includes('..') && !/^\d+\.\d+\.\d+\.\d+$/.test(name))
  .filter((name) => !/^(xn--|sthree-|amzn-s3-demo-)/.test(name) && !/(-s3alias|--ol-s3|\.mrap|--x-s3|--table-s3)$/.test(name));

/** Characters S3 keys may hold that are not special to create-irsa; `$`, `%` and `{` on their own are fine. */
const PREFIX_CHARACTERS = 'abcxyzABC019-_.=+,;@&$%{} ()!~\'é日'.split('');

const prefixSegment = fc
  .array(fc.constantFrom(...PREFIX_CHARACTERS), { minLength: 1, maxLength: 12 })
  .map((chars) => chars.join(''))
  .filter((segment) => segment !== '.' && segment !== '..' && segment.trim() === segment)
  .filter((segment) => !segment.includes('${') && !segment.includes('%{'));

/** A prefix as a user might type it: with or without leading and trailing slashes. */
export const typedPrefix = fc.oneof(
  { weight: 1, arbitrary: fc.constant('') },
  {
    weight: 6,
    arbitrary: fc
      .tuple(fc.array(prefixSegment, { minLength: 1, maxLength: 5 }), fc.boolean(), fc.boolean())
      .map(([segments, leading, trailing]) => `${leading ? '/' : ''}${segments.join('/')}${trailing ? '/' : ''}`)
      .filter((prefix) => !prefix.includes('${') && !prefix.includes('%{')),
  },
);

export const cluster = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9_-]{0,40}$/);

export const region = fc.constantFrom('eu-west-1', 'us-east-1', 'ap-southeast-2', 'cn-north-1', 'us-gov-west-1', 'eu-central-2');

/** Regions by partition, so that ARNs in a config are in the partition of its region. */
const REGIONS_OF_PARTITION: Readonly<Record<string, readonly string[]>> = {
  aws: ['eu-west-1', 'us-east-1', 'ap-southeast-2', 'eu-central-2'],
  'aws-cn': ['cn-north-1', 'cn-northwest-1'],
  'aws-us-gov': ['us-gov-west-1', 'us-gov-east-1'],
};

/** An EKS issuer of a cluster in `issuerRegion` (create-irsa refuses one of another region than the config's). */
export const issuerIn = (issuerRegion: string) =>
  fc
    .tuple(fc.stringMatching(/^[0-9A-F]{32}$/), fc.boolean())
    .map(([id, trailingSlash]) => `https://oidc.eks.${issuerRegion}.amazonaws.com/id/${id}${trailingSlash ? '/' : ''}`);

export const issuer = region.chain(issuerIn);

export const access = fc.constantFrom('read', 'read-write');

const accountId = fc.stringMatching(/^\d{12}$/);

/** A KMS key ARN of the region's partition; the key may be in another region of it (a bucket elsewhere). */
export function kmsKey(configRegion: string) {
  const regions = REGIONS_OF_PARTITION[partitionForRegion(configRegion)];
  const keyId = fc.oneof(fc.uuid(), fc.stringMatching(/^[0-9a-f]{32}$/).map((hex) => `mrk-${hex}`));
  return fc
    .tuple(fc.constantFrom(...regions), accountId, keyId)
    .map(([keyRegion, account, id]) => `arn:${partitionForRegion(configRegion)}:kms:${keyRegion}:${account}:key/${id}`);
}

/** One S3 grant as a user writes it; a third of them name a KMS key. */
export function grant(configRegion: string) {
  return fc.record(
    {
      bucket,
      prefix: typedPrefix,
      access,
      kmsKey: fc.oneof({ weight: 2, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: kmsKey(configRegion) }),
    },
    { requiredKeys: ['bucket', 'prefix', 'access'] },
  ).map(withoutUndefined);
}

/** 1 to 3 grants, never the same bucket folder twice (that is an error of its own). */
export function grants(configRegion: string) {
  return fc.uniqueArray(grant(configRegion), {
    minLength: 1,
    maxLength: 3,
    selector: (item) => `${item.bucket.trim()}/${normalizePrefix(String(item.prefix))}`,
  });
}

/** Role settings, each key present or not; ARNs in the region's partition. */
export function roleSettings(configRegion: string) {
  return fc
    .record(
      {
        path: fc.constantFrom('/irsa/', '/teams/data/', 'platform', '/'),
        permissionsBoundary: fc.constantFrom('boundary', 'org/irsa-boundary').map((name) => `arn:${partitionForRegion(configRegion)}:iam::111122223333:policy/${name}`),
        maxSessionDuration: fc.integer({ min: 3600, max: 43200 }),
      },
      { requiredKeys: [] },
    )
    .filter((settings) => Object.keys(settings).length > 0);
}

/** Mostly absent: most configs have no organisation settings. */
function occasionally<T>(arbitrary: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> {
  return fc.oneof({ weight: 3, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary });
}

const TAG_CHARACTERS = 'abcXYZ019 _.:/=+-@é'.split('');

export const tagKey = fc
  .array(fc.constantFrom(...TAG_CHARACTERS), { minLength: 1, maxLength: 20 })
  .map((chars) => chars.join(''))
  .filter((key) => key.trim() === key && !/^aws:/i.test(key));

export const tagValue = fc
  .array(fc.constantFrom(...TAG_CHARACTERS), { maxLength: 30 })
  .map((chars) => chars.join(''))
  .filter((value) => value.trim() === value);

export const tags = fc.dictionary(tagKey, tagValue, { minKeys: 1, maxKeys: 6 });

/**
 * A binding for a config in `configRegion`: 1 to 3 grants (one plain grant is written in the
 * one-grant shorthand half the time), some service accounts created elsewhere, occasional role settings.
 */
export function binding(configRegion: string) {
  return fc
    .record({
      namespace: namespace.filter((name) => !['default', 'kube-system', 'kube-public', 'kube-node-lease'].includes(name)),
      serviceAccount,
      s3: grants(configRegion),
      shorthand: fc.boolean(),
      createNamespace: fc.boolean(),
      createServiceAccount: fc.oneof({ weight: 3, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.boolean() }),
      role: occasionally(roleSettings(configRegion)),
    })
    .map(({ s3, shorthand, ...rest }) => {
      const [first] = s3;
      const oneGrant = s3.length === 1 && first.kmsKey === undefined && shorthand;
      return withoutUndefined(oneGrant ? { ...rest, bucket: first.bucket, prefix: first.prefix, access: first.access } : { ...rest, s3 });
    });
}

/** A config of 1 to `maxBindings` bindings for distinct service accounts. */
export function rawConfig(maxBindings: number) {
  return region.chain((configRegion) =>
    fc
      .record({
        region: fc.constant(configRegion),
        cluster: fc.record({ name: cluster, oidcIssuer: fc.option(issuerIn(configRegion), { nil: undefined }), createOidcProvider: fc.boolean() }),
        tags: occasionally(tags),
        role: occasionally(roleSettings(configRegion)),
        // The count is drawn uniformly, so large configs are as likely as small ones.
        bindings: fc.integer({ min: 1, max: maxBindings }).chain((count) =>
          fc.uniqueArray(binding(configRegion), {
            minLength: count,
            maxLength: count,
            selector: (item) => `${item.namespace}/${item.serviceAccount}`,
          }),
        ),
      })
      .map(withoutUndefined),
  );
}

/** Drops keys whose value is undefined, as a config file would not have them. */
function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, item]) => item !== undefined)) as T;
}

/** Things users paste that must never be accepted into any name. */
const FORBIDDEN_IN_ALL_NAMES = [
  '*', '?', '${', '%{', ' ', '\t', '\n', '\u0000', '\u007f', '\u00a0', '\u200b',
  '’', '“', 'а' /* Cyrillic a */, 'ο' /* Greek omicron */, 'é', '/', ':', '@', '"', '\\',
];

/** For Kubernetes names and buckets, which are lowercase and have no "_". */
export const forbiddenInLowercaseNames = fc.constantFrom(...FORBIDDEN_IN_ALL_NAMES, 'A', 'Z', '_');

/** For EKS cluster names, which allow uppercase and "_". */
export const forbiddenInClusterNames = fc.constantFrom(...FORBIDDEN_IN_ALL_NAMES, '.');

/** Things that must never be accepted into a prefix. */
export const forbiddenInPrefixes = fc.constantFrom(
  '*', '?', '${', '%{', '\u0000', '\n', '\t', '\u007f', '\u009b', '//', '/../', '/./',
  // invisible: zero-width, byte order mark, bidi override and isolate, soft hyphen, noncharacter, lone surrogate
  '\u200b', '\ufeff', '\u202e', '\u2066', '\u00ad', '\ufdd0', '\ud800',
  // spaces that are not U+0020
  '\u00a0', '\u3000',
);

/** Inserts `bad` strictly inside a valid value (never at an end, where trimming could remove it). */
export function withInserted(valid: fc.Arbitrary<string>, bad: fc.Arbitrary<string>) {
  return fc.tuple(valid, bad, fc.nat()).map(([value, insert, at]) => {
    const padded = value.length < 2 ? `${value}a` : value;
    const index = 1 + (at % (padded.length - 1));
    return padded.slice(0, index) + insert + padded.slice(index);
  });
}

/**
 * Namespaces and service accounts picked from a few parts, so that Terraform names collide often:
 * `a-b/c` and `a/b-c`, `x/y` and `x/y-service-account`, `oidc/provider-arn`, and a plain name equal to
 * another binding's hashed one (`a-b/c-4e84717d`).
 */
export const collidingSubject = fc.record({
  namespace: fc.constantFrom('a', 'a-b', 'x', 'oidc', 'constructor', '1a'),
  serviceAccount: fc.constantFrom('c', 'b-c', 'y', 'y-service-account', 'y-role-arn', 'provider-arn', 'c-4e84717d', 'x-8109562212591379e283', 'to-string'),
});

/** Terraform names a config may give, chosen to collide with derived names, outputs and Object.prototype. */
export const givenTerraformName = fc.oneof(
  fc.constantFrom('constructor', '__proto__', 'toString', 'oidc_provider_arn', 'a_b_c', 'a_b_c_4e84717d', 'x_y_role_arn', 'this', 'x-8109562212591379e283'),
  fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_-]{0,20}$/),
);

/** Bindings for distinct service accounts, some with a terraformName; names and IAM names are unique. */
export function collidingBindings(maxBindings: number) {
  return fc
    .uniqueArray(
      fc.record({ subject: collidingSubject, terraformName: fc.option(givenTerraformName, { nil: undefined, freq: 4 }) }),
      { minLength: 1, maxLength: maxBindings, selector: ({ subject }) => `${subject.namespace}/${subject.serviceAccount}` },
    )
    .filter((items) => {
      const given = items.map((item) => item.terraformName).filter((name) => name !== undefined);
      return new Set(given).size === given.length;
    })
    .map((items) =>
      items.map(({ subject, terraformName }, index) => ({
        ...subject,
        bucket: 'acme-invoices',
        prefix: `p${index}/`,
        roleName: `role-${index}`,
        policyName: `policy-${index}`,
        ...(terraformName === undefined ? {} : { terraformName }),
      })),
    );
}
