/**
 * Adding a binding to a project never renames the Terraform blocks of the bindings it has:
 * through flags, through a hand-written config file, and for projects written by create-irsa 0.1.
 */
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ISSUER, tempDir, validRawBinding, validRawConfig } from '../helpers/fixtures';
import { runInProcess } from '../helpers/in-process-cli';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const FIXTURES = join(__dirname, '..', 'fixtures', 'legacy-0.1');

function flags(namespace: string, serviceAccount: string, cluster = 'payments'): string[] {
  return [
    '--region', 'eu-west-1', '--cluster', cluster, '--oidc-issuer', ISSUER, '--namespace', namespace,
    '--service-account', serviceAccount, '--bucket', 'acme-invoices', '--prefix', 'exports/', '--yes',
  ];
}

/** Terraform name of each service account's blocks, as the module in `dir` has them. */
function blockNames(dir: string, cluster = 'payments'): Record<string, string> {
  const main: Json = JSON.parse(readFileSync(join(dir, 'generated', cluster, 'main.tf.json'), 'utf8'));
  const namespaces: Json = main.resource.kubernetes_namespace_v1 ?? {};
  return Object.fromEntries(
    Object.entries(main.resource.kubernetes_service_account_v1 as Json).map(([name, account]) => {
      const reference = /^\$\{kubernetes_namespace_v1\.(.+)\.metadata\[0\]\.name\}$/.exec(account.metadata.namespace);
      const namespace = reference ? namespaces[reference[1]].metadata.name : account.metadata.namespace;
      return [`${namespace}/${account.metadata.name}`, name];
    }),
  );
}

function recordedNames(dir: string): Array<string | undefined> {
  return JSON.parse(readFileSync(join(dir, 'irsa.config.json'), 'utf8')).bindings.map((binding: Json) => binding.terraformName);
}

async function expectSuccess(run: Promise<{ code: number; stderr: string }>): Promise<void> {
  const { code, stderr } = await run;
  expect(stderr).toBe('');
  expect(code).toBe(0);
}

describe('Terraform names of a project', () => {
  it('GIVEN a project with a-b/c WHEN a/b-c is added with flags THEN a-b/c keeps its blocks and both names are recorded', async () => {
    const cwd = tempDir();
    await expectSuccess(runInProcess(['project', ...flags('a-b', 'c')], cwd));
    expect(blockNames(join(cwd, 'project'))).toEqual({ 'a-b/c': 'a_b_c' });

    await expectSuccess(runInProcess(['project', ...flags('a', 'b-c'), '--role-name', 'r2', '--policy-name', 'p2'], cwd));
    expect(blockNames(join(cwd, 'project'))).toEqual({ 'a-b/c': 'a_b_c', 'a/b-c': 'a_b_c_b88f83c8' });
    expect(recordedNames(join(cwd, 'project'))).toEqual(['a_b_c', 'a_b_c_b88f83c8']);
  });

  it('GIVEN a project WHEN a hand-written config without names replaces it THEN its bindings keep their blocks', async () => {
    const cwd = tempDir();
    const first = validRawConfig({ bindings: [validRawBinding({ namespace: 'a-b', serviceAccount: 'c' })] });
    writeFileSync(join(cwd, 'first.json'), JSON.stringify(first));
    await expectSuccess(runInProcess(['project', '--config', 'first.json', '--yes'], cwd));

    const second = validRawConfig({
      bindings: [validRawBinding({ namespace: 'a', serviceAccount: 'b-c', roleName: 'r2', policyName: 'p2' }), validRawBinding({ namespace: 'a-b', serviceAccount: 'c' })],
    });
    writeFileSync(join(cwd, 'second.json'), JSON.stringify(second));
    await expectSuccess(runInProcess(['project', '--config', 'second.json', '--yes'], cwd));
    expect(blockNames(join(cwd, 'project'))).toEqual({ 'a-b/c': 'a_b_c', 'a/b-c': 'a_b_c_b88f83c8' });
  });

  it('GIVEN a project written by 0.1 with colliding bindings WHEN a binding is added THEN no existing block is renamed', async () => {
    const cwd = tempDir();
    const project = join(cwd, 'project');
    cpSync(join(FIXTURES, 'colliding'), project, { recursive: true });
    const before = blockNames(project, 'shared');

    await expectSuccess(
      runInProcess(['project', '--region', 'us-east-1', '--cluster', 'shared', '--namespace', 'a-b', '--service-account', 'c-d', '--bucket', 'acme', '--prefix', 'in/', '--yes'], cwd),
    );
    expect(blockNames(project, 'shared')).toEqual({ ...before, 'a-b/c-d': 'a_b_c_d' });
    expect(recordedNames(project)).toEqual(['a_b_c_4e84717d', 'a_b_c_b88f83c8', 'x_y', 'a_b_c_d']);
  });

  it.each([
    ['oidc', 'provider-arn'],
    ['x', 'y-service-account'],
    ['x', 'y-role-arn'],
  ])('GIVEN a project with x/y WHEN %s/%s is added THEN both synthesize with their own blocks', async (namespace, serviceAccount) => {
    const cwd = tempDir();
    await expectSuccess(runInProcess(['project', ...flags('x', 'y')], cwd));
    await expectSuccess(runInProcess(['project', ...flags(namespace, serviceAccount)], cwd));
    expect(blockNames(join(cwd, 'project'))).toEqual({
      'x/y': 'x_y',
      [`${namespace}/${serviceAccount}`]: `${namespace}_${serviceAccount.replace(/-/g, '_')}`,
    });
  });

  it('GIVEN a config that gives a new binding the name of an existing one THEN it exits 2 naming both, and writes nothing', async () => {
    const cwd = tempDir();
    await expectSuccess(runInProcess(['project', ...flags('billing', 'invoice-exporter')], cwd));
    const before = readFileSync(join(cwd, 'project', 'irsa.config.json'), 'utf8');
    const config = validRawConfig({
      bindings: [validRawBinding(), validRawBinding({ namespace: 'other', serviceAccount: 'app', terraformName: 'billing_invoice_exporter' })],
    });
    writeFileSync(join(cwd, 'config.json'), JSON.stringify(config));

    const { code, stderr } = await runInProcess(['project', '--config', 'config.json', '--yes'], cwd);
    expect(code).toBe(2);
    expect(stderr).toContain('bindings[1].terraformName: "billing_invoice_exporter" is the Terraform name of bindings[0] (billing/invoice-exporter)');
    expect(readFileSync(join(cwd, 'project', 'irsa.config.json'), 'utf8')).toBe(before);
  });

  it('GIVEN a terraformName in the config THEN the blocks and outputs take it', async () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, 'config.json'), JSON.stringify(validRawConfig({ bindings: [validRawBinding({ terraformName: 'invoices' })] })));
    await expectSuccess(runInProcess(['project', '--config', 'config.json', '--yes'], cwd));
    expect(blockNames(join(cwd, 'project'))).toEqual({ 'billing/invoice-exporter': 'invoices' });
    const outputs: Json = JSON.parse(readFileSync(join(cwd, 'project/generated/payments/outputs.tf.json'), 'utf8')).output;
    expect(Object.keys(outputs).sort()).toEqual(['invoices_policy_arn', 'invoices_role_arn', 'invoices_service_account', 'oidc_provider_arn']);
  });
});

describe('a project of create-irsa 0.1 whose config is edited in place', () => {
  it('GIVEN a-b/c generated as a_b_c WHEN a/b-c is added to its irsa.config.json and it is generated again THEN a-b/c keeps a_b_c', async () => {
    const cwd = tempDir();
    const project = join(cwd, 'project');
    await expectSuccess(runInProcess(['project', ...flags('a-b', 'c')], cwd));
    // As 0.1 wrote it: no terraformName recorded.
    const config = JSON.parse(readFileSync(join(project, 'irsa.config.json'), 'utf8'));
    delete config.bindings[0].terraformName;
    config.bindings.push(validRawBinding({ namespace: 'a', serviceAccount: 'b-c', roleName: 'r2', policyName: 'p2' }));
    writeFileSync(join(project, 'irsa.config.json'), JSON.stringify(config));

    await expectSuccess(runInProcess(['project', '--config', 'project/irsa.config.json', '--yes'], cwd));
    expect(blockNames(project)).toEqual({ 'a-b/c': 'a_b_c', 'a/b-c': 'a_b_c_b88f83c8' });
    expect(recordedNames(project)).toEqual(['a_b_c', 'a_b_c_b88f83c8']);
  });
});
