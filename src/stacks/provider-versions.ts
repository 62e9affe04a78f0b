/**
 * Versions written into the generated `terraform` block. The provider ranges match the provider
 * schemas the bundled @cdktf/provider-* bindings were generated from (a test checks that).
 */
export const TERRAFORM_REQUIRED_VERSION = '>= 1.5.0';

/** The S3 backend's `use_lockfile` (state locking without DynamoDB) is generally available from 1.11. */
export const TERRAFORM_REQUIRED_VERSION_S3_LOCKFILE = '>= 1.11.0';

export const REQUIRED_PROVIDERS = {
  aws: { source: 'hashicorp/aws', version: '~> 6.25' },
  kubernetes: { source: 'hashicorp/kubernetes', version: '~> 2.38' },
} as const;
