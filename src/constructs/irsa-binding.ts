/**
 * One IRSA binding: an IAM policy for the S3 prefix, an IAM role only the service account can
 * assume, the attachment between them, and the Kubernetes service account annotated with the role.
 */
import { Construct } from 'constructs';
import { IamPolicy } from '@cdktf/provider-aws/lib/iam-policy';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
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
  readonly serviceAccount: ServiceAccountV1;

  constructor(scope: Construct, id: string, props: IrsaBindingProps) {
    super(scope, id);
    const { plan, text } = props;
    const { binding } = plan;
    // Validated names cannot hold "${", but every user value is escaped anyway: Terraform must never evaluate input.
    const literal = (value: string) => text.literal(value);
    const blockName = text.exact(plan.blockName);
    const prefixText = binding.prefix === '' ? 'the whole bucket' : `prefix ${binding.prefix}`;

    this.policy = new IamPolicy(this, 'policy', {
      name: literal(binding.policyName),
      description: literal(`S3 ${binding.access} access to ${binding.bucket}, ${prefixText}`),
      policy: text.exact(plan.s3Policy.terraform),
    });
    // Logical ids must be fixed before anything refers to the resource.
    this.policy.overrideLogicalId(blockName);
    this.role = new IamRole(this, 'role', {
      name: literal(binding.roleName),
      description: literal(`IRSA role for ${plan.subject} on EKS cluster ${props.clusterName}`),
      assumeRolePolicy: text.exact(plan.trustPolicy.terraform),
    });
    this.role.overrideLogicalId(blockName);
    this.attachment = new IamRolePolicyAttachment(this, 'attachment', {
      role: this.role.name,
      policyArn: this.policy.arn,
    });
    this.attachment.overrideLogicalId(blockName);
    this.serviceAccount = new ServiceAccountV1(this, 'service-account', {
      metadata: {
        name: literal(binding.serviceAccount),
        namespace: props.namespace,
        annotations: { [ROLE_ARN_ANNOTATION]: this.role.arn },
      },
    });
    this.serviceAccount.overrideLogicalId(blockName);
  }
}
