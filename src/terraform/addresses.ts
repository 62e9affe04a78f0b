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
 * A Terraform identifier for each binding, from its namespace and service account
 * (`billing` + `invoice-exporter` → `billing_invoice_exporter`). Identifiers that would collide
 * (`a-b`/`c` and `a`/`b-c`) get a short hash of the full subject, so every binding keeps its own.
 */
export function bindingBlockNames(bindings: ReadonlyArray<{ namespace: string; serviceAccount: string }>): string[] {
  const plain = bindings.map(({ namespace, serviceAccount }) => toIdentifier(`${namespace}_${serviceAccount}`));
  const counts = new Map<string, number>();
  for (const name of plain) counts.set(name, (counts.get(name) ?? 0) + 1);
  return plain.map((name, index) => {
    if (counts.get(name) === 1) return name;
    const { namespace, serviceAccount } = bindings[index];
    const hash = createHash('sha256').update(`${namespace}/${serviceAccount}`).digest('hex').slice(0, 8);
    return `${name}_${hash}`;
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

/** Block name for a namespace that create-irsa creates. */
export function namespaceBlockName(namespace: string): string {
  return toIdentifier(namespace);
}

/** Terraform identifiers are letters, digits, `_` and `-`, starting with a letter or `_`. */
function toIdentifier(text: string): string {
  const identifier = text.replace(/[^A-Za-z0-9_]/g, '_');
  return /^[A-Za-z_]/.test(identifier) ? identifier : `_${identifier}`;
}
