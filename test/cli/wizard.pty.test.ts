/**
 * The wizard as a person uses it: the built CLI in a real pseudo-terminal, typed at.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { listFiles } from '../helpers/files';
import { ISSUER, KMS_KEY, tempDir } from '../helpers/fixtures';
import { KEYS, PtySession } from '../helpers/pty-session';
import { CLI_PATH } from '../helpers/run-built-cli';

const { enter, down, escape, ctrlC } = KEYS;

afterEach(() => PtySession.killAll());

/** Flags that answer every question, so only "Organisation settings?" and the final confirmations remain. */
const EVERY_ANSWER = ['--identity', 'irsa', '--region', 'eu-west-1', '--cluster', 'payments', '--namespace', 'billing', '--service-account', 'x', '--create-service-account', '--bucket', 'acme-invoices', '--prefix', 'a/', '--access', 'read', '--oidc-issuer', '', '--create-oidc-provider', '--role-name', 'r', '--policy-name', 'p'];
/** The one question no flag answers: whether to set organisation settings (default no). */
const SETTINGS_QUESTION = 'Organisation settings (role path, permissions boundary, session length, tags, state backend)? (y/N)';

describe('the wizard in a terminal', () => {
  it('asks every question in order, re-asks a wrong answer with the rule, shows both policies, then writes the project', async () => {
    const cwd = tempDir();
    const wizard = new PtySession([], { cwd, env: { AWS_REGION: 'eu-west-1', AWS_DEFAULT_REGION: '' } });
    await wizard.answer('Project directory (irsa)', `payments-irsa${enter}`);
    await wizard.answer('IRSA or EKS Pod Identity?', enter);
    await wizard.answer('AWS region (eu-west-1)', enter);
    await wizard.answer('EKS cluster name', `Payments Cluster${enter}`);
    await wizard.answer('"Payments Cluster" is not a valid EKS cluster name', `${KEYS.ctrlU}payments${enter}`);
    await wizard.answer('aws eks describe-cluster --name payments --query cluster.identity.oidc.issuer --output text', '');
    await wizard.answer('OIDC issuer URL (optional)', `${ISSUER}/${enter}`);
    await wizard.answer("The cluster's IAM OIDC provider", `${down}`);
    await wizard.answer('creating a second fails', enter);
    await wizard.answer('Kubernetes namespace (default)', `billing${enter}`);
    await wizard.answer('Service account name', `invoice-exporter${enter}`);
    await wizard.answer('Who creates the ServiceAccount?', down);
    await wizard.answer('an output gives the annotation to put into the chart values', enter);
    await wizard.answer('S3 bucket', `acme-invoices${enter}`);
    await wizard.answer('Folder (prefix) in s3://acme-invoices/', enter);
    await wizard.answer('Grant access to the whole bucket acme-invoices? (y/N)', enter);
    await wizard.answer('Folder (prefix) in s3://acme-invoices/', `exports${enter}`);
    await wizard.answer('Access', `${down}${enter}`);
    await wizard.answer('KMS key ARN, if s3://acme-invoices is encrypted with a customer managed key (optional)', `arn:aws:kms:eu-west-1:111122223333:alias/invoices${enter}`);
    await wizard.answer('is not a KMS key ARN: an alias can be pointed at another key later', `${KEYS.ctrlU}${KMS_KEY}${enter}`);
    await wizard.answer('Add another bucket? (y/N)', `y${enter}`);
    await wizard.answer('Another S3 bucket', `acme-archive${enter}`);
    await wizard.answer('Folder (prefix) in s3://acme-archive/', `2026${enter}`);
    await wizard.answer('Access', enter);
    await wizard.answer('KMS key ARN, if s3://acme-archive is encrypted', enter);
    await wizard.answer('Add another bucket? (y/N)', enter);
    await wizard.answer('IAM role name (payments-billing-invoice-exporter)', enter);
    await wizard.answer('IAM policy name (payments-billing-invoice-exporter-s3)', enter);
    await wizard.answer('Organisation settings (role path, permissions boundary, session length, tags, state backend)? (y/N)', `y${enter}`);
    await wizard.answer('IAM path of the role (optional)', `/irsa/${enter}`);
    await wizard.answer('Permissions boundary policy ARN (optional)', enter);
    await wizard.answer('Maximum session duration in seconds, 3600-43200 (optional)', `7200.5${enter}`);
    await wizard.answer('must be a whole number from 3600 to 43200', `${KEYS.ctrlU}7200${enter}`);
    await wizard.answer('Tags on every AWS resource, as key=value separated by commas (optional)', `team=data, cost-center=cc-42${enter}`);
    await wizard.answer('S3 bucket for the Terraform state (optional; blank keeps the state in a local file)', enter);
    await wizard.answer('Files to write:', '');
    await wizard.answer('Trust policy of role payments-billing-invoice-exporter', '');
    await wizard.answer('"system:serviceaccount:billing:invoice-exporter"', '');
    await wizard.answer('S3 policy payments-billing-invoice-exporter-s3', '');
    await wizard.answer('"s3:PutObject"', '');
    await wizard.answer('"UseKmsKeyThroughS3"', '');
    await wizard.answer('"ReadObjectsGrant2"', '');
    await wizard.answer('Write these files? (Y/n)', enter);
    await wizard.answer('Next steps:', '');
    expect(await wizard.exitCode()).toBe(0);

    const project = join(cwd, 'payments-irsa');
    expect(listFiles(project)).toContain('generated/payments/policies/billing/invoice-exporter/s3_policy.json');
    expect(JSON.parse(readFileSync(join(project, 'irsa.config.json'), 'utf8'))).toEqual({
      region: 'eu-west-1',
      cluster: { name: 'payments', oidcIssuer: ISSUER, createOidcProvider: false },
      tags: { team: 'data', 'cost-center': 'cc-42' },
      role: { path: '/irsa/', maxSessionDuration: 7200 },
      bindings: [
        {
          namespace: 'billing',
          serviceAccount: 'invoice-exporter',
          s3: [
            { bucket: 'acme-invoices', prefix: 'exports/', access: 'read-write', kmsKey: KMS_KEY },
            { bucket: 'acme-archive', prefix: '2026/', access: 'read' },
          ],
          roleName: 'payments-billing-invoice-exporter',
          policyName: 'payments-billing-invoice-exporter-s3',
          terraformName: 'billing_invoice_exporter',
          createNamespace: false,
          createServiceAccount: false,
        },
      ],
    });
  });

  it('shows a hostile default escaped, refuses a prefix that only looks empty, and grants the whole bucket only when confirmed', async () => {
    const cwd = tempDir();
    const region = 'eu-west-1\u001b]0;pwned\u0007';
    const wizard = new PtySession(['out', '--cluster', 'payments', '--namespace', 'billing', '--service-account', 'x', '--bucket', 'acme-invoices'], {
      cwd,
      env: { AWS_REGION: region },
    });
    await wizard.answer('IRSA or EKS Pod Identity?', enter);
    await wizard.answer('AWS region (eu-west-1\\u001b]0;pwned\\u0007)', enter);
    await wizard.answer('"eu-west-1\\\\u001b]0;pwned\\\\u0007" is not an AWS region code', `${KEYS.ctrlU}eu-west-1${enter}`);
    await wizard.answer('OIDC issuer URL (optional)', enter);
    await wizard.answer("The cluster's IAM OIDC provider", enter);
    await wizard.answer('Who creates the ServiceAccount?', enter);
    await wizard.answer('Folder (prefix) in s3://acme-invoices/', `\u3000${enter}`);
    await wizard.answer('"\\u3000" is only whitespace or invisible characters; to grant the whole bucket, give an empty prefix', `${KEYS.ctrlU}${enter}`);
    await wizard.answer('Grant access to the whole bucket acme-invoices? (y/N)', `y${enter}`);
    await wizard.answer('Access', enter);
    await wizard.answer('KMS key ARN', enter);
    await wizard.answer('Add another bucket? (y/N)', enter);
    await wizard.answer('IAM role name', enter);
    await wizard.answer('IAM policy name', enter);
    await wizard.answer(SETTINGS_QUESTION, enter);
    await wizard.answer('Write these files? (Y/n)', enter);
    expect(await wizard.exitCode()).toBe(0);
    expect(wizard.output).not.toContain('\u001b]0;pwned');
    const config = JSON.parse(readFileSync(join(cwd, 'out/irsa.config.json'), 'utf8'));
    expect(config.region).toBe('eu-west-1');
    expect(config.bindings[0].prefix).toBe('');
  });

  it('skips the questions that flags answer, and --yes takes the defaults of the rest', async () => {
    const cwd = tempDir();
    const wizard = new PtySession(['out', '--cluster', 'payments', '--bucket', 'acme-invoices', '--prefix', 'exports/', '--yes'], {
      cwd,
      env: { AWS_REGION: 'eu-west-1' },
    });
    await wizard.answer('Service account name', `invoice-exporter${enter}`);
    expect(await wizard.exitCode()).toBe(0);
    for (const skipped of ['Project directory', 'AWS region', 'EKS cluster name', 'OIDC issuer', 'Kubernetes namespace', 'S3 bucket', 'Write these files?']) {
      expect(wizard.screen).not.toContain(skipped);
    }
    const config = JSON.parse(readFileSync(join(cwd, 'out/irsa.config.json'), 'utf8'));
    expect(config.bindings[0]).toMatchObject({ namespace: 'default', serviceAccount: 'invoice-exporter', access: 'read' });
  });

  it("on an existing project, asks only about the new binding: the project's settings are not asked again", async () => {
    const cwd = tempDir();
    const withIssuer = EVERY_ANSWER.map((value, index) => (EVERY_ANSWER[index - 1] === '--oidc-issuer' ? ISSUER : value));
    const first = new PtySession(['p', ...withIssuer, '--tag', 'team=data', '--yes'], { cwd });
    expect(await first.exitCode()).toBe(0);
    const wizard = new PtySession(['p'], { cwd, env: { AWS_REGION: '', AWS_DEFAULT_REGION: '' } });
    await wizard.answer('p is the project of EKS cluster payments in eu-west-1, with 1 binding:', '');
    await wizard.answer('billing/x -> read s3://acme-invoices/a/ (IRSA)', '');
    await wizard.answer('IRSA or EKS Pod Identity?', enter);
    await wizard.answer('Kubernetes namespace (default)', `billing${enter}`);
    await wizard.answer('Service account name', `report-writer${enter}`);
    await wizard.answer('Who creates the ServiceAccount?', enter);
    await wizard.answer('S3 bucket', `acme-reports${enter}`);
    await wizard.answer('Folder (prefix)', `monthly${enter}`);
    await wizard.answer('Access', enter);
    await wizard.answer('KMS key ARN', enter);
    await wizard.answer('Add another bucket? (y/N)', enter);
    await wizard.answer('IAM role name (payments-billing-report-writer)', enter);
    await wizard.answer('IAM policy name', enter);
    await wizard.answer('This adds the binding of billing/report-writer to the 1 already in p.', '');
    await wizard.answer('+ billing/report-writer (read s3://acme-reports/monthly/)', '');
    // A new binding grants more: the default is No, so Enter alone would not write it.
    await wizard.answer('This widens access. Write these files? (y/N)', `y${enter}`);
    expect(await wizard.exitCode()).toBe(0);
    for (const notAsked of ['AWS region', 'EKS cluster name', 'OIDC issuer URL', "The cluster's IAM OIDC provider", 'Organisation settings']) {
      expect(wizard.screen).not.toContain(notAsked);
    }
    const config = JSON.parse(readFileSync(join(cwd, 'p/irsa.config.json'), 'utf8'));
    expect(config.cluster.oidcIssuer).toBe(ISSUER);
    expect(config.tags).toEqual({ team: 'data' });
    expect(config.bindings.map((binding: { serviceAccount: string }) => binding.serviceAccount)).toEqual(['x', 'report-writer']);
  });

  it('with --config on a terminal, asks nothing but shows the summary and waits for confirmation', async () => {
    const cwd = tempDir();
    const config = { region: 'eu-west-1', cluster: { name: 'payments' }, bindings: [{ namespace: 'billing', serviceAccount: 'a', bucket: 'acme-invoices', prefix: 'x/' }] };
    writeFileSync(join(cwd, 'c.json'), JSON.stringify(config));
    const wizard = new PtySession(['out', '--config', 'c.json'], { cwd });
    await wizard.answer('Trust policy of role payments-billing-a', '');
    await wizard.answer('Write these files? (Y/n)', enter);
    expect(await wizard.exitCode()).toBe(0);
    expect(wizard.screen).not.toContain('Project directory');
    expect(JSON.parse(readFileSync(join(cwd, 'out/irsa.config.json'), 'utf8')).bindings[0].prefix).toBe('x/');
  });

  it.each([
    ['Ctrl-C', ctrlC],
    ['Esc', escape],
  ])('%s at a prompt: exit 130, "cancelled", nothing written', async (_, key) => {
    const cwd = tempDir();
    const wizard = new PtySession(['out'], { cwd, env: { AWS_REGION: 'eu-west-1' } });
    await wizard.answer('IRSA or EKS Pod Identity?', enter);
    await wizard.answer('AWS region', enter);
    await wizard.answer('EKS cluster name', key);
    expect(await wizard.exitCode()).toBe(130);
    expect(wizard.screen).toContain('cancelled; nothing was written.');
    expect(listFiles(cwd)).toEqual([]);
  });

  it('declining the summary writes nothing and exits 130', async () => {
    const cwd = tempDir();
    const wizard = new PtySession(['out', ...EVERY_ANSWER], { cwd });
    await wizard.answer(SETTINGS_QUESTION, enter);
    await wizard.answer('Write these files? (Y/n)', `n${enter}`);
    expect(await wizard.exitCode()).toBe(130);
    expect(existsSync(join(cwd, 'out'))).toBe(false);
  });

  it('asks before writing into a non-empty folder that is not a create-irsa project, and the default is no', async () => {
    const cwd = tempDir();
    mkdirSync(join(cwd, 'out'));
    writeFileSync(join(cwd, 'out', 'main.tf'), 'resource "x" "y" {}\n');
    const wizard = new PtySession(['out', ...EVERY_ANSWER], { cwd });
    await wizard.answer(SETTINGS_QUESTION, enter);
    await wizard.answer('out is not empty and is not a create-irsa project. Write the project into it anyway? (y/N)', enter);
    expect(await wizard.exitCode()).toBe(130);
    expect(listFiles(join(cwd, 'out'))).toEqual(['main.tf']);
  });

  it('with CI set, even on a terminal, asks nothing: it lists the missing flags and exits 2', async () => {
    const wizard = new PtySession(['out', '--region', 'eu-west-1'], { cwd: tempDir(), env: { CI: 'true' } });
    expect(await wizard.exitCode(5000)).toBe(2);
    expect(wizard.screen).toContain('Missing --cluster, --service-account, --s3 (or --bucket and --prefix), and there is no terminal to ask for them.');
  });
});

describe('without a terminal', () => {
  it('never waits for input: with stdin left open, it lists the missing flags and exits 2', async () => {
    const env = { ...process.env };
    delete env.CI;
    delete env.AWS_REGION;
    delete env.AWS_DEFAULT_REGION;
    const child = spawn(process.execPath, [CLI_PATH, 'out'], { cwd: tempDir(), env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    clearTimeout(timer);
    expect(code).toBe(2);
    expect(stderr).toContain('Missing --region, --cluster, --service-account, --s3 (or --bucket and --prefix),');
  });
});
