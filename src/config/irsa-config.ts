/**
 * The domain model: what a user asks for, before and after normalization.
 * Nothing here knows about CDKTF or Terraform; it is plain data.
 */

/** How much of the bucket prefix the workload may use. */
export type AccessLevel = 'read' | 'read-write';

export const ACCESS_LEVELS: readonly AccessLevel[] = ['read', 'read-write'];

/** One Kubernetes service account that gets one IAM role scoped to one S3 bucket prefix. */
export interface BindingConfig {
  /** Kubernetes namespace of the service account (RFC 1123 label). */
  readonly namespace: string;
  /** Kubernetes service account name (RFC 1123 subdomain). */
  readonly serviceAccount: string;
  /** S3 bucket the workload may reach. */
  readonly bucket: string;
  /**
   * Folder inside the bucket, always ending in `/`; `""` means the whole bucket.
   */
  readonly prefix: string;
  /** @default 'read' */
  readonly access: AccessLevel;
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
}

/** A validated, normalized configuration: every default filled in. */
export interface IrsaConfig {
  readonly region: string;
  readonly cluster: ClusterConfig;
  readonly bindings: readonly BindingConfig[];
}
