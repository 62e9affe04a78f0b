/**
 * What must hold for every generated module, whatever the (accepted) input: checked structurally
 * on the real output files.
 */
import { IrsaConfig, S3Grant } from '../../src/config/irsa-config';
import { partitionForRegion } from '../../src/config/partition';
import { GeneratedFile } from '../../src/synth/module-files';
import { resolveTerraformReferences } from './iam-simulator';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** The annotation the EKS pod identity webhook reads. */
const ROLE_ARN_ANNOTATION = 'eks.amazonaws.com/role-arn';

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
  /^aws_iam_(role|policy)\.[A-Za-z_][A-Za-z0-9_-]*\.(arn|name)\}/,
  /^kubernetes_namespace_v1\.[A-Za-z_][A-Za-z0-9_-]*\.metadata\[0\]\.name\}/,
  /^kubernetes_service_account_v1\.[A-Za-z_][A-Za-z0-9_-]*\.metadata\[0\]\.(namespace|name)\}/,
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
  const outputs = (parsed.get(`${root}/outputs.tf.json`)?.output ?? {}) as Json;
  checkProvidersAndBackend(config, parsed.get(`${root}/providers.tf.json`) as Json, parsed.get(`${root}/data.tf.json`) as Json);
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

    // 2. S3: each grant's statements, in order: the bucket for listing (limited to the prefix), the
    //    prefix's objects for the rest, and the grant's KMS key only through S3 in the key's region.
    const s3 = resolveTerraformReferences(JSON.parse(policy.policy), {}) as Json;
    expectEqual(s3, { Version: '2012-10-17', Statement: binding.s3.flatMap((grant, grantIndex) => grantStatements(partition, grant, grantIndex)) }, `bindings[${index}] S3 policy`);
    for (const grant of binding.s3) {
      if (grant.prefix !== '' && !grant.prefix.endsWith('/')) throw new Error(`bindings[${index}]: prefix is not a folder`);
      if (/[*?]/.test(grant.prefix)) throw new Error(`bindings[${index}]: wildcard in prefix`);
      if (grant.kmsKey !== undefined && (/[*?]/.test(grant.kmsKey) || grant.kmsKey.includes(':alias/'))) throw new Error(`bindings[${index}]: KMS key is not one key`);
    }

    // 2b. The role's settings: the project's, overridden key by key by the binding's; IAM's defaults otherwise.
    const settings = { ...config.role, ...binding.role };
    expectEqual(
      { path: role.path, permissions_boundary: role.permissions_boundary, max_session_duration: role.max_session_duration },
      { path: settings.path, permissions_boundary: settings.permissionsBoundary, max_session_duration: settings.maxSessionDuration },
      `bindings[${index}] role settings`,
    );

    // 2c. The ServiceAccount exists only where create-irsa owns it; otherwise an output gives its annotation.
    const block = Object.entries(resource.aws_iam_role as Json).find(([, candidate]) => candidate === role)![0];
    const serviceAccount = resource.kubernetes_service_account_v1?.[block];
    if (binding.createServiceAccount !== (serviceAccount !== undefined)) throw new Error(`bindings[${index}]: ServiceAccount created is ${serviceAccount !== undefined}`);
    const annotations = outputs[`${block}_service_account_annotations`];
    if (binding.createServiceAccount) {
      if (annotations !== undefined) throw new Error(`bindings[${index}]: annotations output beside a created ServiceAccount`);
      expectEqual(serviceAccount.metadata.annotations, { [ROLE_ARN_ANNOTATION]: `\${aws_iam_role.${block}.arn}` }, `bindings[${index}] ServiceAccount annotation`);
    } else {
      expectEqual(annotations?.value, { [ROLE_ARN_ANNOTATION]: `\${aws_iam_role.${block}.arn}` }, `bindings[${index}] annotations output`);
    }

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

/** The statements one grant renders, written out here independently of the template. */
function grantStatements(partition: string, grant: S3Grant, grantIndex: number): Json[] {
  const sid = (name: string) => (grantIndex === 0 ? name : `${name}Grant${grantIndex + 1}`);
  const bucketArn = `arn:${partition}:s3:::${grant.bucket}`;
  const objects = `${bucketArn}/${grant.prefix}*`;
  const list: Json = { Sid: sid('ListObjectsInPrefix'), Effect: 'Allow', Action: 's3:ListBucket', Resource: bucketArn };
  if (grant.prefix !== '') list.Condition = { StringLike: { 's3:prefix': `${grant.prefix}*` } };
  const statements: Json[] = [list, { Sid: sid('ReadObjects'), Effect: 'Allow', Action: 's3:GetObject', Resource: objects }];
  if (grant.access === 'read-write') {
    statements.push({
      Sid: sid('WriteObjects'),
      Effect: 'Allow',
      Action: ['s3:PutObject', 's3:DeleteObject', 's3:AbortMultipartUpload', 's3:ListMultipartUploadParts'],
      Resource: objects,
    });
  }
  if (grant.kmsKey !== undefined) {
    const [, keyPartition, , keyRegion] = grant.kmsKey.split(':');
    if (keyPartition !== partition) throw new Error(`KMS key ${grant.kmsKey} is not in the partition ${partition}`);
    statements.push({
      Sid: sid('UseKmsKeyThroughS3'),
      Effect: 'Allow',
      Action: grant.access === 'read-write' ? ['kms:Decrypt', 'kms:GenerateDataKey'] : 'kms:Decrypt',
      Resource: grant.kmsKey,
      Condition: { StringEquals: { 'kms:ViaService': `s3.${keyRegion}.amazonaws.com${partition === 'aws-cn' ? '.cn' : ''}` } },
    });
  }
  return statements;
}

/**
 * The module talks to the cluster's Kubernetes API only when it creates something there; the aws
 * provider carries the tags; state is local unless an S3 backend is configured.
 */
function checkProvidersAndBackend(config: IrsaConfig, providers: Json, data: Json): void {
  const usesKubernetes = config.bindings.some((binding) => binding.createServiceAccount || binding.createNamespace);
  const { terraform, provider } = providers;
  expectEqual(Object.keys(terraform.required_providers), usesKubernetes ? ['aws', 'kubernetes'] : ['aws'], 'required_providers');
  expectEqual(provider.kubernetes !== undefined, usesKubernetes, 'kubernetes provider present');
  expectEqual(data.data.aws_eks_cluster_auth !== undefined, usesKubernetes, 'aws_eks_cluster_auth present');
  const tags = Object.entries(config.tags);
  expectEqual(
    provider.aws[0].default_tags,
    tags.length === 0 ? undefined : [{ tags: Object.fromEntries(tags.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) }],
    'default_tags',
  );
  const s3 = config.backend.s3;
  if (!s3) {
    expectEqual(terraform.backend, { local: { path: 'terraform.tfstate' } }, 'backend');
    expectEqual(terraform.required_version, '>= 1.5.0', 'required_version');
    return;
  }
  expectEqual(
    terraform.backend.s3,
    {
      bucket: s3.bucket,
      ...(s3.dynamodbTable === undefined ? {} : { dynamodb_table: s3.dynamodbTable }),
      encrypt: s3.encrypt,
      key: s3.key,
      region: s3.region,
      ...(s3.useLockfile ? { use_lockfile: true } : {}),
    },
    'S3 backend',
  );
  expectEqual(terraform.required_version, s3.useLockfile ? '>= 1.11.0' : '>= 1.5.0', 'required_version');
}

function expectEqual(actual: unknown, expected: unknown, what: string): void {
  const a = JSON.stringify(actual);
  const b = JSON.stringify(expected);
  if (a !== b) throw new Error(`${what} differs:\n  got      ${a}\n  expected ${b}`);
}
