/**
 * One Terraform stack per EKS cluster: providers configured from the cluster, the cluster's OIDC
 * provider, and one IrsaBinding per service account.
 */
import { Construct } from 'constructs';
import { Fn, LocalBackend, S3Backend, TerraformLocal, TerraformOutput, TerraformStack } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { DataAwsEksCluster } from '@cdktf/provider-aws/lib/data-aws-eks-cluster';
import { DataAwsEksClusterAuth } from '@cdktf/provider-aws/lib/data-aws-eks-cluster-auth';
import { KubernetesProvider } from '@cdktf/provider-kubernetes/lib/provider';
import { NamespaceV1 } from '@cdktf/provider-kubernetes/lib/namespace-v1';
import { ClusterPlan } from '../plan/cluster-plan';
import { bindingOutputName, CLUSTER_BLOCK_NAME, clusterExpressions, ISSUER_HOST_LOCAL } from '../terraform/addresses';
import { terraformStringLiteral, toTerraformString } from '../terraform/terraform-expression';
import { EksOidcProvider } from '../constructs/eks-oidc-provider';
import { IrsaBinding, ROLE_ARN_ANNOTATION } from '../constructs/irsa-binding';
import { BackendConfig } from '../config/irsa-config';
import { OpaqueText, ResolvedJson } from './opaque-text';
import { REQUIRED_PROVIDERS, TERRAFORM_REQUIRED_VERSION, TERRAFORM_REQUIRED_VERSION_S3_LOCKFILE } from './provider-versions';

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

const POD_IDENTITY_AGENT_ADDON = 'eks-pod-identity-agent';
const POD_IDENTITY_AGENT_CHECK = 'pod_identity_agent';

export class IrsaClusterStack extends TerraformStack {
  /** The cluster's OIDC provider, when a binding uses IRSA. */
  readonly oidcProvider?: EksOidcProvider;
  readonly bindings: readonly IrsaBinding[];
  /** Every text from the config reaches cdktf as a placeholder, and is put back in toTerraform. */
  private readonly text = new OpaqueText();

  constructor(scope: Construct, plan: ClusterPlan) {
    const { config } = plan;
    super(scope, stackIdForCluster(config.cluster.name));
    const { text } = this;
    const literal = (value: string) => text.literal(value);

    this.configureBackend(config.backend);
    const { aws, kubernetes } = REQUIRED_PROVIDERS;
    this.addOverride('terraform.required_providers', plan.usesKubernetes ? { aws, kubernetes } : { aws });

    const tags = Object.entries(config.tags);
    new AwsProvider(this, 'aws', {
      region: literal(config.region),
      // Tags on every AWS resource of the module, as organisations' SCPs often require.
      defaultTags: tags.length === 0 ? undefined : [{ tags: Object.fromEntries(tags.map(([key, value]) => [literal(key), literal(value)])) }],
    });

    const cluster = new DataAwsEksCluster(this, 'cluster', {
      name: literal(config.cluster.name),
      lifecycle: plan.oidc && config.cluster.oidcIssuer
        ? {
            // A pasted issuer of another cluster would let that cluster's tokens in: refuse to plan.
            postcondition: [
              {
                condition: text.exact(
                  `\${trimsuffix(self.identity[0].oidc[0].issuer, "/") == ${terraformStringLiteral(config.cluster.oidcIssuer)}}`,
                ),
                errorMessage: literal(
                  `The OIDC issuer in irsa.config.json (${config.cluster.oidcIssuer}) is not the issuer of EKS cluster ${config.cluster.name}.`,
                ),
              },
            ],
          }
        : undefined,
    });
    cluster.overrideLogicalId(CLUSTER_BLOCK_NAME);
    // Only a module that creates Kubernetes objects talks to the cluster's API.
    if (plan.usesKubernetes) {
      const clusterAuth = new DataAwsEksClusterAuth(this, 'cluster-auth', { name: cluster.name });
      clusterAuth.overrideLogicalId(CLUSTER_BLOCK_NAME);
      new KubernetesProvider(this, 'kubernetes', {
        host: cluster.endpoint,
        clusterCaCertificate: Fn.base64decode(cluster.certificateAuthority.get(0).data),
        token: clusterAuth.token,
      });
    }

    if (plan.oidc) {
      if (!config.cluster.oidcIssuer) {
        new TerraformLocal(this, ISSUER_HOST_LOCAL, `\${replace(${clusterExpressions.issuerUrl.expression}, "https://", "")}`);
      }
      this.oidcProvider = new EksOidcProvider(this, 'oidc-provider', {
        issuerUrl: text.exact(toTerraformString(plan.oidc.issuerUrl)),
        create: plan.oidc.createProvider,
      });
    }
    if (plan.usesPodIdentity) this.checkPodIdentityAgent(config.cluster.name, config.region);

    // Construct ids made from names are placeholders too: unique whatever the names, and the
    // construct paths in the output read as before (`<cluster>/<block name>/role`).
    const namespaces = new Map<string, string>();
    for (const namespace of plan.namespacesToCreate) {
      const created = new NamespaceV1(this, text.exact(`namespace-${namespace.name}`), { metadata: { name: literal(namespace.name) } });
      created.overrideLogicalId(text.exact(namespace.blockName));
      namespaces.set(namespace.name, created.metadata.name);
    }

    this.bindings = plan.bindings.map((bindingPlan) => {
      const { binding, blockName } = bindingPlan;
      const irsa = new IrsaBinding(this, text.exact(blockName), {
        plan: bindingPlan,
        clusterName: config.cluster.name,
        namespace: namespaces.get(binding.namespace) ?? literal(binding.namespace),
        text,
      });
      this.output(bindingOutputName(blockName, 'roleArn'), irsa.role.arn, `ARN of the IAM role for ${bindingPlan.subject}`);
      this.output(bindingOutputName(blockName, 'policyArn'), irsa.policy.arn, `ARN of the S3 policy attached to that role`);
      if (irsa.podIdentityAssociation) {
        this.output(
          bindingOutputName(blockName, 'podIdentityAssociation'),
          irsa.podIdentityAssociation.associationArn,
          `ARN of the EKS Pod Identity association of ${binding.namespace}/${binding.serviceAccount}`,
        );
      }
      if (irsa.serviceAccount) {
        this.output(
          bindingOutputName(blockName, 'serviceAccount'),
          `${irsa.serviceAccount.metadata.namespace}/${irsa.serviceAccount.metadata.name}`,
          bindingPlan.identity.annotatesServiceAccount
            ? 'The Kubernetes service account (namespace/name) annotated with that role'
            : 'The Kubernetes service account (namespace/name) associated with that role through EKS Pod Identity',
        );
      } else if (bindingPlan.identity.annotatesServiceAccount) {
        this.output(
          bindingOutputName(blockName, 'serviceAccountAnnotations'),
          { [ROLE_ARN_ANNOTATION]: irsa.role.arn },
          `Annotations for service account ${binding.namespace}/${binding.serviceAccount}, which is created elsewhere: put them into its Helm values or manifest`,
        );
      }
      return irsa;
    });
    if (this.oidcProvider) {
      this.output('oidc_provider_arn', this.oidcProvider.arn, `ARN of the IAM OIDC provider of EKS cluster ${config.cluster.name}`);
    }
  }

  /**
   * EKS Pod Identity needs its agent on the cluster (the eks-pod-identity-agent add-on, or the
   * same agent installed another way). A check block warns at plan time when the add-on is not
   * there, without failing the plan, since the agent may have been installed without the add-on.
   */
  private checkPodIdentityAgent(clusterName: string, region: string): void {
    this.addOverride(`check.${POD_IDENTITY_AGENT_CHECK}`, {
      data: {
        aws_eks_addon: {
          [POD_IDENTITY_AGENT_CHECK]: { cluster_name: this.text.literal(clusterName), addon_name: POD_IDENTITY_AGENT_ADDON },
        },
      },
      assert: [
        {
          condition: `\${data.aws_eks_addon.${POD_IDENTITY_AGENT_CHECK}.addon_version != ""}`,
          error_message: this.text.literal(
            `EKS Pod Identity needs the ${POD_IDENTITY_AGENT_ADDON} add-on (or its agent) on cluster ${clusterName}: aws eks create-addon --cluster-name ${clusterName} --addon-name ${POD_IDENTITY_AGENT_ADDON} --region ${region}`,
          ),
        },
      ],
    });
  }

  /** State in S3 when configured; else next to the module, by relative path, so the output holds no machine's paths. */
  private configureBackend(backend: BackendConfig): void {
    const { s3 } = backend;
    if (!s3) {
      new LocalBackend(this, { path: 'terraform.tfstate' });
      this.addOverride('terraform.required_version', TERRAFORM_REQUIRED_VERSION);
      return;
    }
    new S3Backend(this, {
      bucket: this.text.literal(s3.bucket),
      key: this.text.literal(s3.key),
      region: this.text.literal(s3.region),
      encrypt: s3.encrypt,
      dynamodbTable: s3.dynamodbTable === undefined ? undefined : this.text.literal(s3.dynamodbTable),
    });
    // cdktf 0.21's S3Backend predates S3-native locking, which Terraform supports from 1.11.
    if (s3.useLockfile) this.addOverride('terraform.backend.s3.use_lockfile', true);
    this.addOverride('terraform.required_version', s3.useLockfile ? TERRAFORM_REQUIRED_VERSION_S3_LOCKFILE : TERRAFORM_REQUIRED_VERSION);
  }

  /** The configuration cdktf resolved, with the config's text in place of the placeholders. */
  override toTerraform(): any {
    return this.text.restore(super.toTerraform() as ResolvedJson);
  }

  /** cdktf's HCL output is printed from a configuration that still holds placeholders. */
  override toHclTerraform(): { [key: string]: unknown } {
    throw new Error('create-irsa stacks synthesize to Terraform JSON; create-irsa prints HCL from it (format: "hcl")');
  }

  private output(name: string, value: string | Record<string, string>, description: string): void {
    const id = this.text.exact(name);
    const output = new TerraformOutput(this, id, { value, description: this.text.literal(description) });
    output.overrideLogicalId(id);
  }
}
