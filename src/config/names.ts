/**
 * Name derivations. Each name is derived in exactly one place, deterministically, so the same
 * config always yields the same IAM names and Terraform addresses.
 */
import { createHash } from 'node:crypto';

const IAM_ROLE_NAME_MAX = 64;
const IAM_POLICY_NAME_MAX = 128;
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

/** Default IAM role name: `<cluster>-<namespace>-<serviceAccount>`, shortened to IAM's 64 characters. */
export function defaultRoleName({ cluster, namespace, serviceAccount }: BindingIdentity): string {
  return fitName(`${cluster}-${namespace}-${serviceAccount}`, IAM_ROLE_NAME_MAX);
}

/** Default IAM policy name: `<cluster>-<namespace>-<serviceAccount>-s3`, shortened to IAM's 128 characters. */
export function defaultPolicyName({ cluster, namespace, serviceAccount }: BindingIdentity): string {
  return fitName(`${cluster}-${namespace}-${serviceAccount}-s3`, IAM_POLICY_NAME_MAX);
}

/** The Kubernetes subject a service account's projected token carries in its `sub` claim. */
export function serviceAccountSubject(namespace: string, serviceAccount: string): string {
  return `system:serviceaccount:${namespace}:${serviceAccount}`;
}
