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
import { escapeTerraformLiteral } from '../terraform/terraform-expression';
import { iamDescription } from '../text/iam-text';

/** The annotation the EKS pod identity webhook reads to inject the role into pods. */
export const ROLE_ARN_ANNOTATION = 'eks.amazonaws.com/role-arn';

export interface IrsaBindingProps {
  readonly plan: BindingPlan;
  readonly clusterName: string;
  /** Namespace name as a Terraform string; a reference when create-irsa creates the namespace. */
  readonly namespace: string;
}

export class IrsaBinding extends Construct {
  readonly policy: IamPolicy;
  readonly role: IamRole;
  readonly attachment: IamRolePolicyAttachment;
  readonly serviceAccount: ServiceAccountV1;

  constructor(scope: Construct, id: string, props: IrsaBindingProps) {
    super(scope, id);
    const { plan } = props;
    const { binding } = plan;
    // Validated names cannot hold "${", but every user value is escaped anyway: Terraform must never evaluate input.
    const literal = escapeTerraformLiteral;
    const prefixText = binding.prefix === '' ? 'the whole bucket' : `prefix ${binding.prefix}`;

    this.policy = new IamPolicy(this, 'policy', {
      name: literal(binding.policyName),
      // A description is plain text, not JSON: iamDescription keeps it to the characters IAM accepts.
      description: literal(iamDescription(`S3 ${binding.access} access to ${binding.bucket}, ${prefixText}`)),
      policy: plan.s3Policy.terraform,
    });
    // Logical ids must be fixed before anything refers to the resource.
    this.policy.overrideLogicalId(plan.blockName);
    this.role = new IamRole(this, 'role', {
      name: literal(binding.roleName),
      description: literal(iamDescription(`IRSA role for ${plan.subject} on EKS cluster ${props.clusterName}`)),
      assumeRolePolicy: plan.trustPolicy.terraform,
    });
    this.role.overrideLogicalId(plan.blockName);
    this.attachment = new IamRolePolicyAttachment(this, 'attachment', {
      role: this.role.name,
      policyArn: this.policy.arn,
    });
    this.attachment.overrideLogicalId(plan.blockName);
    this.serviceAccount = new ServiceAccountV1(this, 'service-account', {
      metadata: {
        name: literal(binding.serviceAccount),
        namespace: props.namespace,
        annotations: { [ROLE_ARN_ANNOTATION]: this.role.arn },
      },
    });
    this.serviceAccount.overrideLogicalId(plan.blockName);
  }
}
