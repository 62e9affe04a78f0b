/**
 * One binding: an IAM policy for the S3 grants, an IAM role only the service account can assume,
 * the attachment between them, and, as the binding asks, the Kubernetes service account
 * (annotated with the role for IRSA) and the EKS Pod Identity association.
 */
import { Construct } from 'constructs';
import { IamPolicy } from '@cdktf/provider-aws/lib/iam-policy';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { EksPodIdentityAssociation } from '@cdktf/provider-aws/lib/eks-pod-identity-association';
import { ServiceAccountV1 } from '@cdktf/provider-kubernetes/lib/service-account-v1';
import { BindingPlan } from '../plan/cluster-plan';
import { OpaqueText } from '../stacks/opaque-text';

/** The annotation the EKS pod identity webhook reads to inject the role into pods. */
export const ROLE_ARN_ANNOTATION = 'eks.amazonaws.com/role-arn';

export interface IrsaBindingProps {
  readonly plan: BindingPlan;
  readonly clusterName: string;
  /** Namespace name as a Terraform string; a reference when create-irsa creates the namespace. */
  readonly namespace: string;
  /** How the binding's names and documents reach cdktf (see OpaqueText); the stack restores them. */
  readonly text: OpaqueText;
}

export class IrsaBinding extends Construct {
  readonly policy: IamPolicy;
  readonly role: IamRole;
  readonly attachment: IamRolePolicyAttachment;
  /** The ServiceAccount, unless it is created elsewhere (a Helm chart, GitOps). */
  readonly serviceAccount?: ServiceAccountV1;
  /** The EKS Pod Identity association, when the binding uses Pod Identity. */
  readonly podIdentityAssociation?: EksPodIdentityAssociation;

  constructor(scope: Construct, id: string, props: IrsaBindingProps) {
    super(scope, id);
    const { plan, text } = props;
    const { binding } = plan;
    // Validated names cannot hold "${", but every user value is escaped anyway: Terraform must never evaluate input.
    const literal = (value: string) => text.literal(value);
    const blockName = text.exact(plan.blockName);

    this.policy = new IamPolicy(this, 'policy', {
      name: literal(binding.policyName),
      description: literal(plan.policyDescription),
      policy: text.exact(plan.s3Policy.terraform),
    });
    // Logical ids must be fixed before anything refers to the resource.
    this.policy.overrideLogicalId(blockName);
    this.role = new IamRole(this, 'role', {
      name: literal(binding.roleName),
      description: literal(plan.roleDescription),
      assumeRolePolicy: text.exact(plan.trustPolicy.terraform),
      path: plan.role.path === undefined ? undefined : literal(plan.role.path),
      permissionsBoundary: plan.role.permissionsBoundary === undefined ? undefined : literal(plan.role.permissionsBoundary),
      maxSessionDuration: plan.role.maxSessionDuration,
    });
    this.role.overrideLogicalId(blockName);
    this.attachment = new IamRolePolicyAttachment(this, 'attachment', {
      role: this.role.name,
      policyArn: this.policy.arn,
    });
    this.attachment.overrideLogicalId(blockName);
    if (binding.createServiceAccount) {
      this.serviceAccount = new ServiceAccountV1(this, 'service-account', {
        metadata: {
          name: literal(binding.serviceAccount),
          namespace: props.namespace,
          annotations: plan.identity.annotatesServiceAccount ? { [ROLE_ARN_ANNOTATION]: this.role.arn } : undefined,
        },
      });
      this.serviceAccount.overrideLogicalId(blockName);
    }
    if (plan.identity.associatesPodIdentity) {
      this.podIdentityAssociation = new EksPodIdentityAssociation(this, 'pod-identity-association', {
        clusterName: literal(props.clusterName),
        namespace: props.namespace,
        serviceAccount: this.serviceAccount ? this.serviceAccount.metadata.name : literal(binding.serviceAccount),
        roleArn: this.role.arn,
      });
      this.podIdentityAssociation.overrideLogicalId(blockName);
    }
  }
}
