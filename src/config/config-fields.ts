/**
 * The one description of the config file: every key, in the order create-irsa writes it, with its
 * type, default, example and flag. The parser, the writer of irsa.config.json, the flags, --help and
 * the wizard's defaults are all derived from this table, so a new key is one entry here.
 */
import { FIELD_SPECS, FieldName } from './field-specs';
import { ACCESS_LEVELS, CLUSTER_IDENTITIES, IDENTITY_KINDS, OUTPUT_FORMATS } from './irsa-config';
import { MAX_SESSION_DURATION } from './platform-rules';

export type FieldType =
  | { readonly kind: 'text'; readonly rule: FieldName }
  | { readonly kind: 'boolean' }
  | { readonly kind: 'choice'; readonly values: readonly string[] }
  | { readonly kind: 'integer'; readonly min: number; readonly max: number }
  /** A map of tag keys to tag values. */
  | { readonly kind: 'tags' }
  /** A nested object, described by the fields under its path. */
  | { readonly kind: 'object' }
  /** A list of objects, described by the fields under `<path>[]`. */
  | { readonly kind: 'list' };

export interface FieldFlag {
  /** Flag name without dashes. */
  readonly name: string;
  /** Given more than once, each value is one more item (`--s3`, `--tag`). */
  readonly repeatable?: true;
  /** How a value is written on the command line, for --help. */
  readonly example: string;
}

/**
 * - `project`: shared by every binding of the project; flags that add a binding to an existing
 *   project may not change it (only --config, which replaces the whole config, may);
 * - `binding`: belongs to the one binding that flags and the wizard describe.
 */
export type FieldScope = 'project' | 'binding';

export interface ConfigField {
  /** Where the key lives: `region`, `cluster.name`, `bindings[].s3[].kmsKey`. */
  readonly path: string;
  readonly type: FieldType;
  /** One line for --help and docs. */
  readonly description: string;
  /** The value when the key is absent; absent and no default means optional and unset, or `required`. */
  readonly default?: string | boolean | number;
  readonly required?: true;
  /** Said when a required key is missing, before the example. */
  readonly requiredHint?: string;
  /** What the default is, in words, where it is not a plain value (--help). */
  readonly defaultText?: string;
  readonly example: string;
  readonly flag?: FieldFlag;
  readonly scope: FieldScope;
  /**
   * `always`: written into irsa.config.json with its default filled in (the keys of the first
   * release). `when-set`: written only when it differs from its default, so that upgrading
   * create-irsa never rewrites an existing project's config.
   */
  readonly written: 'always' | 'when-set';
}

const text = (rule: FieldName): FieldType => ({ kind: 'text', rule });
const choice = (values: readonly string[]): FieldType => ({ kind: 'choice', values });
const BOOLEAN: FieldType = { kind: 'boolean' };
const OBJECT: FieldType = { kind: 'object' };
const LIST: FieldType = { kind: 'list' };

/** The S3 grant keys, used both in `bindings[].s3[]` and as the one-grant shorthand on a binding. */
const GRANT_FIELDS = (parent: string, scope: FieldScope, shorthand: boolean): ConfigField[] => [
  {
    path: `${parent}.bucket`,
    type: text('bucket'),
    description: 'S3 bucket name',
    // The shorthand is required only when there is no `s3` list; parse-config checks that.
    required: shorthand ? undefined : true,
    example: FIELD_SPECS.bucket.example,
    flag: shorthand ? { name: 'bucket', example: FIELD_SPECS.bucket.example } : undefined,
    scope,
    written: 'always',
  },
  {
    path: `${parent}.prefix`,
    type: text('prefix'),
    description: 'folder in the bucket; "" grants the whole bucket',
    required: shorthand ? undefined : true,
    // Required so that "the whole bucket" is always an explicit `""`, never a forgotten key.
    requiredHint: 'give the folder the workload may use, or "" to grant the whole bucket',
    defaultText: 'required; "" means the whole bucket',
    example: FIELD_SPECS.prefix.example,
    flag: shorthand ? { name: 'prefix', example: FIELD_SPECS.prefix.example } : undefined,
    scope,
    written: 'always',
  },
  {
    path: `${parent}.access`,
    type: choice(ACCESS_LEVELS),
    description: 'read, or read-write (adds put, delete and multipart uploads)',
    default: 'read',
    example: 'read-write',
    flag: shorthand ? { name: 'access', example: 'read-write' } : undefined,
    scope,
    written: 'always',
  },
];

/** Role settings: at the top level for every binding, and per binding, key by key. */
const ROLE_FIELDS = (parent: string, scope: FieldScope, flags: boolean): ConfigField[] => [
  {
    path: `${parent}.path`,
    type: text('rolePath'),
    description: 'IAM path of the roles',
    defaultText: '"/"',
    example: FIELD_SPECS.rolePath.example,
    flag: flags ? { name: 'role-path', example: FIELD_SPECS.rolePath.example } : undefined,
    scope,
    written: 'when-set',
  },
  {
    path: `${parent}.permissionsBoundary`,
    type: text('permissionsBoundary'),
    description: 'ARN of the IAM policy that bounds the roles (permissions boundary)',
    defaultText: 'none',
    example: FIELD_SPECS.permissionsBoundary.example,
    flag: flags ? { name: 'permissions-boundary', example: FIELD_SPECS.permissionsBoundary.example } : undefined,
    scope,
    written: 'when-set',
  },
  {
    path: `${parent}.maxSessionDuration`,
    type: { kind: 'integer', min: MAX_SESSION_DURATION.min, max: MAX_SESSION_DURATION.max },
    description: `longest session of the roles, in seconds (${MAX_SESSION_DURATION.min}-${MAX_SESSION_DURATION.max})`,
    defaultText: `${MAX_SESSION_DURATION.min} (IAM's)`,
    example: String(MAX_SESSION_DURATION.example),
    flag: flags ? { name: 'max-session-duration', example: String(MAX_SESSION_DURATION.example) } : undefined,
    scope,
    written: 'when-set',
  },
];

export const CONFIG_FIELDS: readonly ConfigField[] = [
  {
    path: 'region',
    type: text('region'),
    description: 'AWS region of the cluster',
    required: true,
    defaultText: '$AWS_REGION, else $AWS_DEFAULT_REGION; else required',
    example: FIELD_SPECS.region.example,
    flag: { name: 'region', example: FIELD_SPECS.region.example },
    scope: 'project',
    written: 'always',
  },
  { path: 'cluster', type: OBJECT, description: 'the EKS cluster', required: true, example: '{ "name": "payments" }', scope: 'project', written: 'always' },
  {
    path: 'cluster.name',
    type: text('clusterName'),
    description: 'EKS cluster name',
    required: true,
    example: FIELD_SPECS.clusterName.example,
    flag: { name: 'cluster', example: FIELD_SPECS.clusterName.example },
    scope: 'project',
    written: 'always',
  },
  {
    path: 'cluster.oidcIssuer',
    type: text('oidcIssuer'),
    description: "the cluster's OIDC issuer URL",
    defaultText: 'read from the cluster at plan time',
    example: FIELD_SPECS.oidcIssuer.example,
    flag: { name: 'oidc-issuer', example: FIELD_SPECS.oidcIssuer.example },
    scope: 'project',
    written: 'always',
  },
  {
    path: 'cluster.createOidcProvider',
    type: BOOLEAN,
    description: "create the cluster's IAM OIDC provider; false reuses the existing one",
    default: true,
    example: 'false',
    flag: { name: 'create-oidc-provider', example: '--no-create-oidc-provider' },
    scope: 'project',
    written: 'always',
  },
  {
    path: 'cluster.identity',
    type: choice(CLUSTER_IDENTITIES),
    description: 'how pods get credentials, for bindings that do not choose: irsa or pod-identity',
    default: 'irsa',
    example: 'pod-identity',
    scope: 'project',
    written: 'when-set',
  },
  { path: 'backend', type: OBJECT, description: 'where Terraform keeps state', defaultText: 'a local terraform.tfstate', example: '{ "s3": { ... } }', scope: 'project', written: 'when-set' },
  {
    path: 'backend.s3',
    type: OBJECT,
    description: 'Terraform state in S3',
    example: '{ "bucket": "acme-tfstate", "key": "irsa/payments.tfstate" }',
    scope: 'project',
    written: 'when-set',
  },
  {
    path: 'backend.s3.bucket',
    type: text('bucket'),
    description: 'S3 bucket of the Terraform state',
    required: true,
    example: 'acme-tfstate',
    flag: { name: 'backend-s3-bucket', example: 'acme-tfstate' },
    scope: 'project',
    written: 'always',
  },
  {
    path: 'backend.s3.key',
    type: text('stateKey'),
    description: 'object key of the Terraform state file',
    required: true,
    example: FIELD_SPECS.stateKey.example,
    flag: { name: 'backend-s3-key', example: FIELD_SPECS.stateKey.example },
    scope: 'project',
    written: 'always',
  },
  {
    path: 'backend.s3.region',
    type: text('region'),
    description: 'region of the state bucket',
    defaultText: 'the config\'s region',
    example: FIELD_SPECS.region.example,
    flag: { name: 'backend-s3-region', example: FIELD_SPECS.region.example },
    scope: 'project',
    written: 'always',
  },
  {
    path: 'backend.s3.encrypt',
    type: BOOLEAN,
    description: 'encrypt the state file at rest',
    default: true,
    example: 'true',
    scope: 'project',
    written: 'always',
  },
  {
    path: 'backend.s3.useLockfile',
    type: BOOLEAN,
    description: 'lock the state with an S3 lock file (Terraform 1.10+)',
    defaultText: 'true, unless dynamodbTable is set',
    example: 'true',
    scope: 'project',
    written: 'always',
  },
  {
    path: 'backend.s3.dynamodbTable',
    type: text('dynamodbTable'),
    description: 'DynamoDB table that locks the state, instead of the S3 lock file (which needs Terraform 1.11)',
    defaultText: 'none',
    example: FIELD_SPECS.dynamodbTable.example,
    flag: { name: 'backend-s3-dynamodb-table', example: FIELD_SPECS.dynamodbTable.example },
    scope: 'project',
    written: 'when-set',
  },
  {
    path: 'tags',
    type: { kind: 'tags' },
    description: 'tags on every AWS resource (the aws provider\'s default_tags)',
    defaultText: 'none',
    example: '{ "team": "data", "cost-center": "cc-42" }',
    flag: { name: 'tag', repeatable: true, example: 'cost-center=cc-42' },
    scope: 'project',
    written: 'when-set',
  },
  { path: 'role', type: OBJECT, description: 'settings of every role', defaultText: 'none', example: '{ "path": "/irsa/" }', scope: 'project', written: 'when-set' },
  ...ROLE_FIELDS('role', 'project', true),
  {
    path: 'format',
    type: choice(OUTPUT_FORMATS),
    description: 'how generated/ is written: json (*.tf.json) or hcl (*.tf)',
    default: 'json',
    example: 'hcl',
    flag: { name: 'format', example: 'hcl' },
    scope: 'project',
    written: 'when-set',
  },
  { path: 'bindings', type: LIST, description: 'one per service account', required: true, example: '[{ "namespace": "billing", ... }]', scope: 'binding', written: 'always' },
  {
    path: 'bindings[].namespace',
    type: text('namespace'),
    description: 'Kubernetes namespace',
    required: true,
    defaultText: '"default", with flags and in the wizard',
    example: FIELD_SPECS.namespace.example,
    flag: { name: 'namespace', example: FIELD_SPECS.namespace.example },
    scope: 'binding',
    written: 'always',
  },
  {
    path: 'bindings[].serviceAccount',
    type: text('serviceAccount'),
    description: 'Kubernetes service account name',
    required: true,
    example: FIELD_SPECS.serviceAccount.example,
    flag: { name: 'service-account', example: FIELD_SPECS.serviceAccount.example },
    scope: 'binding',
    written: 'always',
  },
  {
    path: 'bindings[].identity',
    type: choice(IDENTITY_KINDS),
    description: 'irsa, pod-identity, or both (while moving from one to the other)',
    defaultText: "the cluster's identity",
    example: 'pod-identity',
    flag: { name: 'identity', example: 'pod-identity' },
    scope: 'binding',
    written: 'when-set',
  },
  // The one-grant shorthand of the first release; `s3` says the same for any number of grants.
  ...GRANT_FIELDS('bindings[]', 'binding', true),
  {
    path: 'bindings[].s3',
    type: LIST,
    description: 'S3 grants: <bucket>/<prefix>[:<access>][@<kms key ARN>]',
    defaultText: 'required, or bucket/prefix/access',
    example: '[{ "bucket": "acme-raw", "prefix": "landing/", "access": "read" }]',
    flag: { name: 's3', repeatable: true, example: 'acme-raw/landing/:read' },
    scope: 'binding',
    written: 'always',
  },
  ...GRANT_FIELDS('bindings[].s3[]', 'binding', false),
  {
    path: 'bindings[].s3[].kmsKey',
    type: text('kmsKey'),
    description: 'ARN of the KMS key of the bucket (SSE-KMS)',
    defaultText: 'none',
    example: FIELD_SPECS.kmsKey.example,
    scope: 'binding',
    written: 'when-set',
  },
  {
    path: 'bindings[].roleName',
    type: text('roleName'),
    description: 'IAM role name',
    defaultText: '<cluster>-<namespace>-<serviceAccount>',
    example: FIELD_SPECS.roleName.example,
    flag: { name: 'role-name', example: FIELD_SPECS.roleName.example },
    scope: 'binding',
    written: 'always',
  },
  {
    path: 'bindings[].policyName',
    type: text('policyName'),
    description: 'IAM policy name',
    defaultText: '<cluster>-<namespace>-<serviceAccount>-s3',
    example: FIELD_SPECS.policyName.example,
    flag: { name: 'policy-name', example: FIELD_SPECS.policyName.example },
    scope: 'binding',
    written: 'always',
  },
  {
    path: 'bindings[].terraformName',
    type: text('terraformName'),
    description: "name of the binding's Terraform blocks; recorded once, so they are never renamed",
    defaultText: '<namespace>_<serviceAccount>',
    example: FIELD_SPECS.terraformName.example,
    scope: 'binding',
    written: 'always',
  },
  {
    path: 'bindings[].createNamespace',
    type: BOOLEAN,
    description: 'also create the Kubernetes namespace',
    default: false,
    example: 'true',
    flag: { name: 'create-namespace', example: '--create-namespace' },
    scope: 'binding',
    written: 'always',
  },
  {
    path: 'bindings[].createServiceAccount',
    type: BOOLEAN,
    description: 'create the ServiceAccount; false when a Helm chart or manifests create it',
    default: true,
    example: 'false',
    flag: { name: 'create-service-account', example: '--no-create-service-account' },
    scope: 'binding',
    written: 'when-set',
  },
  { path: 'bindings[].role', type: OBJECT, description: 'role settings of this binding', defaultText: 'the top-level role settings', example: '{ "maxSessionDuration": 3600 }', scope: 'binding', written: 'when-set' },
  ...ROLE_FIELDS('bindings[].role', 'binding', false),
];

const FIELD_BY_PATH = new Map(CONFIG_FIELDS.map((field) => [field.path, field]));

/** The description of the key at `path` (`bindings[].s3[].kmsKey`); throws for an unknown path. */
export function configField(path: string): ConfigField {
  const field = FIELD_BY_PATH.get(path);
  if (!field) throw new Error(`no config field ${path}`);
  return field;
}

/** The last segment of a path: the key as written in its object. */
export function fieldKey(field: ConfigField): string {
  return field.path.slice(field.path.lastIndexOf('.') + 1);
}

/** The fields directly inside the object at `objectPath` (`''` for the top level), in written order. */
export function fieldsOf(objectPath: string): readonly ConfigField[] {
  const depth = objectPath === '' ? 0 : objectPath.split('.').length;
  return CONFIG_FIELDS.filter(
    (field) => field.path.split('.').length === depth + 1 && (objectPath === '' || field.path.startsWith(`${objectPath}.`)),
  );
}

/** The fields that have a flag, in the order --help lists them. */
export function flagFields(): readonly (ConfigField & { readonly flag: FieldFlag })[] {
  return CONFIG_FIELDS.filter((field): field is ConfigField & { flag: FieldFlag } => field.flag !== undefined);
}
