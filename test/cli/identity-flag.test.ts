/**
 * `--identity` on the built CLI: the binding's identity is written to the config, the module has
 * what that identity needs and nothing of the other, and the next steps say what the cluster needs.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { listFiles } from '../helpers/files';
import { runBuiltCli } from '../helpers/run-built-cli';
import { ISSUER, tempDir } from '../helpers/fixtures';

const FLAGS = [
  '--region', 'eu-west-1',
  '--cluster', 'payments',
  '--oidc-issuer', ISSUER,
  '--namespace', 'bi',
  '--service-account', 'dashboards',
  '--s3', 'acme-curated/tables/reports/:read',
  '--yes',
];

const AGENT_STEPS =
  'EKS Pod Identity needs the eks-pod-identity-agent add-on on cluster payments:\n' +
  '  aws eks create-addon --cluster-name payments --addon-name eks-pod-identity-agent --region eu-west-1\n';

/** The Terraform JSON files of the module, merged, and their text. */
function moduleOf(project: string): { terraform: Record<string, any>; text: string } { // eslint-disable-line @typescript-eslint/no-explicit-any
  const dir = join(project, 'generated/payments');
  const texts = readdirSync(dir)
    .filter((name) => name.endsWith('.tf.json'))
    .map((name) => readFileSync(join(dir, name), 'utf8'));
  return { terraform: Object.assign({}, ...texts.map((text) => JSON.parse(text))), text: texts.join('\n') };
}

describe('create-irsa --identity (built CLI)', () => {
  it('GIVEN --identity pod-identity THEN the binding records it, the module has an association and nothing of OIDC, and the next steps name the agent add-on', () => {
    const cwd = tempDir();
    const result = runBuiltCli(['p', ...FLAGS, '--identity', 'pod-identity'], cwd);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout.endsWith(AGENT_STEPS)).toBe(true);

    const config = JSON.parse(readFileSync(join(cwd, 'p/irsa.config.json'), 'utf8'));
    expect(config.bindings.map((binding: { identity?: string }) => binding.identity)).toEqual(['pod-identity']);

    const { terraform, text } = moduleOf(join(cwd, 'p'));
    expect(text.toLowerCase()).not.toContain('oidc');
    expect(Object.keys(terraform.resource).sort()).toEqual([
      'aws_eks_pod_identity_association',
      'aws_iam_policy',
      'aws_iam_role',
      'aws_iam_role_policy_attachment',
      'kubernetes_service_account_v1',
    ]);
    expect(terraform.resource.kubernetes_service_account_v1.bi_dashboards.metadata).toEqual({ name: 'dashboards', namespace: 'bi' });
    expect(terraform.resource.aws_eks_pod_identity_association.bi_dashboards.role_arn).toBe('${aws_iam_role.bi_dashboards.arn}');
    expect(Object.keys(terraform.check)).toEqual(['pod_identity_agent']);
  });

  it('GIVEN --identity both THEN the module has the OIDC provider, the annotation and the association, and the next steps name the agent add-on', () => {
    const cwd = tempDir();
    const result = runBuiltCli(['p', ...FLAGS, '--identity', 'both'], cwd);
    expect(result.status).toBe(0);
    expect(result.stdout.endsWith(AGENT_STEPS)).toBe(true);
    expect(JSON.parse(readFileSync(join(cwd, 'p/irsa.config.json'), 'utf8')).bindings[0].identity).toBe('both');
    const { terraform } = moduleOf(join(cwd, 'p'));
    expect(Object.keys(terraform.resource.aws_iam_openid_connect_provider)).toEqual(['this']);
    expect(terraform.resource.kubernetes_service_account_v1.bi_dashboards.metadata.annotations).toEqual({
      'eks.amazonaws.com/role-arn': '${aws_iam_role.bi_dashboards.arn}',
    });
    expect(Object.keys(terraform.resource.aws_eks_pod_identity_association)).toEqual(['bi_dashboards']);
  });

  it('GIVEN no --identity THEN the binding is IRSA and the next steps say nothing of the agent', () => {
    const cwd = tempDir();
    const result = runBuiltCli(['p', ...FLAGS], cwd);
    expect(result.status).toBe(0);
    expect(result.stdout).not.toContain('eks-pod-identity-agent');
    const { terraform } = moduleOf(join(cwd, 'p'));
    expect(terraform.resource.aws_eks_pod_identity_association).toBeUndefined();
    expect(terraform.check).toBeUndefined();
  });

  it.each(['bogus', 'Pod-Identity', 'podidentity', ''])('GIVEN --identity %j THEN it names --identity and the allowed values, exits 2 and writes nothing', (value) => {
    const cwd = tempDir();
    const result = runBuiltCli(['p', ...FLAGS, '--identity', value], cwd);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('error: invalid input; nothing was written.');
    expect(result.stderr).toMatch(/--identity \(bindings\[0\]\.identity\): .*"irsa", "pod-identity" or "both"/);
    expect(result.stderr).toContain('Example: pod-identity');
    expect(listFiles(cwd)).toEqual([]);
  });

  describe('moving a binding between IRSA and Pod Identity', () => {
    const SWITCH_WARNING =
      'warning: bi/dashboards moves from IRSA straight to EKS Pod Identity: one apply removes the IRSA trust and sets up EKS Pod Identity, ' +
      'so nothing shows that EKS Pod Identity works before IRSA is gone, and pods running now cannot renew their credentials until they ' +
      'restart. Safer: set "identity": "both" on the binding and apply, check that the workload still reaches S3, then set "pod-identity", ' +
      'apply and restart its pods at once (README: Moving a workload from IRSA to Pod Identity without downtime).\n';

    it.each([['a write', []], ['--dry-run', ['--dry-run']]])('GIVEN an IRSA binding WHEN %s moves it straight to Pod Identity THEN a warning says how to move without downtime', (_, mode) => {
      const cwd = tempDir();
      expect(runBuiltCli(['p', ...FLAGS], cwd).status).toBe(0);
      const result = runBuiltCli(['p', ...FLAGS, '--identity', 'pod-identity', ...mode], cwd);
      expect(result.status).toBe(0);
      expect(result.stderr).toBe(SWITCH_WARNING);
    });

    it('GIVEN an IRSA binding WHEN it goes through both, then Pod Identity THEN no step warns', () => {
      const cwd = tempDir();
      expect(runBuiltCli(['p', ...FLAGS], cwd).status).toBe(0);
      for (const identity of ['both', 'pod-identity']) {
        const result = runBuiltCli(['p', ...FLAGS, '--identity', identity], cwd);
        expect([result.status, result.stderr]).toEqual([0, '']);
      }
    });
  });
});
