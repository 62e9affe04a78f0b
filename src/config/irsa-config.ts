/**
 * The domain model: what a user asks for, after validation and normalization.
 * Nothing here knows about CDKTF or Terraform; it is plain data. Which keys exist, their defaults,
 * flags and examples are described once, in config-fields.ts.
 */

/** How much of a bucket prefix the workload may use. */
export type AccessLevel = 'read' | 'read-write';

export const ACCESS_LEVELS: readonly AccessLevel[] = ['read', 'read-write'];

/**
 * How pods of a service account get the role's credentials:
 * - `irsa`: IAM Roles for Service Accounts (the cluster's OIDC provider, a web identity token);
 * - `pod-identity`: EKS Pod Identity (an association managed through the EKS API);
 * - `both`: the role trusts both, for moving a workload from one to the other without downtime.
 */
export type IdentityKind = 'irsa' | 'pod-identity' | 'both';

export const IDENTITY_KINDS: readonly IdentityKind[] = ['irsa', 'pod-identity', 'both'];

/** A cluster's default identity; `both` is a per-binding migration state, not a default. */
export type ClusterIdentity = Exclude<IdentityKind, 'both'>;

export const CLUSTER_IDENTITIES: readonly ClusterIdentity[] = ['irsa', 'pod-identity'];

/** How the Terraform of `generated/` is written: Terraform JSON (`*.tf.json`) or HCL (`*.tf`). */
export type OutputFormat = 'json' | 'hcl';

export const OUTPUT_FORMATS: readonly OutputFormat[] = ['json', 'hcl'];

/** One S3 permission: a folder of a bucket, read or read-write, optionally through a KMS key. */
export interface S3Grant {
  readonly bucket: string;
  /** Folder inside the bucket, always ending in `/`; `""` means the whole bucket. */
  readonly prefix: string;
  /** @default 'read' */
  readonly access: AccessLevel;
  /** ARN of the KMS key the bucket's objects are encrypted with (SSE-KMS). @default none */
  readonly kmsKey?: string;
}

/** Guardrails an organisation puts on every IAM role. Each is optional. */
export interface RoleSettings {
  /** IAM path of the role, e.g. `/irsa/`. @default `/` (IAM's) */
  readonly path?: string;
  /** ARN of the IAM policy used as the role's permissions boundary. @default none */
  readonly permissionsBoundary?: string;
  /** Maximum session duration in seconds, 3600-43200. @default 3600 (IAM's) */
  readonly maxSessionDuration?: number;
}

/** One Kubernetes service account that gets one IAM role with its S3 grants. */
export interface BindingConfig {
  /** Kubernetes namespace of the service account (RFC 1123 label). */
  readonly namespace: string;
  /** Kubernetes service account name (RFC 1123 subdomain). */
  readonly serviceAccount: string;
  /** What the role may reach in S3: at least one grant, no two alike. */
  readonly s3: readonly S3Grant[];
  /** IAM role name. @default derived from cluster, namespace and service account */
  readonly roleName: string;
  /** IAM policy name. @default derived from cluster, namespace and service account */
  readonly policyName: string;
  /**
   * Name of the binding's Terraform blocks (`aws_iam_role.<terraformName>`, its outputs
   * `<terraformName>_role_arn`, ...). Once written it never changes, so Terraform keeps the resources.
   * @default the name the project already gives this service account, else derived from namespace
   * and service account (see plan/terraform-names); create-irsa records it in the config it writes
   */
  readonly terraformName?: string;
  /** Whether to create the Kubernetes namespace too. @default false */
  readonly createNamespace: boolean;
  /**
   * Whether create-irsa creates the ServiceAccount. `false` when a Helm chart or GitOps creates it;
   * the role's annotation is then an output to put into the chart's values. @default true
   */
  readonly createServiceAccount: boolean;
  /** Overrides the cluster's identity for this binding. @default the cluster's */
  readonly identity?: IdentityKind;
  /** Overrides the project's role settings, key by key. @default {} */
  readonly role: RoleSettings;
}

export interface ClusterConfig {
  /** EKS cluster name. */
  readonly name: string;
  /**
   * The cluster's OIDC issuer URL (`https://oidc.eks.<region>.amazonaws.com/id/<id>`).
   * @default undefined: read from the cluster at plan time
   */
  readonly oidcIssuer?: string;
  /**
   * Create the account's IAM OIDC provider for this issuer, or reference the existing one.
   * @default true
   */
  readonly createOidcProvider: boolean;
  /** The identity of every binding that does not choose its own. @default 'irsa' */
  readonly identity: ClusterIdentity;
}

/** Terraform state in S3, instead of a local file beside the module. */
export interface S3BackendConfig {
  readonly bucket: string;
  readonly key: string;
  /** @default the config's region */
  readonly region: string;
  /** @default true */
  readonly encrypt: boolean;
  /** S3-native state locking (Terraform 1.10 and later). @default true, unless dynamodbTable is set */
  readonly useLockfile: boolean;
  /** DynamoDB table for state locking, the pre-1.10 way. @default none */
  readonly dynamodbTable?: string;
}

export interface BackendConfig {
  readonly s3?: S3BackendConfig;
}

/** A validated, normalized configuration: every default filled in. */
export interface IrsaConfig {
  readonly region: string;
  readonly cluster: ClusterConfig;
  /** Where Terraform keeps state. @default {}: a local `terraform.tfstate` beside the module */
  readonly backend: BackendConfig;
  /** Tags on every AWS resource (the aws provider's default_tags). @default {} */
  readonly tags: Readonly<Record<string, string>>;
  /** Role settings of every binding, each overridable per binding. @default {} */
  readonly role: RoleSettings;
  /** @default 'json' */
  readonly format: OutputFormat;
  readonly bindings: readonly BindingConfig[];
}
