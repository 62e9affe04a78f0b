/**
 * Everything that will be generated for one cluster, decided before any Terraform is built:
 * the names, the Terraform block names and both rendered policy documents of every binding.
 * The stack only turns this plan into resources; the policy files are written from it too,
 * so the reviewed document and the applied one are the same text.
 */
import { BindingConfig, IrsaConfig, RoleSettings, S3Grant } from '../config/irsa-config';
import { serviceAccountSubject } from '../config/names';
import { partitionForRegion } from '../config/partition';
import { PolicyTemplates } from '../policies/policy-templates';
import { combinePolicy, renderIrsaTrust, renderPodIdentityTrust, renderS3Policy, RenderedPolicy } from '../policies/policy-documents';
import { BindingIdentityPlan, identityPlan } from './identity-kinds';
import { iamDescription } from '../text/iam-text';
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
  /** How the workload assumes the role, and what that brings (annotation, association). */
  readonly identity: BindingIdentityPlan;
  /** Folder of this binding's policy files inside the module, e.g. `policies/billing/invoice-exporter`. */
  readonly policyDir: string;
  readonly trustPolicy: RenderedPolicy;
  readonly s3Policy: RenderedPolicy;
  /** Block name of the namespace this binding's service account lives in, when create-irsa creates it. */
  readonly createdNamespaceBlockName?: string;
  /** The role settings that apply: the project's, overridden key by key by the binding's. */
  readonly role: RoleSettings;
  readonly roleDescription: string;
  readonly policyDescription: string;
}

/** The cluster's IAM OIDC provider and issuer, present when a binding uses IRSA. */
export interface OidcPlan {
  /** The issuer URL, when given; else Terraform reads it from the cluster. */
  readonly issuerUrl: DeferredString;
  /** The issuer without `https://`, as IAM writes it in condition keys. */
  readonly issuerHost: DeferredString;
  readonly providerArn: TerraformExpression;
  readonly createProvider: boolean;
}

export interface ClusterPlan {
  readonly config: IrsaConfig;
  readonly partition: string;
  /** Absent when no binding uses IRSA: then nothing about OIDC is generated. */
  readonly oidc?: OidcPlan;
  readonly bindings: readonly BindingPlan[];
  /** Namespaces to create, each once, in first-mentioned order. */
  readonly namespacesToCreate: ReadonlyArray<{ readonly name: string; readonly blockName: string }>;
  /**
   * Whether the module creates anything in Kubernetes. Without, it has no kubernetes provider and
   * needs no access to the cluster's API: IAM credentials are enough to apply it.
   */
  readonly usesKubernetes: boolean;
  /** Whether a binding uses EKS Pod Identity, which needs the Pod Identity Agent on the cluster. */
  readonly usesPodIdentity: boolean;
}

export function planCluster(config: IrsaConfig, templates: PolicyTemplates): ClusterPlan {
  const { cluster } = config;
  const partition = partitionForRegion(config.region);
  const identities = config.bindings.map((binding) => identityPlan(binding.identity ?? cluster.identity));
  const oidc = identities.some((identity) => identity.usesOidcProvider) ? planOidc(config) : undefined;

  const namespacesToCreate = [
    ...new Set(config.bindings.filter((binding) => binding.createNamespace).map((binding) => binding.namespace)),
  ].map((name) => ({ name, blockName: namespaceBlockName(name) }));
  const createdNamespaces = new Map(namespacesToCreate.map((namespace) => [namespace.name, namespace.blockName]));

  // create-irsa names every binding before it plans, from the project it writes into (see
  // withTerraformNames); a config planned as it is, by a CDKTF app, has its names derived here.
  const blockNames = bindingTerraformNames(config.bindings);
  const bindings = config.bindings.map((binding, index): BindingPlan => {
    const identity = identities[index];
    const subject = serviceAccountSubject(binding.namespace, binding.serviceAccount);
    return {
      binding,
      blockName: blockNames[index],
      subject,
      identity,
      policyDir: `policies/${binding.namespace}/${binding.serviceAccount}`,
      trustPolicy: renderTrust(identity, templates, binding, cluster.name, oidc),
      s3Policy: renderS3Policy(templates.s3, { partition, grants: binding.s3 }),
      createdNamespaceBlockName: createdNamespaces.get(binding.namespace),
      role: { ...config.role, ...binding.role },
      // Descriptions are plain text: iamDescription keeps them to the characters and length IAM accepts.
      roleDescription: iamDescription(`${identity.roleKind} for ${subject} on EKS cluster ${cluster.name}`),
      policyDescription: iamDescription(policyDescription(binding.s3)),
    };
  });

  checkPolicyLengths(config, partition, bindings);
  const usesKubernetes = namespacesToCreate.length > 0 || config.bindings.some((binding) => binding.createServiceAccount);
  const usesPodIdentity = identities.some((identity) => identity.associatesPodIdentity);
  return { config, partition, oidc, bindings, namespacesToCreate, usesKubernetes, usesPodIdentity };
}

function planOidc(config: IrsaConfig): OidcPlan {
  const { oidcIssuer, createOidcProvider } = config.cluster;
  return {
    issuerUrl: oidcIssuer ?? clusterExpressions.issuerUrl,
    issuerHost: oidcIssuer ? issuerHost(oidcIssuer) : clusterExpressions.issuerHost,
    providerArn: createOidcProvider ? clusterExpressions.createdOidcProviderArn : clusterExpressions.existingOidcProviderArn,
    createProvider: createOidcProvider,
  };
}

/** The role's trust policy: the statements of each of the binding's trust sources, in order. */
function renderTrust(
  identity: BindingIdentityPlan,
  templates: PolicyTemplates,
  binding: BindingConfig,
  cluster: string,
  oidc: OidcPlan | undefined,
): RenderedPolicy {
  const names = { cluster, namespace: binding.namespace, serviceAccount: binding.serviceAccount };
  return combinePolicy(
    identity.sources.map((source) => {
      const template = templates[source.template];
      if (source.template === 'podIdentityTrust') {
        return { template, document: renderPodIdentityTrust(template, { ...names, clusterArn: clusterExpressions.clusterArn }) };
      }
      if (!oidc) throw new Error('an IRSA binding without the OIDC plan');
      return { template, document: renderIrsaTrust(template, { ...names, oidcProviderArn: oidc.providerArn, oidcIssuerHost: oidc.issuerHost }) };
    }),
  );
}

/** IAM policy descriptions hold at most 1,000 characters. */
const POLICY_DESCRIPTION_MAX = 1000;

/** What the policy grants, in words, as the description IAM shows for it. */
export function policyDescription(grants: readonly S3Grant[]): string {
  const where = (grant: S3Grant) => (grant.prefix === '' ? 'the whole bucket' : `prefix ${grant.prefix}`);
  if (grants.length === 1) {
    const [grant] = grants;
    return `S3 ${grant.access} access to ${grant.bucket}, ${where(grant)}${grant.kmsKey ? ', with its KMS key' : ''}`;
  }
  const listed = grants.map((grant) => `${grant.access} ${grant.bucket} ${where(grant)}${grant.kmsKey ? ' (KMS)' : ''}`).join('; ');
  const full = `S3 access to ${grants.length} bucket folders: ${listed}`;
  return full.length <= POLICY_DESCRIPTION_MAX ? full : `S3 access to ${grants.length} bucket folders; see the policy document`;
}

/** Throws InvalidConfigError naming every binding whose documents IAM would refuse for their size. */
function checkPolicyLengths(config: IrsaConfig, partition: string, bindings: readonly BindingPlan[]): void {
  const host = config.cluster.oidcIssuer ? issuerHost(config.cluster.oidcIssuer) : LONGEST_EKS_ISSUER_HOST;
  const providerArn = `arn:${partition}:iam::123456789012:oidc-provider/${host}`;
  const longestValues = new Map([
    [clusterExpressions.createdOidcProviderArn.expression, providerArn],
    [clusterExpressions.existingOidcProviderArn.expression, providerArn],
    [clusterExpressions.issuerHost.expression, host],
    [clusterExpressions.clusterArn.expression, `arn:${partition}:eks:${config.region}:123456789012:cluster/${config.cluster.name}`],
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
