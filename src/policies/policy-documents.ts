/**
 * The two IAM documents of a binding, rendered from their templates.
 */
import { AccessLevel } from '../config/irsa-config';
import { serviceAccountSubject } from '../config/names';
import { DeferredString } from '../terraform/terraform-expression';
import { JsonValue, renderJsonTemplate } from './render-json-template';
import { PolicyTemplate } from './policy-templates';
import { escapeJsonForIam } from '../text/iam-text';

/** The audience EKS-projected service account tokens carry for STS. */
export const STS_AUDIENCE = 'sts.amazonaws.com';

export interface RenderedPolicy {
  /** The document; strings are Terraform templates (`${...}` for values Terraform fills in). */
  readonly document: JsonValue;
  /** Compact JSON, exactly the string given to Terraform; characters beyond U+00FF as `\uXXXX`. */
  readonly terraform: string;
  /** Pretty-printed JSON with a final newline, for review in `policies/`, escaped the same way. */
  readonly pretty: string;
}

/** Both texts hold only characters IAM accepts in a policy document (see iam-text). */
function rendered(document: JsonValue): RenderedPolicy {
  return {
    document,
    terraform: escapeJsonForIam(JSON.stringify(document)),
    pretty: `${escapeJsonForIam(JSON.stringify(document, null, 2))}\n`,
  };
}

export interface TrustPolicyInput {
  readonly cluster: string;
  readonly namespace: string;
  readonly serviceAccount: string;
  /** ARN of the cluster's IAM OIDC provider. */
  readonly oidcProviderArn: DeferredString;
  /** The issuer URL without `https://`, as IAM writes it in condition keys. */
  readonly oidcIssuerHost: DeferredString;
}

/**
 * The role's trust policy. `StringEquals` on `:sub` stops every other service account (in this
 * namespace or any other) from assuming the role; `StringEquals` on `:aud` accepts only tokens
 * minted for STS (docs.aws.amazon.com/eks/latest/userguide/associate-service-account-role.html).
 */
export function renderTrustPolicy(template: PolicyTemplate, input: TrustPolicyInput): RenderedPolicy {
  return rendered(
    renderJsonTemplate(template, {
      cluster: input.cluster,
      namespace: input.namespace,
      serviceAccount: input.serviceAccount,
      subject: serviceAccountSubject(input.namespace, input.serviceAccount),
      audience: STS_AUDIENCE,
      oidcProviderArn: input.oidcProviderArn,
      oidcIssuerHost: input.oidcIssuerHost,
    }),
  );
}

export interface S3PolicyInput {
  readonly partition: string;
  readonly bucket: string;
  /** A folder ending in `/`, or `""` for the whole bucket. */
  readonly prefix: string;
  readonly access: AccessLevel;
}

/**
 * The role's S3 permissions. Listing is granted on the bucket but only for keys under the prefix
 * (`s3:prefix`); object actions are granted on `<bucket>/<prefix>*` only. Because the prefix ends
 * in `/`, a sibling folder such as `exports-private/` never matches `exports/*`.
 */
export function renderS3Policy(template: PolicyTemplate, input: S3PolicyInput): RenderedPolicy {
  const bucketArn = `arn:${input.partition}:s3:::${input.bucket}`;
  return rendered(
    renderJsonTemplate(template, {
      partition: input.partition,
      bucket: input.bucket,
      prefix: input.prefix,
      bucketArn,
      objectArn: `${bucketArn}/${input.prefix}*`,
      prefixPattern: `${input.prefix}*`,
      access: input.access,
      readWrite: input.access === 'read-write',
    }),
  );
}
