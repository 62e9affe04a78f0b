/**
 * What HCL needs and Terraform JSON does not say: whether an object under a key is a nested block
 * (`metadata { ... }`) or an attribute holding an object or map (`annotations = { ... }`). In JSON
 * both are `"key": { ... }`, and writing one as the other changes what Terraform reads, so the
 * printer looks every object-valued key up here and refuses a key it does not find.
 * Strings, numbers, booleans and lists of them are always attributes and need no entry.
 * The entries follow the Terraform language and the provider schemas of the resources create-irsa
 * writes; a new resource type is one more entry.
 */

export interface BodySchema {
  /** Nested block types, by key. */
  readonly blocks?: Readonly<Record<string, BlockSchema>>;
  /** Keys whose object (or list of objects) value is an attribute; `'*'` for every key. */
  readonly objectAttributes?: readonly string[] | '*';
  /** String attributes holding a JSON document, written as `jsonencode({ ... })`. */
  readonly jsonDocuments?: readonly string[];
  /** Attributes whose JSON strings are expressions or references, not templates (`type = string`). */
  readonly expressions?: readonly string[];
}

export interface BlockSchema {
  /** How many labels the block has (`resource "type" "name"`: 2). In JSON each label is one level of object. */
  readonly labels: number;
  /** The body's schema; for some blocks it depends on the first label (the resource type). */
  readonly body: BodySchema | { readonly byFirstLabel: Readonly<Record<string, BodySchema>> };
}

const CONDITION: BlockSchema = { labels: 0, body: {} };

const LIFECYCLE: BlockSchema = {
  labels: 0,
  body: {
    blocks: { precondition: CONDITION, postcondition: CONDITION },
    expressions: ['ignore_changes', 'replace_triggered_by'],
  },
};

/** Meta-arguments every resource and data source may have. */
function withMetaArguments(body: BodySchema): BodySchema {
  return {
    ...body,
    blocks: { ...body.blocks, lifecycle: LIFECYCLE },
    expressions: [...(body.expressions ?? []), 'depends_on', 'provider'],
  };
}

const TAGGED: BodySchema = { objectAttributes: ['tags'] };

/** Kubernetes objects: `metadata` is a block, its `annotations` and `labels` are maps. */
const KUBERNETES_METADATA: BlockSchema = { labels: 0, body: { objectAttributes: ['annotations', 'labels'] } };

const RESOURCES: Record<string, BodySchema> = {
  aws_iam_openid_connect_provider: TAGGED,
  aws_iam_policy: { ...TAGGED, jsonDocuments: ['policy'] },
  aws_iam_role: { ...TAGGED, jsonDocuments: ['assume_role_policy'] },
  aws_iam_role_policy_attachment: {},
  kubernetes_namespace_v1: { blocks: { metadata: KUBERNETES_METADATA } },
  kubernetes_service_account_v1: { blocks: { metadata: KUBERNETES_METADATA } },
  aws_eks_pod_identity_association: TAGGED,
};

const DATA_SOURCES: Record<string, BodySchema> = {
  aws_eks_cluster: TAGGED,
  aws_eks_cluster_auth: {},
  aws_iam_openid_connect_provider: TAGGED,
  aws_eks_addon: TAGGED,
};

const PROVIDERS: Record<string, BodySchema> = {
  aws: {
    blocks: {
      default_tags: { labels: 0, body: TAGGED },
      assume_role: { labels: 0, body: { objectAttributes: ['session_tags'] } },
      ignore_tags: { labels: 0, body: {} },
    },
  },
  kubernetes: {
    blocks: { exec: { labels: 0, body: { objectAttributes: ['env'] } } },
  },
};

const BACKENDS: Record<string, BodySchema> = {
  local: {},
  // The s3 backend takes these as object attributes: `assume_role = { role_arn = ... }`.
  s3: { objectAttributes: ['assume_role', 'assume_role_with_web_identity', 'endpoints'] },
};

const TERRAFORM: BlockSchema = {
  labels: 0,
  body: {
    blocks: {
      backend: { labels: 1, body: { byFirstLabel: BACKENDS } },
      // Each entry of required_providers is an attribute: `aws = { source = ..., version = ... }`.
      required_providers: { labels: 0, body: { objectAttributes: '*' } },
    },
  },
};

/** The top-level blocks of a Terraform configuration, in the order they are written in a file. */
export const TOP_LEVEL_BLOCKS: ReadonlyArray<readonly [string, BlockSchema]> = [
  ['terraform', TERRAFORM],
  ['provider', { labels: 1, body: { byFirstLabel: PROVIDERS } }],
  [
    'variable',
    {
      labels: 1,
      body: { objectAttributes: ['default'], expressions: ['type'], blocks: { validation: CONDITION } },
    },
  ],
  ['locals', { labels: 0, body: { objectAttributes: '*' } }],
  ['data', { labels: 2, body: { byFirstLabel: mapValues(DATA_SOURCES, withMetaArguments) } }],
  ['resource', { labels: 2, body: { byFirstLabel: mapValues(RESOURCES, withMetaArguments) } }],
  // A check block may hold one scoped data source besides its assertions.
  [
    'check',
    {
      labels: 1,
      body: { blocks: { assert: CONDITION, data: { labels: 2, body: { byFirstLabel: mapValues(DATA_SOURCES, withMetaArguments) } } } },
    },
  ],
  ['moved', { labels: 0, body: { expressions: ['from', 'to'] } }],
  [
    'output',
    { labels: 1, body: { objectAttributes: ['value'], expressions: ['depends_on'], blocks: { precondition: CONDITION } } },
  ],
];

function mapValues<T, U>(record: Record<string, T>, change: (value: T) => U): Record<string, U> {
  return Object.fromEntries(Object.entries(record).map(([key, value]) => [key, change(value)]));
}
