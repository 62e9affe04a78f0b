/**
 * What must hold for every generated module, whatever the (accepted) input: checked structurally
 * on the real output files.
 */
import { IrsaConfig } from '../../src/config/irsa-config';
import { partitionForRegion } from '../../src/config/partition';
import { GeneratedFile } from '../../src/synth/module-files';
import { resolveTerraformReferences } from './iam-simulator';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** The only expressions create-irsa ever writes into Terraform strings. */
const KNOWN_REFERENCES = [
  /^aws_iam_openid_connect_provider\.this\.arn\}/,
  /^data\.aws_iam_openid_connect_provider\.this\.arn\}/,
  /^data\.aws_eks_cluster\.this\.(endpoint|name|identity\[0\]\.oidc\[0\]\.issuer)\}/,
  /^data\.aws_eks_cluster_auth\.this\.token\}/,
  /^base64decode\(data\.aws_eks_cluster\.this\.certificate_authority\[0\]\.data\)\}/,
  /^replace\(data\.aws_eks_cluster\.this\.identity\[0\]\.oidc\[0\]\.issuer, "https:\/\/", ""\)\}/,
  /^trimsuffix\(self\.identity\[0\]\.oidc\[0\]\.issuer, "\/"\) == "https:\/\/[a-z0-9.-]+(\/[A-Za-z0-9._~-]+)*"\}/,
  /^local\.oidc_issuer_host\}/,
  /^aws_iam_(role|policy)\.[A-Za-z0-9_]+\.(arn|name)\}/,
  /^kubernetes_namespace_v1\.[A-Za-z0-9_]+\.metadata\[0\]\.name\}/,
  /^kubernetes_service_account_v1\.[A-Za-z0-9_]+\.metadata\[0\]\.(namespace|name)\}/,
];

/** Worst-case values Terraform could substitute, for the IAM size limits. */
const WORST_CASE_ACCOUNT = '123456789012';
const WORST_CASE_EKS_HOST = `oidc.eks.ap-southeast-99.amazonaws.com.cn/id/${'F'.repeat(32)}`;

export const TRUST_POLICY_LIMIT = 2048;
export const MANAGED_POLICY_LIMIT = 6144;

function strings(value: unknown, visit: (text: string) => void): void {
  if (typeof value === 'string') visit(value);
  else if (Array.isArray(value)) value.forEach((item) => strings(item, visit));
  else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      visit(key);
      strings(item, visit);
    }
  }
}

/** Every `${` that Terraform would evaluate starts a known reference; `%{` is never a directive. */
export function assertNoForeignInterpolation(text: string): void {
  for (let index = text.indexOf('${'); index >= 0; index = text.indexOf('${', index + 2)) {
    let dollars = 0;
    for (let back = index; back >= 0 && text[back] === '$'; back--) dollars++;
    if (dollars % 2 === 0) continue; // "$${" is an escaped literal
    const rest = text.slice(index + 2);
    if (!KNOWN_REFERENCES.some((pattern) => pattern.test(rest))) {
      throw new Error(`unexpected Terraform interpolation in ${JSON.stringify(text.slice(index, index + 80))}`);
    }
  }
  for (let index = text.indexOf('%{'); index >= 0; index = text.indexOf('%{', index + 2)) {
    let percents = 0;
    for (let back = index; back >= 0 && text[back] === '%'; back--) percents++;
    if (percents % 2 === 1) throw new Error(`unescaped Terraform directive in ${JSON.stringify(text)}`);
  }
}

function nonWhitespaceLength(document: unknown): number {
  return JSON.stringify(document).replace(/\s/g, '').length;
}

export function checkGeneratedModule(config: IrsaConfig, files: readonly GeneratedFile[]): void {
  const parsed = new Map(files.map((file) => [file.path, JSON.parse(file.content) as Json]));
  const root = config.cluster.name;
  for (const [path, content] of parsed) {
    if (!path.endsWith('.tf.json')) continue;
    strings(content, assertNoForeignInterpolation);
    // CDKTF's "//" metadata describes its construct tree, not the module: generated/ leaves it out.
    strings(content, (text) => {
      if (text === '//') throw new Error(`${path} holds CDKTF's "//" metadata`);
    });
  }

  const resource = parsed.get(`${root}/main.tf.json`)?.resource as Json;
  const roles = Object.values(resource.aws_iam_role as Json) as Json[];
  const policies = Object.values(resource.aws_iam_policy as Json) as Json[];
  if (roles.length !== config.bindings.length || policies.length !== config.bindings.length) {
    throw new Error(`expected ${config.bindings.length} roles and policies, got ${roles.length} and ${policies.length}`);
  }
  const partition = partitionForRegion(config.region);
  const issuerHost = config.cluster.oidcIssuer ? config.cluster.oidcIssuer.replace(/^https:\/\//, '') : '${local.oidc_issuer_host}';
  const providerReference = config.cluster.createOidcProvider
    ? '${aws_iam_openid_connect_provider.this.arn}'
    : '${data.aws_iam_openid_connect_provider.this.arn}';
  const worstCaseHost = config.cluster.oidcIssuer ? issuerHost : WORST_CASE_EKS_HOST;
  const worstCase = {
    'aws_iam_openid_connect_provider.this.arn': `arn:${partition}:iam::${WORST_CASE_ACCOUNT}:oidc-provider/${worstCaseHost}`,
    'data.aws_iam_openid_connect_provider.this.arn': `arn:${partition}:iam::${WORST_CASE_ACCOUNT}:oidc-provider/${worstCaseHost}`,
    'local.oidc_issuer_host': worstCaseHost,
  };

  config.bindings.forEach((binding, index) => {
    const role = roles.find((candidate) => candidate.name === binding.roleName);
    const policy = policies.find((candidate) => candidate.name === binding.policyName);
    if (!role || !policy) throw new Error(`bindings[${index}]: no role or policy named as configured`);

    // 1. Trust: one statement, one subject, StringEquals on sub and aud, the cluster's provider.
    const trust = JSON.parse(role.assume_role_policy) as Json;
    expectEqual(trust, {
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'AssumeRoleFromServiceAccount',
          Effect: 'Allow',
          Principal: { Federated: providerReference },
          Action: 'sts:AssumeRoleWithWebIdentity',
          Condition: {
            StringEquals: {
              [`${issuerHost}:sub`]: `system:serviceaccount:${binding.namespace}:${binding.serviceAccount}`,
              [`${issuerHost}:aud`]: 'sts.amazonaws.com',
            },
          },
        },
      ],
    }, `bindings[${index}] trust policy`);

    // 2. S3: the bucket for listing (limited to the prefix), the prefix's objects for the rest.
    const s3 = resolveTerraformReferences(JSON.parse(policy.policy), {}) as Json;
    const bucketArn = `arn:${partition}:s3:::${binding.bucket}`;
    const list: Json = { Sid: 'ListObjectsInPrefix', Effect: 'Allow', Action: 's3:ListBucket', Resource: bucketArn };
    if (binding.prefix !== '') list.Condition = { StringLike: { 's3:prefix': `${binding.prefix}*` } };
    const statements: Json[] = [list, { Sid: 'ReadObjects', Effect: 'Allow', Action: 's3:GetObject', Resource: `${bucketArn}/${binding.prefix}*` }];
    if (binding.access === 'read-write') {
      statements.push({
        Sid: 'WriteObjects',
        Effect: 'Allow',
        Action: ['s3:PutObject', 's3:DeleteObject', 's3:AbortMultipartUpload', 's3:ListMultipartUploadParts'],
        Resource: `${bucketArn}/${binding.prefix}*`,
      });
    }
    expectEqual(s3, { Version: '2012-10-17', Statement: statements }, `bindings[${index}] S3 policy`);
    if (binding.prefix !== '' && !binding.prefix.endsWith('/')) throw new Error(`bindings[${index}]: prefix is not a folder`);
    if (/[*?]/.test(binding.prefix)) throw new Error(`bindings[${index}]: wildcard in prefix`);

    // 3. The files under policies/ are the documents applied.
    const dir = `${root}/policies/${binding.namespace}/${binding.serviceAccount}`;
    expectEqual(parsed.get(`${dir}/role_trust_relationship.json`), trust, `bindings[${index}] trust file`);
    expectEqual(parsed.get(`${dir}/s3_policy.json`), JSON.parse(policy.policy), `bindings[${index}] S3 file`);

    // 4. IAM size limits, with Terraform's values at their longest.
    const trustLength = nonWhitespaceLength(resolveTerraformReferences(trust, worstCase));
    if (trustLength > TRUST_POLICY_LIMIT) throw new Error(`bindings[${index}]: trust policy of ${trustLength} characters`);
    const s3Length = nonWhitespaceLength(s3);
    if (s3Length > MANAGED_POLICY_LIMIT) throw new Error(`bindings[${index}]: S3 policy of ${s3Length} characters`);
  });
}

function expectEqual(actual: unknown, expected: unknown, what: string): void {
  const a = JSON.stringify(actual);
  const b = JSON.stringify(expected);
  if (a !== b) throw new Error(`${what} differs:\n  got      ${a}\n  expected ${b}`);
}
