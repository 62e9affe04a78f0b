/**
 * IAM's size limits, checked before anything is written: a policy over the limit would only fail
 * at `terraform apply`, half way through. IAM counts characters without whitespace
 * (docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html).
 */
import { ConfigIssue } from '../config/invalid-config-error';

/** Role trust policy length: 2,048 by default (a quota that can be raised to 4,096). */
export const TRUST_POLICY_MAX_CHARACTERS = 2048;
/** Customer managed policy size. */
export const MANAGED_POLICY_MAX_CHARACTERS = 6144;

/** An issuer host as long as EKS makes them, for when Terraform reads it from the cluster. */
export const LONGEST_EKS_ISSUER_HOST = `oidc.eks.ap-southeast-99.amazonaws.com.cn/id/${'F'.repeat(32)}`;

/**
 * Length of a policy as IAM will see it, with every Terraform reference replaced by the longest
 * value it can take.
 */
export function worstCaseLength(terraformDocument: string, longestValues: ReadonlyMap<string, string>): number {
  const resolved = terraformDocument.replace(/(?<!\$)\$\{([^}]*)\}/g, (match, expression: string) => longestValues.get(expression) ?? match);
  return resolved.replace(/\s/g, '').length;
}

export function checkPolicyLength(
  field: string,
  what: 'trust policy' | 'S3 policy',
  terraformDocument: string,
  longestValues: ReadonlyMap<string, string>,
): ConfigIssue | undefined {
  const limit = what === 'trust policy' ? TRUST_POLICY_MAX_CHARACTERS : MANAGED_POLICY_MAX_CHARACTERS;
  const length = worstCaseLength(terraformDocument, longestValues);
  if (length <= limit) return undefined;
  const advice =
    what === 'trust policy'
      ? 'shorten the names or the trust policy template, or raise the IAM quota "Role trust policy length" (up to 4,096) and the template accordingly'
      : 'shorten the bucket, prefix or the S3 policy template';
  return {
    field,
    message: `its ${what} would be up to ${length} characters, over IAM's limit of ${limit}; ${advice}`,
  };
}
