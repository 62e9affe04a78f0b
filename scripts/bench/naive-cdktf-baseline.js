// The baseline create-irsa is measured against: a plain CDKTF program that imports the provider
// packages from their roots (as most examples do) and synthesizes the same resources for N bindings.
// Usage: node naive-cdktf-baseline.js <outdir> <bindings>
const { App, TerraformStack, LocalBackend } = require('cdktf');
const aws = require('@cdktf/provider-aws');
const kubernetes = require('@cdktf/provider-kubernetes');

const [outdir, count] = [process.argv[2], Number(process.argv[3])];
const app = new App({ outdir, stackTraces: false });
const stack = new TerraformStack(app, 'payments');
new LocalBackend(stack, { path: 'terraform.tfstate' });
new aws.provider.AwsProvider(stack, 'aws', { region: 'eu-west-1' });
const cluster = new aws.dataAwsEksCluster.DataAwsEksCluster(stack, 'cluster', { name: 'payments' });
const auth = new aws.dataAwsEksClusterAuth.DataAwsEksClusterAuth(stack, 'auth', { name: 'payments' });
new kubernetes.provider.KubernetesProvider(stack, 'kubernetes', { host: cluster.endpoint, token: auth.token });
const issuer = 'oidc.eks.eu-west-1.amazonaws.com/id/0123456789ABCDEF0123456789ABCDEF';
const oidc = new aws.iamOpenidConnectProvider.IamOpenidConnectProvider(stack, 'oidc', { url: `https://${issuer}`, clientIdList: ['sts.amazonaws.com'] });
for (let i = 0; i < count; i++) {
  const subject = `system:serviceaccount:team-${i % 50}:svc-${i}`;
  const policy = new aws.iamPolicy.IamPolicy(stack, `policy-${i}`, {
    name: `payments-svc-${i}-s3`,
    policy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: `arn:aws:s3:::acme-data-${i % 20}/apps/svc-${i}/*` }] }),
  });
  const role = new aws.iamRole.IamRole(stack, `role-${i}`, {
    name: `payments-svc-${i}`,
    assumeRolePolicy: JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { Federated: oidc.arn }, Action: 'sts:AssumeRoleWithWebIdentity', Condition: { StringEquals: { [`${issuer}:sub`]: subject, [`${issuer}:aud`]: 'sts.amazonaws.com' } } }],
    }),
  });
  new aws.iamRolePolicyAttachment.IamRolePolicyAttachment(stack, `attachment-${i}`, { role: role.name, policyArn: policy.arn });
  new kubernetes.serviceAccountV1.ServiceAccountV1(stack, `sa-${i}`, {
    metadata: { name: `svc-${i}`, namespace: `team-${i % 50}`, annotations: { 'eks.amazonaws.com/role-arn': role.arn } },
  });
}
app.synth();
