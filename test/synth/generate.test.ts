import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseConfig } from '../../src/config/parse-config';
import { generateModules } from '../../src/generate';
import { planCluster } from '../../src/plan/cluster-plan';
import { loadPolicyTemplates } from '../../src/policies/policy-templates';
import { REQUIRED_PROVIDERS } from '../../src/stacks/provider-versions';
import { clusterModuleFiles } from '../../src/synth/module-files';
import { synthesizeClusterStack } from '../../src/synth/synthesize-stack';
import { ISSUER, ISSUER_HOST, validRawBinding, validRawConfig } from '../helpers/fixtures';

const templates = loadPolicyTemplates();

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function build(raw: Record<string, unknown>) {
  const { config } = parseConfig(raw);
  const plan = planCluster(config, templates);
  const synthesized = synthesizeClusterStack(plan);
  const files = clusterModuleFiles(plan, synthesized);
  const byPath = new Map(files.map((file) => [file.path, file.content]));
  const json = (path: string): Json => JSON.parse(byPath.get(path) ?? 'null');
  return { config, synthesized, files, byPath, json };
}

const twoBindings = validRawConfig({
  bindings: [
    validRawBinding(),
    validRawBinding({ namespace: 'reporting', serviceAccount: 'report-writer', bucket: 'acme-reports', prefix: 'monthly', access: 'read-write', createNamespace: true }),
  ],
});

describe('generated module', () => {
  it('is laid out like a hand-written module', () => {
    const { files } = build(twoBindings);
    expect(files.map((file) => file.path)).toEqual([
      'payments/data.tf.json',
      'payments/main.tf.json',
      'payments/outputs.tf.json',
      'payments/providers.tf.json',
      'payments/policies/billing/invoice-exporter/role_trust_relationship.json',
      'payments/policies/billing/invoice-exporter/s3_policy.json',
      'payments/policies/reporting/report-writer/role_trust_relationship.json',
      'payments/policies/reporting/report-writer/s3_policy.json',
    ]);
  });

  it('the union of its *.tf.json files is exactly what cdktf synthesized', () => {
    const { files, synthesized } = build(twoBindings);
    const union: Json = {};
    for (const file of files.filter((candidate) => candidate.path.endsWith('.tf.json'))) {
      for (const [block, value] of Object.entries(JSON.parse(file.content))) {
        expect(union).not.toHaveProperty([block]);
        union[block] = value;
      }
    }
    expect(union).toStrictEqual(synthesized);
  });

  it('leaves out CDKTF\'s "//" metadata, top-level and per block', () => {
    const { files, synthesized } = build(twoBindings);
    expect(synthesized).not.toHaveProperty(['//']);
    for (const file of files.filter((candidate) => candidate.path.endsWith('.tf.json'))) expect(file.content).not.toContain('"//"');
  });

  it('each policy file is exactly the document the Terraform applies', () => {
    const { json } = build(twoBindings);
    const resources = json('payments/main.tf.json').resource;
    for (const [block, dir] of [
      ['billing_invoice_exporter', 'billing/invoice-exporter'],
      ['reporting_report_writer', 'reporting/report-writer'],
    ]) {
      expect(JSON.parse(resources.aws_iam_role[block].assume_role_policy)).toStrictEqual(json(`payments/policies/${dir}/role_trust_relationship.json`));
      expect(JSON.parse(resources.aws_iam_policy[block].policy)).toStrictEqual(json(`payments/policies/${dir}/s3_policy.json`));
    }
  });

  it('trusts exactly one service account per role, through the created OIDC provider', () => {
    const { json } = build(twoBindings);
    const roles = json('payments/main.tf.json').resource.aws_iam_role;
    const conditions = Object.values(roles as Record<string, Json>).map((role) => JSON.parse(role.assume_role_policy).Statement[0]);
    expect(conditions).toEqual([
      expect.objectContaining({
        Principal: { Federated: '${aws_iam_openid_connect_provider.this.arn}' },
        Condition: {
          StringEquals: {
            [`${ISSUER_HOST}:sub`]: 'system:serviceaccount:billing:invoice-exporter',
            [`${ISSUER_HOST}:aud`]: 'sts.amazonaws.com',
          },
        },
      }),
      expect.objectContaining({
        Condition: {
          StringEquals: {
            [`${ISSUER_HOST}:sub`]: 'system:serviceaccount:reporting:report-writer',
            [`${ISSUER_HOST}:aud`]: 'sts.amazonaws.com',
          },
        },
      }),
    ]);
  });

  it('creates the OIDC provider for STS, and wires role, policy, attachment and annotated service account', () => {
    const { json } = build(twoBindings);
    const resource = json('payments/main.tf.json').resource;
    expect(resource.aws_iam_openid_connect_provider.this).toMatchObject({ url: ISSUER, client_id_list: ['sts.amazonaws.com'] });
    expect(resource.aws_iam_role.billing_invoice_exporter.name).toBe('payments-billing-invoice-exporter');
    expect(resource.aws_iam_policy.billing_invoice_exporter.name).toBe('payments-billing-invoice-exporter-s3');
    expect(resource.aws_iam_role_policy_attachment.billing_invoice_exporter).toMatchObject({
      role: '${aws_iam_role.billing_invoice_exporter.name}',
      policy_arn: '${aws_iam_policy.billing_invoice_exporter.arn}',
    });
    expect(resource.kubernetes_service_account_v1.billing_invoice_exporter.metadata).toEqual({
      name: 'invoice-exporter',
      namespace: 'billing',
      annotations: { 'eks.amazonaws.com/role-arn': '${aws_iam_role.billing_invoice_exporter.arn}' },
    });
    // The namespace is created only where asked, and the service account depends on it by reference.
    expect(Object.keys(resource.kubernetes_namespace_v1)).toEqual(['reporting']);
    expect(resource.kubernetes_service_account_v1.reporting_report_writer.metadata.namespace).toBe(
      '${kubernetes_namespace_v1.reporting.metadata[0].name}',
    );
  });

  it('configures the providers from the cluster and pins their versions', () => {
    const { json } = build(twoBindings);
    const providers = json('payments/providers.tf.json');
    expect(providers.terraform.required_providers).toEqual(REQUIRED_PROVIDERS);
    expect(providers.terraform.required_version).toBe('>= 1.5.0');
    expect(providers.terraform.backend).toEqual({ local: { path: 'terraform.tfstate' } });
    expect(providers.provider.aws).toEqual([{ region: 'eu-west-1' }]);
    expect(providers.provider.kubernetes).toEqual([
      {
        host: '${data.aws_eks_cluster.this.endpoint}',
        cluster_ca_certificate: '${base64decode(data.aws_eks_cluster.this.certificate_authority[0].data)}',
        token: '${data.aws_eks_cluster_auth.this.token}',
      },
    ]);
    const data = json('payments/data.tf.json').data;
    expect(data.aws_eks_cluster.this.name).toBe('payments');
    // A pasted issuer that is not this cluster's stops the plan.
    expect(data.aws_eks_cluster.this.lifecycle.postcondition[0].condition).toBe(
      `\${trimsuffix(self.identity[0].oidc[0].issuer, "/") == "${ISSUER}"}`,
    );
  });

  it('outputs role ARN, policy ARN and service account of every binding', () => {
    const { json } = build(twoBindings);
    const output = json('payments/outputs.tf.json').output;
    expect(Object.keys(output).sort()).toEqual([
      'billing_invoice_exporter_policy_arn',
      'billing_invoice_exporter_role_arn',
      'billing_invoice_exporter_service_account',
      'oidc_provider_arn',
      'reporting_report_writer_policy_arn',
      'reporting_report_writer_role_arn',
      'reporting_report_writer_service_account',
    ]);
    expect(output.billing_invoice_exporter_role_arn.value).toBe('${aws_iam_role.billing_invoice_exporter.arn}');
    for (const value of Object.values(output)) expect((value as Json).description).toEqual(expect.any(String));
  });

  it('GIVEN createOidcProvider false THEN the existing provider is referenced, never created', () => {
    const { json } = build(validRawConfig({ cluster: { createOidcProvider: false } }));
    const main = json('payments/main.tf.json');
    expect(main.resource.aws_iam_openid_connect_provider).toBeUndefined();
    expect(json('payments/data.tf.json').data.aws_iam_openid_connect_provider.this.url).toBe(ISSUER);
    const trust = JSON.parse(main.resource.aws_iam_role.billing_invoice_exporter.assume_role_policy);
    expect(trust.Statement[0].Principal.Federated).toBe('${data.aws_iam_openid_connect_provider.this.arn}');
  });

  it('GIVEN no issuer THEN the issuer is read from the cluster and used without https:// in the conditions', () => {
    const { json } = build(validRawConfig({ cluster: { name: 'payments', oidcIssuer: undefined } }));
    const main = json('payments/main.tf.json');
    expect(main.locals).toEqual({ oidc_issuer_host: '${replace(data.aws_eks_cluster.this.identity[0].oidc[0].issuer, "https://", "")}' });
    expect(main.resource.aws_iam_openid_connect_provider.this.url).toBe('${data.aws_eks_cluster.this.identity[0].oidc[0].issuer}');
    const trust = JSON.parse(main.resource.aws_iam_role.billing_invoice_exporter.assume_role_policy);
    expect(Object.keys(trust.Statement[0].Condition.StringEquals)).toEqual(['${local.oidc_issuer_host}:sub', '${local.oidc_issuer_host}:aud']);
    expect(json('payments/data.tf.json').data.aws_eks_cluster.this.lifecycle).toBeUndefined();
  });

  it('GIVEN a China region THEN S3 ARNs are in the aws-cn partition', () => {
    const { json } = build(validRawConfig({ region: 'cn-north-1', cluster: { oidcIssuer: undefined } }));
    const policy = JSON.parse(json('payments/main.tf.json').resource.aws_iam_policy.billing_invoice_exporter.policy);
    expect(policy.Statement.map((statement: Json) => statement.Resource)).toEqual([
      'arn:aws-cn:s3:::acme-invoices',
      'arn:aws-cn:s3:::acme-invoices/exports/*',
    ]);
  });

  it('GIVEN bindings whose names would share a Terraform name THEN each keeps its own blocks', () => {
    const { json } = build(validRawConfig({
        bindings: [
          validRawBinding({ namespace: 'a-b', serviceAccount: 'c', roleName: 'r1', policyName: 'p1' }),
          validRawBinding({ namespace: 'a', serviceAccount: 'b-c', roleName: 'r2', policyName: 'p2' }),
        ],
      }),);
    const roles = Object.keys(json('payments/main.tf.json').resource.aws_iam_role);
    expect(roles).toHaveLength(2);
    expect(roles.every((name) => /^a_b_c_[0-9a-f]{8}$/.test(name))).toBe(true);
  });

  describe('what reaches IAM', () => {
    // IAM's rules: policy documents [\t\n\r\u0020-\u00ff]; role and policy descriptions
    // [\t\n\r\u0020-\u007e\u00a1-\u00ff], at most 1,000 characters.
    const IAM_DOCUMENT = /^[\t\n\r\u0020-\u00ff]+$/;
    const IAM_DESCRIPTION = /^[\t\n\r\u0020-\u007e\u00a1-\u00ff]{0,1000}$/;

    it.each([
      ['exports/', 'S3 read access to acme-invoices, prefix exports/'],
      ['données/', 'S3 read access to acme-invoices, prefix données/'],
      ['日報/2026/', 'S3 read access to acme-invoices, prefix \\u65e5\\u5831/2026/'],
      ['exports/📦/', 'S3 read access to acme-invoices, prefix exports/\\ud83d\\udce6/'],
      ['', 'S3 read access to acme-invoices, the whole bucket'],
    ])('GIVEN the prefix %j THEN documents, descriptions and review copies hold only characters IAM accepts', (prefix, description) => {
      const { json, byPath } = build(validRawConfig({ bindings: [validRawBinding({ prefix })] }));
      const resource = json('payments/main.tf.json').resource;
      const policy = resource.aws_iam_policy.billing_invoice_exporter;
      const role = resource.aws_iam_role.billing_invoice_exporter;
      expect(policy.description).toBe(description);
      expect(policy.description).toMatch(IAM_DESCRIPTION);
      expect(role.description).toMatch(IAM_DESCRIPTION);
      expect(policy.policy).toMatch(IAM_DOCUMENT);
      expect(role.assume_role_policy).toMatch(IAM_DOCUMENT);
      // The escapes are JSON's: IAM reads the prefix as typed.
      expect(JSON.parse(policy.policy).Statement[1].Resource).toBe(`arn:aws:s3:::acme-invoices/${prefix}*`);
      const review = byPath.get('payments/policies/billing/invoice-exporter/s3_policy.json') ?? '';
      expect(review).toMatch(IAM_DOCUMENT);
      expect(JSON.parse(review)).toEqual(JSON.parse(policy.policy));
    });

    it('GIVEN the longest prefix THEN the policy description is cut to IAM\'s 1,000 characters', () => {
      const { json } = build(validRawConfig({ bindings: [validRawBinding({ prefix: `${'日'.repeat(340)}/` })] }));
      const { description } = json('payments/main.tf.json').resource.aws_iam_policy.billing_invoice_exporter;
      expect(description).toMatch(IAM_DESCRIPTION);
      expect(description).toMatch(/^S3 read access to acme-invoices, prefix (\\u65e5)+\.\.\.$/);
    });
  });

  it.each(['toString', 'constructor', 'valueOf'])('GIVEN a cluster named %j THEN it still synthesizes', (name) => {
    const { files } = build(validRawConfig({ cluster: { name } }));
    expect(files.map((file) => file.path)).toContain(`${name}/main.tf.json`);
  });

  it('is deterministic and holds no paths of this machine', () => {
    const { config } = parseConfig(twoBindings);
    const first = generateModules(config, templates);
    const second = generateModules(config, templates);
    expect(second).toEqual(first);
    const all = first.map((file) => file.content).join('\n');
    expect(all).not.toMatch(/\/tmp\/|\/home\/|\/root\/|\/work\/|create-irsa-synth|stackTrace|\d{4}-\d\d-\d\dT/);
  });
});

describe('provider versions', () => {
  it.each([
    ['aws', '@cdktf/provider-aws'],
    ['kubernetes', '@cdktf/provider-kubernetes'],
  ] as const)('the %s range admits the provider version the bindings were generated from', (name, pkg) => {
    const manifest = JSON.parse(readFileSync(join(require.resolve(`${pkg}/package.json`)), 'utf8'));
    const [major, minor] = String(manifest.cdktf.provider.version).split('.');
    expect(REQUIRED_PROVIDERS[name].version).toBe(`~> ${major}.${minor}`);
  });
});
