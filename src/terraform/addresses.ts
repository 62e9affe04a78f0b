/**
 * The Terraform names create-irsa gives to what it generates. They are fixed and readable, so the
 * generated module reads like a hand-written one and references between resources are stable.
 * The constructs use these names as logical ids; the policy documents refer to them.
 */
import { createHash } from 'node:crypto';
import { TerraformExpression } from './terraform-expression';

/** Name of every per-cluster block: there is one cluster per module. */
export const CLUSTER_BLOCK_NAME = 'this';

export const ISSUER_HOST_LOCAL = 'oidc_issuer_host';

export const clusterExpressions = {
  /** The cluster's ARN, which EKS Pod Identity passes as the session tag `eks-cluster-arn`. */
  clusterArn: new TerraformExpression(`data.aws_eks_cluster.${CLUSTER_BLOCK_NAME}.arn`),
  /** The issuer URL as EKS reports it, with `https://`. */
  issuerUrl: new TerraformExpression(`data.aws_eks_cluster.${CLUSTER_BLOCK_NAME}.identity[0].oidc[0].issuer`),
  /** The issuer without its scheme, as IAM uses it in condition keys. */
  issuerHost: new TerraformExpression(`local.${ISSUER_HOST_LOCAL}`),
  createdOidcProviderArn: new TerraformExpression(`aws_iam_openid_connect_provider.${CLUSTER_BLOCK_NAME}.arn`),
  existingOidcProviderArn: new TerraformExpression(`data.aws_iam_openid_connect_provider.${CLUSTER_BLOCK_NAME}.arn`),
};

/**
 * The Terraform names create-irsa has always derived for a set of bindings, from each binding's
 * namespace and service account (`billing` + `invoice-exporter` → `billing_invoice_exporter`).
 * Bindings whose names would be equal (`a-b`/`c` and `a`/`b-c`) all get a short hash of their
 * subject. Which names a config gets, explicit and inherited ones included, is decided in
 * plan/terraform-names; this rule must keep giving old configs the names they always had.
 */
export function derivedBindingNames(bindings: ReadonlyArray<{ namespace: string; serviceAccount: string }>): string[] {
  const plain = bindings.map(({ namespace, serviceAccount }) => plainBindingName(namespace, serviceAccount));
  const counts = new Map<string, number>();
  for (const name of plain) counts.set(name, (counts.get(name) ?? 0) + 1);
  return plain.map((name, index) => {
    if (counts.get(name) === 1) return name;
    const { namespace, serviceAccount } = bindings[index];
    return hashedBindingName(namespace, serviceAccount, SHORT_HASH_LENGTH);
  });
}

/** The outputs of a binding, named `<block name>_<what>`. */
export const BINDING_OUTPUTS = {
  roleArn: 'role_arn',
  policyArn: 'policy_arn',
  serviceAccount: 'service_account',
  serviceAccountAnnotations: 'service_account_annotations',
  podIdentityAssociation: 'pod_identity_association',
} as const;

export function bindingOutputName(blockName: string, output: keyof typeof BINDING_OUTPUTS): string {
  return `${blockName}_${BINDING_OUTPUTS[output]}`;
}

const SHORT_HASH_LENGTH = 8;

/** `<namespace>_<serviceAccount>` as a Terraform identifier. */
export function plainBindingName(namespace: string, serviceAccount: string): string {
  return toIdentifier(`${namespace}_${serviceAccount}`);
}

/** The plain name followed by `hashLength` hex digits (at most 64) of a hash of the subject. */
export function hashedBindingName(namespace: string, serviceAccount: string, hashLength: number): string {
  const hash = createHash('sha256').update(`${namespace}/${serviceAccount}`).digest('hex').slice(0, hashLength);
  return `${plainBindingName(namespace, serviceAccount)}_${hash}`;
}

/** Block name for a namespace that create-irsa creates. */
export function namespaceBlockName(namespace: string): string {
  return toIdentifier(namespace);
}

/** Terraform identifiers are letters, digits, `_` and `-`, starting with a letter or `_`. */
function toIdentifier(text: string): string {
  const identifier = text.replace(/[^A-Za-z0-9_]/g, '_');
  return /^[A-Za-z_]/.test(identifier) ? identifier : `_${identifier}`;
}
