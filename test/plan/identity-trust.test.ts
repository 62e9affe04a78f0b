/**
 * The trust policy of each identity kind, as the plan renders it for a binding, judged by an
 * independent IAM evaluator: who may assume the role, and who may not.
 */
import { IdentityKind } from '../../src/config/irsa-config';
import { parseConfig } from '../../src/config/parse-config';
import { planCluster } from '../../src/plan/cluster-plan';
import { loadPolicyTemplates } from '../../src/policies/policy-templates';
import { ACCOUNT_ID, podIdentityAllows, resolveTerraformReferences, trustAllows } from '../helpers/iam-simulator';
import { ISSUER_HOST, validRawBinding, validRawConfig } from '../helpers/fixtures';

const templates = loadPolicyTemplates();

const CLUSTER_ARN = `arn:aws:eks:eu-west-1:${ACCOUNT_ID}:cluster/payments`;
const PROVIDER_ARN = `arn:aws:iam::${ACCOUNT_ID}:oidc-provider/${ISSUER_HOST}`;
const SUBJECT = 'system:serviceaccount:billing:invoice-exporter';

/** What Terraform fills in for the references of the trust policies. */
const TERRAFORM_VALUES = {
  'data.aws_eks_cluster.this.arn': CLUSTER_ARN,
  'aws_iam_openid_connect_provider.this.arn': PROVIDER_ARN,
};

/** The trust policy of billing/invoice-exporter on cluster payments, with the given identity, as AWS receives it. */
function trustOf(identity: IdentityKind): Record<string, unknown> {
  const config = parseConfig(validRawConfig({ bindings: [validRawBinding({ identity })] })).config;
  const [binding] = planCluster(config, templates).bindings;
  return resolveTerraformReferences(JSON.parse(binding.trustPolicy.terraform), TERRAFORM_VALUES);
}

/** The session tags EKS Pod Identity sends for a pod of billing/invoice-exporter on cluster payments. */
const BOUND_TAGS: Readonly<Record<string, string>> = {
  'eks-cluster-arn': CLUSTER_ARN,
  'eks-cluster-name': 'payments',
  'kubernetes-namespace': 'billing',
  'kubernetes-service-account': 'invoice-exporter',
  'kubernetes-pod-name': 'invoice-exporter-7d9f8-abcde',
  'kubernetes-pod-uid': '8a5f1c1e-2b3d-4e5f-9a8b-0c1d2e3f4a5b',
};

function withoutTag(key: string): Record<string, string> {
  return Object.fromEntries(Object.entries(BOUND_TAGS).filter(([tag]) => tag !== key));
}

const PODS = 'pods.eks.amazonaws.com';
const POD_IDENTITY_ACTIONS = ['sts:AssumeRole', 'sts:TagSession'];

/** Pod Identity requests that must be denied, whatever else the role trusts. */
const DENIED_POD_IDENTITY: Array<[string, { action: string; principalService: string; tags: Record<string, string> }]> = [
  ['another namespace', { action: 'sts:AssumeRole', principalService: PODS, tags: { ...BOUND_TAGS, 'kubernetes-namespace': 'payroll' } }],
  ['another service account in the namespace', { action: 'sts:AssumeRole', principalService: PODS, tags: { ...BOUND_TAGS, 'kubernetes-service-account': 'other' } }],
  ['a longer service account name', { action: 'sts:AssumeRole', principalService: PODS, tags: { ...BOUND_TAGS, 'kubernetes-service-account': 'invoice-exporter2' } }],
  ['a differently cased namespace', { action: 'sts:AssumeRole', principalService: PODS, tags: { ...BOUND_TAGS, 'kubernetes-namespace': 'Billing' } }],
  ['a wildcard service account', { action: 'sts:AssumeRole', principalService: PODS, tags: { ...BOUND_TAGS, 'kubernetes-service-account': '*' } }],
  [
    'another cluster in the account',
    { action: 'sts:AssumeRole', principalService: PODS, tags: { ...BOUND_TAGS, 'eks-cluster-arn': `arn:aws:eks:eu-west-1:${ACCOUNT_ID}:cluster/staging`, 'eks-cluster-name': 'staging' } },
  ],
  [
    'a cluster of the same name in another account',
    { action: 'sts:AssumeRole', principalService: PODS, tags: { ...BOUND_TAGS, 'eks-cluster-arn': 'arn:aws:eks:eu-west-1:444455556666:cluster/payments' } },
  ],
  [
    'a cluster of the same name in another region',
    { action: 'sts:AssumeRole', principalService: PODS, tags: { ...BOUND_TAGS, 'eks-cluster-arn': `arn:aws:eks:us-east-1:${ACCOUNT_ID}:cluster/payments` } },
  ],
  [
    'the right cluster name with another cluster ARN (only the ARN counts)',
    { action: 'sts:AssumeRole', principalService: PODS, tags: { ...BOUND_TAGS, 'eks-cluster-arn': `arn:aws:eks:eu-west-1:${ACCOUNT_ID}:cluster/payments-2` } },
  ],
  ['no eks-cluster-arn tag', { action: 'sts:AssumeRole', principalService: PODS, tags: withoutTag('eks-cluster-arn') }],
  ['no kubernetes-namespace tag', { action: 'sts:AssumeRole', principalService: PODS, tags: withoutTag('kubernetes-namespace') }],
  ['no kubernetes-service-account tag', { action: 'sts:AssumeRole', principalService: PODS, tags: withoutTag('kubernetes-service-account') }],
  ['no tags at all', { action: 'sts:AssumeRole', principalService: PODS, tags: {} }],
  ['TagSession without the namespace tag', { action: 'sts:TagSession', principalService: PODS, tags: withoutTag('kubernetes-namespace') }],
  ['the EC2 service, with the bound tags', { action: 'sts:AssumeRole', principalService: 'ec2.amazonaws.com', tags: BOUND_TAGS }],
  ['the EKS service, with the bound tags', { action: 'sts:AssumeRole', principalService: 'eks.amazonaws.com', tags: BOUND_TAGS }],
  ['the Lambda service, with the bound tags', { action: 'sts:AssumeRole', principalService: 'lambda.amazonaws.com', tags: BOUND_TAGS }],
  ['an action the statement does not name (sts:SetSourceIdentity)', { action: 'sts:SetSourceIdentity', principalService: PODS, tags: BOUND_TAGS }],
];

/** IRSA (web identity) requests that must be denied, whatever else the role trusts. */
const OTHER_HOST = 'oidc.eks.eu-west-1.amazonaws.com/id/FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF';
const DENIED_WEB_IDENTITY: Array<[string, { providerArn: string; issuerHost: string; sub?: string; aud?: string }]> = [
  ['another service account in the namespace', { providerArn: PROVIDER_ARN, issuerHost: ISSUER_HOST, sub: 'system:serviceaccount:billing:other', aud: 'sts.amazonaws.com' }],
  ['the same name in another namespace', { providerArn: PROVIDER_ARN, issuerHost: ISSUER_HOST, sub: 'system:serviceaccount:payroll:invoice-exporter', aud: 'sts.amazonaws.com' }],
  ['a wildcard subject', { providerArn: PROVIDER_ARN, issuerHost: ISSUER_HOST, sub: 'system:serviceaccount:billing:*', aud: 'sts.amazonaws.com' }],
  ['no subject', { providerArn: PROVIDER_ARN, issuerHost: ISSUER_HOST, aud: 'sts.amazonaws.com' }],
  ['another audience', { providerArn: PROVIDER_ARN, issuerHost: ISSUER_HOST, sub: SUBJECT, aud: 'vault' }],
  ['no audience', { providerArn: PROVIDER_ARN, issuerHost: ISSUER_HOST, sub: SUBJECT }],
  ["another cluster's provider and issuer", { providerArn: `arn:aws:iam::${ACCOUNT_ID}:oidc-provider/${OTHER_HOST}`, issuerHost: OTHER_HOST, sub: SUBJECT, aud: 'sts.amazonaws.com' }],
];

const BOUND_WEB_IDENTITY = { providerArn: PROVIDER_ARN, issuerHost: ISSUER_HOST, sub: SUBJECT, aud: 'sts.amazonaws.com' };

describe('the Pod Identity trust policy', () => {
  it('is exactly the documented document: the pods service, AssumeRole and TagSession, the three session tags', () => {
    const config = parseConfig(validRawConfig({ bindings: [validRawBinding({ identity: 'pod-identity' })] })).config;
    expect(JSON.parse(planCluster(config, templates).bindings[0].trustPolicy.terraform)).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'AssumeRoleFromPodIdentity',
          Effect: 'Allow',
          Principal: { Service: 'pods.eks.amazonaws.com' },
          Action: ['sts:AssumeRole', 'sts:TagSession'],
          Condition: {
            StringEquals: {
              'aws:RequestTag/eks-cluster-arn': '${data.aws_eks_cluster.this.arn}',
              'aws:RequestTag/kubernetes-namespace': 'billing',
              'aws:RequestTag/kubernetes-service-account': 'invoice-exporter',
            },
          },
        },
      ],
    });
  });

  it('GIVEN both THEN the trust policy is the IRSA statement followed by the Pod Identity statement', () => {
    const statements = trustOf('both').Statement as Array<Record<string, unknown>>;
    expect(statements).toEqual([(trustOf('irsa').Statement as unknown[])[0], (trustOf('pod-identity').Statement as unknown[])[0]]);
  });
});

describe.each<IdentityKind>(['pod-identity', 'both'])('a role with identity %s, asked through EKS Pod Identity', (identity) => {
  const trust = trustOf(identity);

  it.each(POD_IDENTITY_ACTIONS)('GIVEN the bound cluster, namespace and service account THEN %s is allowed', async (action) => {
    expect(await podIdentityAllows(trust, { action, principalService: PODS, tags: BOUND_TAGS })).toBe(true);
  });

  it.each(DENIED_POD_IDENTITY)('GIVEN %s THEN it is denied', async (_, request) => {
    expect(await podIdentityAllows(trust, request)).toBe(false);
  });
});

describe.each<IdentityKind>(['irsa', 'both'])('a role with identity %s, asked with a web identity token (IRSA)', (identity) => {
  const trust = trustOf(identity);

  it('GIVEN the bound service account with an STS token THEN it is allowed', async () => {
    expect(await trustAllows(trust, BOUND_WEB_IDENTITY)).toBe(true);
  });

  it.each(DENIED_WEB_IDENTITY)('GIVEN %s THEN it is denied', async (_, request) => {
    expect(await trustAllows(trust, request)).toBe(false);
  });
});

describe('each kind admits only its own way in', () => {
  it('GIVEN a Pod Identity role THEN the bound service account is denied through IRSA', async () => {
    expect(await trustAllows(trustOf('pod-identity'), BOUND_WEB_IDENTITY)).toBe(false);
  });

  it.each(POD_IDENTITY_ACTIONS)('GIVEN an IRSA role THEN %s through Pod Identity is denied, even with the bound tags', async (action) => {
    expect(await podIdentityAllows(trustOf('irsa'), { action, principalService: PODS, tags: BOUND_TAGS })).toBe(false);
  });

  it('GIVEN a role with identity both THEN the OIDC provider cannot use the Pod Identity statement', async () => {
    expect(await podIdentityAllows(trustOf('both'), { action: 'sts:AssumeRole', principalService: PROVIDER_ARN, tags: BOUND_TAGS })).toBe(false);
  });

  it('GIVEN a role with identity both THEN the pods service cannot use the IRSA statement', async () => {
    expect(await trustAllows(trustOf('both'), { ...BOUND_WEB_IDENTITY, providerArn: PODS })).toBe(false);
  });
});
