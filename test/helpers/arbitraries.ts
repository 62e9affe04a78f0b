/**
 * fast-check generators for valid and invalid values of every field.
 */
import fc from 'fast-check';

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

export const issuer = fc
  .tuple(region, fc.stringMatching(/^[0-9A-F]{32}$/), fc.boolean())
  .map(([issuerRegion, id, trailingSlash]) => `https://oidc.eks.${issuerRegion}.amazonaws.com/id/${id}${trailingSlash ? '/' : ''}`);

export const access = fc.constantFrom('read', 'read-write');

export const binding = fc.record({
  namespace: namespace.filter((name) => !['default', 'kube-system', 'kube-public', 'kube-node-lease'].includes(name)),
  serviceAccount,
  bucket,
  prefix: typedPrefix,
  access,
  createNamespace: fc.boolean(),
});

/** A config of 1 to `maxBindings` bindings for distinct service accounts. */
export function rawConfig(maxBindings: number) {
  return fc.record({
    region,
    cluster: fc.record({ name: cluster, oidcIssuer: fc.option(issuer, { nil: undefined }), createOidcProvider: fc.boolean() }),
    // The count is drawn uniformly, so large configs are as likely as small ones.
    bindings: fc.integer({ min: 1, max: maxBindings }).chain((count) =>
      fc.uniqueArray(binding, { minLength: count, maxLength: count, selector: (item) => `${item.namespace}/${item.serviceAccount}` }),
    ),
  });
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
export const forbiddenInPrefixes = fc.constantFrom('*', '?', '${', '%{', '\u0000', '\n', '\t', '\u007f', '//', '/../', '/./');

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
