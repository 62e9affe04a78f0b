/**
 * The synthesized Terraform of the newer settings: service accounts created elsewhere (and a
 * module without Kubernetes at all), role settings, tags and the S3 state backend.
 */
import { parseConfig } from '../../src/config/parse-config';
import { planCluster } from '../../src/plan/cluster-plan';
import { loadPolicyTemplates } from '../../src/policies/policy-templates';
import { REQUIRED_PROVIDERS } from '../../src/stacks/provider-versions';
import { synthesizeClusterStack } from '../../src/synth/synthesize-stack';
import { contractExample, validRawBinding, validRawConfig } from '../helpers/fixtures';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const templates = loadPolicyTemplates();

function synthesize(raw: Record<string, unknown>): Json {
  return synthesizeClusterStack(planCluster(parseConfig(raw).config, templates)) as Json;
}

/** Every `kubernetes` mention in the module, by where it is. */
function kubernetesMentions(terraform: Json): string[] {
  const found: string[] = [];
  const walk = (value: unknown, path: string) => {
    if (typeof value === 'string' && /kubernetes|eks_cluster_auth/.test(value)) found.push(path);
    if (value && typeof value === 'object') {
      for (const [key, item] of Object.entries(value)) {
        if (key === '//') continue; // cdktf's metadata
        if (/kubernetes|eks_cluster_auth/.test(key)) found.push(`${path}.${key}`);
        walk(item, `${path}.${key}`);
      }
    }
  };
  walk(terraform, '');
  return found;
}

describe('service accounts created elsewhere', () => {
  const rolesOnly = validRawConfig({
    bindings: [
      validRawBinding({ createServiceAccount: false }),
      validRawBinding({ namespace: 'reporting', serviceAccount: 'report-writer', bucket: 'acme-reports', createServiceAccount: false }),
    ],
  });

  it('GIVEN no binding creates a Kubernetes object THEN the module has no kubernetes provider, no cluster token and no kubernetes requirement', () => {
    const terraform = synthesize(rolesOnly);
    expect(terraform.terraform.required_providers).toEqual({ aws: REQUIRED_PROVIDERS.aws });
    expect(Object.keys(terraform.provider)).toEqual(['aws']);
    expect(Object.keys(terraform.data)).toEqual(['aws_eks_cluster']);
    expect(Object.keys(terraform.resource).sort()).toEqual(['aws_iam_openid_connect_provider', 'aws_iam_policy', 'aws_iam_role', 'aws_iam_role_policy_attachment']);
    expect(kubernetesMentions(terraform)).toEqual([]);
  });

  it('GIVEN no binding creates a Kubernetes object THEN each role ARN is an output, as the annotation to put on the service account', () => {
    const output = synthesize(rolesOnly).output;
    expect(Object.keys(output).sort()).toEqual([
      'billing_invoice_exporter_policy_arn',
      'billing_invoice_exporter_role_arn',
      'billing_invoice_exporter_service_account_annotations',
      'oidc_provider_arn',
      'reporting_report_writer_policy_arn',
      'reporting_report_writer_role_arn',
      'reporting_report_writer_service_account_annotations',
    ]);
    expect(output.billing_invoice_exporter_service_account_annotations).toEqual({
      description:
        'Annotations for service account billing/invoice-exporter, which is created elsewhere: put them into its Helm values or manifest',
      value: { 'eks.amazonaws.com/role-arn': '${aws_iam_role.billing_invoice_exporter.arn}' },
    });
  });

  it.each([
    ['one binding creates its service account', [validRawBinding({ createServiceAccount: false }), validRawBinding({ serviceAccount: 'other' })]],
    ['a binding creates its namespace only', [validRawBinding({ namespace: 'reporting', createNamespace: true, createServiceAccount: false })]],
  ])('GIVEN %s THEN the kubernetes provider is there, authenticated with the cluster token', (_, bindings) => {
    const terraform = synthesize(validRawConfig({ bindings }));
    expect(terraform.terraform.required_providers).toEqual(REQUIRED_PROVIDERS);
    expect(terraform.provider.kubernetes).toEqual([
      {
        host: '${data.aws_eks_cluster.this.endpoint}',
        cluster_ca_certificate: '${base64decode(data.aws_eks_cluster.this.certificate_authority[0].data)}',
        token: '${data.aws_eks_cluster_auth.this.token}',
      },
    ]);
    expect(terraform.data.aws_eks_cluster_auth.this.name).toBe('${data.aws_eks_cluster.this.name}');
  });

  it('GIVEN a mix THEN only the bindings that create theirs have a ServiceAccount', () => {
    const terraform = synthesize(validRawConfig({ bindings: [validRawBinding({ createServiceAccount: false }), validRawBinding({ serviceAccount: 'other' })] }));
    expect(Object.keys(terraform.resource.kubernetes_service_account_v1)).toEqual(['billing_other']);
    expect(terraform.output.billing_other_service_account).toBeDefined();
    expect(terraform.output.billing_other_service_account_annotations).toBeUndefined();
    expect(terraform.output.billing_invoice_exporter_service_account).toBeUndefined();
  });
});

describe('the example of every setting', () => {
  const terraform = synthesize(contractExample());

  it('keeps state in the S3 backend, locked by a lock file, and requires the Terraform that supports it', () => {
    expect(terraform.terraform.backend).toEqual({
      s3: { bucket: 'acme-tfstate', key: 'irsa/analytics.tfstate', region: 'eu-central-1', encrypt: true, use_lockfile: true },
    });
    expect(terraform.terraform.required_version).toBe('>= 1.11.0');
  });

  it('tags every AWS resource through the aws provider', () => {
    expect(terraform.provider.aws).toEqual([{ region: 'eu-central-1', default_tags: [{ tags: { team: 'data', 'cost-center': 'cc-42' } }] }]);
  });

  it("gives each role the project's settings, overridden key by key by the binding's", () => {
    const roles = terraform.resource.aws_iam_role;
    const settings = (role: Json) => ({ path: role.path, permissions_boundary: role.permissions_boundary, max_session_duration: role.max_session_duration });
    expect(settings(roles.etl_loader)).toEqual({ path: '/irsa/', permissions_boundary: 'arn:aws:iam::111122223333:policy/boundary', max_session_duration: 7200 });
    expect(settings(roles.bi_dashboards)).toEqual({ path: '/irsa/', permissions_boundary: 'arn:aws:iam::111122223333:policy/boundary', max_session_duration: 3600 });
  });

  it('creates the service account of etl/loader only, and gives the annotation of bi/dashboards as an output', () => {
    expect(Object.keys(terraform.resource.kubernetes_service_account_v1)).toEqual(['etl_loader']);
    expect(terraform.output.bi_dashboards_service_account_annotations.value).toEqual({ 'eks.amazonaws.com/role-arn': '${aws_iam_role.bi_dashboards.arn}' });
  });

  it('describes each policy by its grants', () => {
    const policies = terraform.resource.aws_iam_policy;
    expect(policies.etl_loader.description).toBe('S3 access to 2 bucket folders: read acme-raw prefix landing/; read-write acme-curated prefix tables/ (KMS)');
    expect(policies.bi_dashboards.description).toBe('S3 read access to acme-curated, prefix tables/reports/');
  });
});

describe('state backends', () => {
  it.each<[string, Record<string, unknown>, Json, string]>([
    [
      'a DynamoDB lock table',
      { bucket: 'acme-tfstate', key: 'irsa/payments.tfstate', dynamodbTable: 'terraform-locks' },
      { s3: { bucket: 'acme-tfstate', key: 'irsa/payments.tfstate', region: 'eu-west-1', encrypt: true, dynamodb_table: 'terraform-locks' } },
      '>= 1.5.0',
    ],
    [
      'both locks',
      { bucket: 'acme-tfstate', key: 'k.tfstate', dynamodbTable: 'terraform-locks', useLockfile: true },
      { s3: { bucket: 'acme-tfstate', key: 'k.tfstate', region: 'eu-west-1', encrypt: true, dynamodb_table: 'terraform-locks', use_lockfile: true } },
      '>= 1.11.0',
    ],
    [
      'another region, unencrypted, unlocked',
      { bucket: 'acme-tfstate', key: 'k.tfstate', region: 'us-east-1', encrypt: false, useLockfile: false },
      { s3: { bucket: 'acme-tfstate', key: 'k.tfstate', region: 'us-east-1', encrypt: false } },
      '>= 1.5.0',
    ],
  ])('GIVEN %s THEN the backend block is exactly that', (_, s3, backend, requiredVersion) => {
    const terraform = synthesize(validRawConfig({ backend: { s3 } }));
    expect(terraform.terraform.backend).toEqual(backend);
    expect(terraform.terraform.required_version).toBe(requiredVersion);
  });

  it('GIVEN no backend THEN state stays in a local file beside the module, and no tags are set', () => {
    const terraform = synthesize(validRawConfig());
    expect(terraform.terraform.backend).toEqual({ local: { path: 'terraform.tfstate' } });
    expect(terraform.terraform.required_version).toBe('>= 1.5.0');
    expect(terraform.provider.aws).toEqual([{ region: 'eu-west-1' }]);
    expect(terraform.resource.aws_iam_role.billing_invoice_exporter).not.toHaveProperty('path');
    expect(terraform.resource.aws_iam_role.billing_invoice_exporter).not.toHaveProperty('permissions_boundary');
    expect(terraform.resource.aws_iam_role.billing_invoice_exporter).not.toHaveProperty('max_session_duration');
  });
});
