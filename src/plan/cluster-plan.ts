/**
 * Everything that will be generated for one cluster, decided before any Terraform is built:
 * the names, the Terraform block names and both rendered policy documents of every binding.
 * The stack only turns this plan into resources; the policy files are written from it too,
 * so the reviewed document and the applied one are the same text.
 */
import { BindingConfig, IrsaConfig } from '../config/irsa-config';
import { serviceAccountSubject } from '../config/names';
import { partitionForRegion } from '../config/partition';
import { PolicyTemplates } from '../policies/policy-templates';
import { renderS3Policy, renderTrustPolicy, RenderedPolicy } from '../policies/policy-documents';
import { clusterExpressions, namespaceBlockName } from '../terraform/addresses';
import { DeferredString, TerraformExpression } from '../terraform/terraform-expression';
import { InvalidConfigError } from '../config/invalid-config-error';
import { checkPolicyLength, LONGEST_EKS_ISSUER_HOST } from './policy-limits';
import { bindingTerraformNames } from './terraform-names';

export interface BindingPlan {
  readonly binding: BindingConfig;
  /** Terraform name shared by this binding's blocks, e.g. `billing_invoice_exporter`. */
  readonly blockName: string;
  /** `system:serviceaccount:<namespace>:<serviceAccount>` */
  readonly subject: string;
  /** Folder of this binding's policy files inside the module, e.g. `policies/billing/invoice-exporter`. */
  readonly policyDir: string;
  readonly trustPolicy: RenderedPolicy;
  readonly s3Policy: RenderedPolicy;
  /** Block name of the namespace this binding's service account lives in, when create-irsa creates it. */
  readonly createdNamespaceBlockName?: string;
}

export interface ClusterPlan {
  readonly config: IrsaConfig;
  readonly partition: string;
  /** The issuer URL, when given; else Terraform reads it from the cluster. */
  readonly oidcIssuerUrl: DeferredString;
  readonly oidcProviderArn: TerraformExpression;
  readonly bindings: readonly BindingPlan[];
  /** Namespaces to create, each once, in first-mentioned order. */
  readonly namespacesToCreate: ReadonlyArray<{ readonly name: string; readonly blockName: string }>;
}

export function planCluster(config: IrsaConfig, templates: PolicyTemplates): ClusterPlan {
  const { cluster } = config;
  const partition = partitionForRegion(config.region);
  const oidcIssuerUrl = cluster.oidcIssuer ?? clusterExpressions.issuerUrl;
  const oidcIssuerHost = cluster.oidcIssuer ? issuerHost(cluster.oidcIssuer) : clusterExpressions.issuerHost;
  const oidcProviderArn = cluster.createOidcProvider
    ? clusterExpressions.createdOidcProviderArn
    : clusterExpressions.existingOidcProviderArn;

  const namespacesToCreate = [
    ...new Set(config.bindings.filter((binding) => binding.createNamespace).map((binding) => binding.namespace)),
  ].map((name) => ({ name, blockName: namespaceBlockName(name) }));
  const createdNamespaces = new Map(namespacesToCreate.map((namespace) => [namespace.name, namespace.blockName]));

  // create-irsa names every binding before it plans, from the project it writes into (see
  // withTerraformNames); a config planned as it is, by a CDKTF app, has its names derived here.
  const blockNames = bindingTerraformNames(config.bindings);
  const bindings = config.bindings.map((binding, index): BindingPlan => ({
    binding,
    blockName: blockNames[index],
    subject: serviceAccountSubject(binding.namespace, binding.serviceAccount),
    policyDir: `policies/${binding.namespace}/${binding.serviceAccount}`,
    trustPolicy: renderTrustPolicy(templates.trust, {
      cluster: cluster.name,
      namespace: binding.namespace,
      serviceAccount: binding.serviceAccount,
      oidcProviderArn,
      oidcIssuerHost,
    }),
    s3Policy: renderS3Policy(templates.s3, {
      partition,
      bucket: binding.bucket,
      prefix: binding.prefix,
      access: binding.access,
    }),
    createdNamespaceBlockName: createdNamespaces.get(binding.namespace),
  }));

  checkPolicyLengths(config, partition, bindings);
  return { config, partition, oidcIssuerUrl, oidcProviderArn, bindings, namespacesToCreate };
}

/** Throws InvalidConfigError naming every binding whose documents IAM would refuse for their size. */
function checkPolicyLengths(config: IrsaConfig, partition: string, bindings: readonly BindingPlan[]): void {
  const host = config.cluster.oidcIssuer ? issuerHost(config.cluster.oidcIssuer) : LONGEST_EKS_ISSUER_HOST;
  const providerArn = `arn:${partition}:iam::123456789012:oidc-provider/${host}`;
  const longestValues = new Map([
    [clusterExpressions.createdOidcProviderArn.expression, providerArn],
    [clusterExpressions.existingOidcProviderArn.expression, providerArn],
    [clusterExpressions.issuerHost.expression, host],
  ]);
  const issues = bindings.flatMap((binding, index) => [
    checkPolicyLength(`bindings[${index}]`, 'trust policy', binding.trustPolicy.terraform, longestValues),
    checkPolicyLength(`bindings[${index}]`, 'S3 policy', binding.s3Policy.terraform, longestValues),
  ]);
  const problems = issues.filter((issue) => issue !== undefined);
  if (problems.length > 0) throw new InvalidConfigError(problems);
}

/** IAM condition keys name the issuer without its scheme: `oidc.eks.<region>.amazonaws.com/id/<id>`. */
export function issuerHost(issuerUrl: string): string {
  return issuerUrl.replace(/^https:\/\//, '');
}
