/**
 * One Terraform stack per EKS cluster: providers configured from the cluster, the cluster's OIDC
 * provider, and one IrsaBinding per service account.
 */
import { Construct } from 'constructs';
import { Fn, LocalBackend, TerraformLocal, TerraformOutput, TerraformStack } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { DataAwsEksCluster } from '@cdktf/provider-aws/lib/data-aws-eks-cluster';
import { DataAwsEksClusterAuth } from '@cdktf/provider-aws/lib/data-aws-eks-cluster-auth';
import { KubernetesProvider } from '@cdktf/provider-kubernetes/lib/provider';
import { NamespaceV1 } from '@cdktf/provider-kubernetes/lib/namespace-v1';
import { ClusterPlan } from '../plan/cluster-plan';
import { CLUSTER_BLOCK_NAME, clusterExpressions, ISSUER_HOST_LOCAL } from '../terraform/addresses';
import { terraformStringLiteral, toTerraformString } from '../terraform/terraform-expression';
import { EksOidcProvider } from '../constructs/eks-oidc-provider';
import { IrsaBinding } from '../constructs/irsa-binding';
import { OpaqueText, ResolvedJson } from './opaque-text';
import { REQUIRED_PROVIDERS, TERRAFORM_REQUIRED_VERSION } from './provider-versions';

/**
 * The stack's construct id: the cluster name, so `cdktf.out/stacks/<cluster>/` and
 * `cdktf deploy <cluster>` read naturally. The constructs library keeps children in a plain
 * object, so a cluster named like an Object.prototype member (`toString`) gets a suffix. The stack
 * name is the one text cdktf sees as it is (see OpaqueText), and cdktf reads `-<digits>e<digits>`
 * in it as an encoded number token; in such a name `-` is written `_`, which no number starts with.
 */
export function stackIdForCluster(clusterName: string): string {
  if (clusterName in Object.prototype) return `${clusterName}-cluster`;
  return /-\d+e\d/.test(clusterName) ? clusterName.replace(/-/g, '_') : clusterName;
}

export class IrsaClusterStack extends TerraformStack {
  readonly oidcProvider: EksOidcProvider;
  readonly bindings: readonly IrsaBinding[];
  /** Every text from the config reaches cdktf as a placeholder, and is put back in toTerraform. */
  private readonly text = new OpaqueText();

  constructor(scope: Construct, plan: ClusterPlan) {
    const { config } = plan;
    super(scope, stackIdForCluster(config.cluster.name));
    const { text } = this;

    // State stays next to the module, by relative path, so the output holds no machine's paths.
    new LocalBackend(this, { path: 'terraform.tfstate' });
    this.addOverride('terraform.required_version', TERRAFORM_REQUIRED_VERSION);
    this.addOverride('terraform.required_providers', REQUIRED_PROVIDERS);

    new AwsProvider(this, 'aws', { region: text.literal(config.region) });

    const cluster = new DataAwsEksCluster(this, 'cluster', {
      name: text.literal(config.cluster.name),
      lifecycle: config.cluster.oidcIssuer
        ? {
            // A pasted issuer of another cluster would let that cluster's tokens in: refuse to plan.
            postcondition: [
              {
                condition: text.exact(
                  `\${trimsuffix(self.identity[0].oidc[0].issuer, "/") == ${terraformStringLiteral(config.cluster.oidcIssuer)}}`,
                ),
                errorMessage: text.literal(
                  `The OIDC issuer in irsa.config.json (${config.cluster.oidcIssuer}) is not the issuer of EKS cluster ${config.cluster.name}.`,
                ),
              },
            ],
          }
        : undefined,
    });
    cluster.overrideLogicalId(CLUSTER_BLOCK_NAME);
    const clusterAuth = new DataAwsEksClusterAuth(this, 'cluster-auth', { name: cluster.name });
    clusterAuth.overrideLogicalId(CLUSTER_BLOCK_NAME);

    new KubernetesProvider(this, 'kubernetes', {
      host: cluster.endpoint,
      clusterCaCertificate: Fn.base64decode(cluster.certificateAuthority.get(0).data),
      token: clusterAuth.token,
    });

    if (!config.cluster.oidcIssuer) {
      new TerraformLocal(this, ISSUER_HOST_LOCAL, `\${replace(${clusterExpressions.issuerUrl.expression}, "https://", "")}`);
    }
    this.oidcProvider = new EksOidcProvider(this, 'oidc-provider', {
      issuerUrl: text.exact(toTerraformString(plan.oidcIssuerUrl)),
      create: config.cluster.createOidcProvider,
    });

    // Construct ids made from names are placeholders too: unique whatever the names, and the
    // construct paths in the output read as before (`<cluster>/<block name>/role`).
    const namespaces = new Map<string, string>();
    for (const namespace of plan.namespacesToCreate) {
      const created = new NamespaceV1(this, text.exact(`namespace-${namespace.name}`), {
        metadata: { name: text.literal(namespace.name) },
      });
      created.overrideLogicalId(text.exact(namespace.blockName));
      namespaces.set(namespace.name, created.metadata.name);
    }

    this.bindings = plan.bindings.map((bindingPlan) => {
      const { binding, blockName } = bindingPlan;
      const irsa = new IrsaBinding(this, text.exact(blockName), {
        plan: bindingPlan,
        clusterName: config.cluster.name,
        namespace: namespaces.get(binding.namespace) ?? text.literal(binding.namespace),
        text,
      });
      this.output(`${blockName}_role_arn`, irsa.role.arn, `ARN of the IAM role for ${bindingPlan.subject}`);
      this.output(`${blockName}_policy_arn`, irsa.policy.arn, `ARN of the S3 policy attached to that role`);
      this.output(
        `${blockName}_service_account`,
        `${irsa.serviceAccount.metadata.namespace}/${irsa.serviceAccount.metadata.name}`,
        'The Kubernetes service account (namespace/name) annotated with that role',
      );
      return irsa;
    });
    this.output('oidc_provider_arn', this.oidcProvider.arn, `ARN of the IAM OIDC provider of EKS cluster ${config.cluster.name}`);
  }

  /** The configuration cdktf resolved, with the config's text in place of the placeholders. */
  override toTerraform(): any {
    return this.text.restore(super.toTerraform() as ResolvedJson);
  }

  /** cdktf's HCL output is printed from a configuration that still holds placeholders. */
  override toHclTerraform(): { [key: string]: unknown } {
    throw new Error('create-irsa stacks synthesize to Terraform JSON only; run cdktf synth without --hcl');
  }

  private output(name: string, value: string, description: string): void {
    const id = this.text.exact(name);
    const output = new TerraformOutput(this, id, { value, description: this.text.literal(description) });
    output.overrideLogicalId(id);
  }
}
