/**
 * Name derivations. Each name is derived in exactly one place, deterministically, so the same
 * config always yields the same IAM names and Terraform addresses.
 */
import { createHash } from 'node:crypto';

export const IAM_ROLE_NAME_MAX = 64;
export const IAM_POLICY_NAME_MAX = 128;
const HASH_LENGTH = 8;

function shortHash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, HASH_LENGTH);
}

/**
 * Fits `name` into `max` characters. A name that fits is kept as is; a longer one keeps its
 * beginning and ends with a hash of the whole name, so two long names stay distinct.
 */
export function fitName(name: string, max: number): string {
  if (name.length <= max) return name;
  const head = name.slice(0, max - HASH_LENGTH - 1).replace(/[-_.]+$/, '');
  return `${head}-${shortHash(name)}`;
}

export interface BindingIdentity {
  readonly cluster: string;
  readonly namespace: string;
  readonly serviceAccount: string;
}

/** The IAM role name a binding would have without IAM's limit: `<cluster>-<namespace>-<serviceAccount>`. */
export function fullRoleName({ cluster, namespace, serviceAccount }: BindingIdentity): string {
  return `${cluster}-${namespace}-${serviceAccount}`;
}

/** The IAM policy name a binding would have without IAM's limit: `<cluster>-<namespace>-<serviceAccount>-s3`. */
export function fullPolicyName(binding: BindingIdentity): string {
  return `${fullRoleName(binding)}-s3`;
}

/** Default IAM role name: the full name, shortened to IAM's 64 characters. */
export function defaultRoleName(binding: BindingIdentity): string {
  return fitName(fullRoleName(binding), IAM_ROLE_NAME_MAX);
}

/** Default IAM policy name: the full name, shortened to IAM's 128 characters. */
export function defaultPolicyName(binding: BindingIdentity): string {
  return fitName(fullPolicyName(binding), IAM_POLICY_NAME_MAX);
}

/** The Kubernetes subject a service account's projected token carries in its `sub` claim. */
export function serviceAccountSubject(namespace: string, serviceAccount: string): string {
  return `system:serviceaccount:${namespace}:${serviceAccount}`;
}
