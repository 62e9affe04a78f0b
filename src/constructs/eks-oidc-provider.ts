/**
 * The cluster's IAM OIDC provider: created, or the existing one referenced. An AWS account holds
 * one provider per issuer URL; creating a second fails with EntityAlreadyExists, which is why
 * reuse is a choice.
 */
import { Construct } from 'constructs';
import { IamOpenidConnectProvider } from '@cdktf/provider-aws/lib/iam-openid-connect-provider';
import { DataAwsIamOpenidConnectProvider } from '@cdktf/provider-aws/lib/data-aws-iam-openid-connect-provider';
import { STS_AUDIENCE } from '../policies/policy-documents';
import { CLUSTER_BLOCK_NAME } from '../terraform/addresses';

export interface EksOidcProviderProps {
  /** Issuer URL as a Terraform string: a literal or a `${...}` reference. */
  readonly issuerUrl: string;
  /** Create the provider (true) or look up the existing one (false). */
  readonly create: boolean;
}

export class EksOidcProvider extends Construct {
  /** The provider's ARN, as a Terraform reference. */
  readonly arn: string;

  constructor(scope: Construct, id: string, props: EksOidcProviderProps) {
    super(scope, id);
    if (props.create) {
      // No thumbprint: IAM trusts EKS issuers through its own CA library.
      const provider = new IamOpenidConnectProvider(this, 'provider', {
        url: props.issuerUrl,
        clientIdList: [STS_AUDIENCE],
      });
      provider.overrideLogicalId(CLUSTER_BLOCK_NAME);
      this.arn = provider.arn;
    } else {
      const existing = new DataAwsIamOpenidConnectProvider(this, 'existing', { url: props.issuerUrl });
      existing.overrideLogicalId(CLUSTER_BLOCK_NAME);
      this.arn = existing.arn;
    }
  }
}
