/**
 * The IAM documents of a binding, rendered from their templates: the role's trust policy (from
 * the templates of its identity: IRSA, EKS Pod Identity, or both) and its S3 policy (from the
 * S3 template, once per grant). Several rendered parts make one document by joining their
 * statements.
 */
import { S3Grant } from '../config/irsa-config';
import { kmsKeyLocation } from '../config/platform-rules';
import { serviceAccountSubject } from '../config/names';
import { DeferredString } from '../terraform/terraform-expression';
import { JsonValue, renderJsonTemplate, TemplateError } from './render-json-template';
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
 * The IRSA trust statements. `StringEquals` on `:sub` stops every other service account (in this
 * namespace or any other) from assuming the role; `StringEquals` on `:aud` accepts only tokens
 * minted for STS (docs.aws.amazon.com/eks/latest/userguide/associate-service-account-role.html).
 */
export function renderTrustPolicy(template: PolicyTemplate, input: TrustPolicyInput): RenderedPolicy {
  return rendered(renderIrsaTrust(template, input));
}

export function renderIrsaTrust(template: PolicyTemplate, input: TrustPolicyInput): JsonValue {
  return renderJsonTemplate(template, {
      cluster: input.cluster,
      namespace: input.namespace,
      serviceAccount: input.serviceAccount,
      subject: serviceAccountSubject(input.namespace, input.serviceAccount),
      audience: STS_AUDIENCE,
      oidcProviderArn: input.oidcProviderArn,
      oidcIssuerHost: input.oidcIssuerHost,
  });
}

/** The service principal of EKS Pod Identity's credential service. */
export const PODS_PRINCIPAL = 'pods.eks.amazonaws.com';

export interface PodIdentityTrustInput {
  readonly cluster: string;
  readonly namespace: string;
  readonly serviceAccount: string;
  /** ARN of the EKS cluster, which Pod Identity passes as the session tag `eks-cluster-arn`. */
  readonly clusterArn: DeferredString;
}

/**
 * The EKS Pod Identity trust statements: `pods.eks.amazonaws.com` may assume the role and tag the
 * session only when the session tags name this cluster, namespace and service account
 * (docs.aws.amazon.com/eks/latest/userguide/pod-id-abac.html). Without those conditions, any Pod
 * Identity association in the account could hand the role to its pods.
 */
export function renderPodIdentityTrust(template: PolicyTemplate, input: PodIdentityTrustInput): JsonValue {
  return renderJsonTemplate(template, {
    cluster: input.cluster,
    namespace: input.namespace,
    serviceAccount: input.serviceAccount,
    clusterArn: input.clusterArn,
    podsPrincipal: PODS_PRINCIPAL,
  });
}

/** One rendered part of a document: a template's output, and how its Sids are told apart. */
export interface PolicyPart {
  readonly document: JsonValue;
  readonly template: PolicyTemplate;
  /** Appended to each of its Sids; the first part has none, so adding a part changes no existing statement. */
  readonly sidSuffix?: string;
}

/** Joins the statements of several parts into one document; its other keys come from the first. */
export function combinePolicy(parts: readonly PolicyPart[]): RenderedPolicy {
  const statements = parts.flatMap((part) =>
    statementsOf(part.document, part.template).map((statement) =>
      part.sidSuffix && typeof statement.Sid === 'string' ? { ...statement, Sid: `${statement.Sid}${part.sidSuffix}` } : statement,
    ),
  );
  const sids = statements.map((statement) => statement.Sid).filter((sid) => sid !== undefined);
  const repeated = sids.find((sid, index) => sids.indexOf(sid) !== index);
  if (repeated !== undefined) {
    throw new TemplateError(parts[0].template, `two statements of one policy have the Sid ${JSON.stringify(repeated)}`);
  }
  return rendered({ ...(parts[0].document as JsonObject), Statement: statements });
}

export interface S3PolicyInput {
  readonly partition: string;
  /** The binding's grants, at least one. */
  readonly grants: readonly S3Grant[];
}

/**
 * The role's S3 permissions: the template renders each grant's statements, and the statements of
 * all grants make one document. For each grant, listing is granted on the bucket but only for keys
 * under the prefix (`s3:prefix`); object actions are granted on `<bucket>/<prefix>*` only. Because
 * the prefix ends in `/`, a sibling folder such as `exports-private/` never matches `exports/*`.
 * A grant with a KMS key may use that key only through S3 (`kms:ViaService`), to decrypt objects
 * and, for read-write, to encrypt new ones.
 */
export function renderS3Policy(template: PolicyTemplate, input: S3PolicyInput): RenderedPolicy {
  return combinePolicy(
    input.grants.map((grant, index) => ({
      document: renderGrant(template, input.partition, grant),
      template,
      // The second grant's statements end in Grant2, and so on.
      sidSuffix: index === 0 ? undefined : `Grant${index + 1}`,
    })),
  );
}

type JsonObject = { [key: string]: JsonValue };

function renderGrant(template: PolicyTemplate, partition: string, grant: S3Grant): JsonValue {
  const bucketArn = `arn:${partition}:s3:::${grant.bucket}`;
  const kms = grant.kmsKey === undefined ? undefined : kmsKeyLocation(grant.kmsKey);
  const document = renderJsonTemplate(template, {
    partition,
    bucket: grant.bucket,
    prefix: grant.prefix,
    bucketArn,
    objectArn: `${bucketArn}/${grant.prefix}*`,
    prefixPattern: `${grant.prefix}*`,
    access: grant.access,
    readWrite: grant.access === 'read-write',
    kms: kms !== undefined,
    kmsKeyArn: grant.kmsKey ?? '',
    // SSE-KMS keys live in the bucket's region, so the key's region is the bucket's.
    kmsViaService: kms ? s3ServiceHost(kms.partition, kms.region) : '',
  });
  // A project template from before KMS keys would silently leave the key out: objects could not be read.
  if (grant.kmsKey !== undefined && !JSON.stringify(document).includes(JSON.stringify(grant.kmsKey))) {
    throw new TemplateError(template, `it grants nothing on the KMS key ${grant.kmsKey} of s3://${grant.bucket}/${grant.prefix}; use {{#if kms}} and {{json kmsKeyArn}} as the bundled template does`);
  }
  return document;
}

/** The host name S3 answers on in a region, as `kms:ViaService` names it. */
export function s3ServiceHost(partition: string, region: string): string {
  return `s3.${region}.${partition === 'aws-cn' ? 'amazonaws.com.cn' : 'amazonaws.com'}`;
}

function statementsOf(document: JsonValue, template: PolicyTemplate): JsonObject[] {
  const statements = document !== null && typeof document === 'object' && !Array.isArray(document) ? document.Statement : undefined;
  if (!Array.isArray(statements) || !statements.every((statement) => statement !== null && typeof statement === 'object' && !Array.isArray(statement))) {
    throw new TemplateError(template, 'it must render a policy document with a "Statement" list of objects');
  }
  return statements as JsonObject[];
}
