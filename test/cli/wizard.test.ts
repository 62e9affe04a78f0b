/**
 * The wizard's questions, in process: runCli with a scripted prompter that answers each question
 * in turn and fails on any question the script does not expect.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../../src/cli/run-cli';
import { Prompter } from '../../src/cli/prompts';
import { ISSUER, KMS_KEY, tempDir } from '../helpers/fixtures';

type Answer = string | boolean;

/** Answers the questions in order: each step is a fragment of the expected message and the answer. */
class ScriptedPrompter implements Prompter {
  readonly asked: string[] = [];

  constructor(private readonly steps: Array<[string, Answer]>) {}

  private next(message: string): Answer {
    this.asked.push(message);
    const step = this.steps.shift();
    if (!step) throw new Error(`unexpected question ${JSON.stringify(message)}`);
    const [expected, answer] = step;
    if (!message.includes(expected)) throw new Error(`asked ${JSON.stringify(message)}, expected ${JSON.stringify(expected)}`);
    return answer;
  }

  async text(options: { message: string; default?: string; validate: (value: string) => string | undefined }): Promise<string> {
    const message = options.default === undefined ? options.message : `${options.message} (${options.default})`;
    const typed = String(this.next(message));
    // An empty answer takes the default, as Inquirer's input does, and the result is validated.
    const answer = typed === '' && options.default !== undefined ? options.default : typed;
    const problem = options.validate(answer);
    if (problem) throw new Error(`the answer ${JSON.stringify(answer)} to ${JSON.stringify(message)} was refused: ${problem}`);
    return answer;
  }

  async choose<T extends string | boolean>(options: { message: string; choices: ReadonlyArray<{ name: string; value: T }>; default: T }): Promise<T> {
    const answer = this.next(options.message);
    const choice = options.choices.find((candidate) => candidate.name === answer);
    if (!choice) throw new Error(`no choice ${JSON.stringify(answer)} in ${options.choices.map((candidate) => candidate.name).join(', ')}`);
    return choice.value;
  }

  async confirm(options: { message: string; default: boolean }): Promise<boolean> {
    return this.next(options.message) as boolean;
  }

  get unanswered(): string[] {
    return this.steps.map(([expected]) => expected);
  }
}

async function run(args: string[], steps: Array<[string, Answer]>, cwd = tempDir()) {
  const prompter = new ScriptedPrompter(steps);
  let stderr = '';
  let stdout = '';
  const code = await runCli(args, {
    cwd,
    env: { AWS_REGION: 'eu-west-1' },
    interactive: true,
    prompter,
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
  });
  return { code, stderr, stdout, prompter, cwd };
}

const configOf = (cwd: string, dir: string) => JSON.parse(readFileSync(join(cwd, dir, 'irsa.config.json'), 'utf8'));

/** The questions of a new project up to the grants. */
const CLUSTER_STEPS: Array<[string, Answer]> = [
  ['Project directory', 'p'],
  ['IRSA or EKS Pod Identity?', 'IRSA'],
  ['AWS region (eu-west-1)', ''],
  ['EKS cluster name', 'payments'],
  ['OIDC issuer URL (optional)', ISSUER],
  ["The cluster's IAM OIDC provider", 'Create it'],
  ['Kubernetes namespace (default)', 'etl'],
  ['Service account name', 'loader'],
];

describe('the wizard', () => {
  it('GIVEN a new project THEN it asks who creates the ServiceAccount, loops over buckets with a KMS key each, and writes the grants', async () => {
    const { code, stderr, stdout, prompter, cwd } = await run(
      [],
      [
        ...CLUSTER_STEPS,
        ['Who creates the ServiceAccount?', 'My Helm chart or manifests'],
        ['S3 bucket', 'acme-raw'],
        ['Folder (prefix) in s3://acme-raw/', 'landing'],
        ['Access', 'read'],
        ['KMS key ARN, if s3://acme-raw is encrypted with a customer managed key (optional)', ''],
        ['Add another bucket?', true],
        ['Another S3 bucket', 'acme-curated'],
        ['Folder (prefix) in s3://acme-curated/', 'tables/'],
        ['Access', 'read-write'],
        ['KMS key ARN, if s3://acme-curated is encrypted', KMS_KEY],
        ['Add another bucket?', true],
        ['Another S3 bucket', 'acme-logs'],
        ['Folder (prefix) in s3://acme-logs/', ''],
        ['Grant access to the whole bucket acme-logs?', true],
        ['Access', 'read'],
        ['KMS key ARN', ''],
        ['Add another bucket?', false],
        ['IAM role name (payments-etl-loader)', ''],
        ['IAM policy name (payments-etl-loader-s3)', ''],
        ['Organisation settings', false],
        ['Write these files?', true],
      ],
    );
    expect({ code, stderr, unanswered: prompter.unanswered }).toEqual({ code: 0, stderr: '', unanswered: [] });
    // The reading of a typed answer is noted right after it, in the wizard's words, not as a flag.
    expect(stdout).toContain('  Folder (prefix): "landing" is read as "landing/"\n');
    expect(stdout).not.toContain('--s3');
    expect(configOf(cwd, 'p').bindings).toEqual([
      {
        namespace: 'etl',
        serviceAccount: 'loader',
        s3: [
          { bucket: 'acme-raw', prefix: 'landing/', access: 'read' },
          { bucket: 'acme-curated', prefix: 'tables/', access: 'read-write', kmsKey: KMS_KEY },
          { bucket: 'acme-logs', prefix: '', access: 'read' },
        ],
        roleName: 'payments-etl-loader',
        policyName: 'payments-etl-loader-s3',
        terraformName: 'etl_loader',
        createNamespace: false,
        createServiceAccount: false,
      },
    ]);
  });

  it('GIVEN one plain bucket THEN the config keeps the one-grant shorthand of the first release', async () => {
    const { code, cwd } = await run(
      [],
      [
        ...CLUSTER_STEPS,
        ['Who creates the ServiceAccount?', 'create-irsa'],
        ['S3 bucket', 'acme-raw'],
        ['Folder (prefix)', 'landing/'],
        ['Access', 'read'],
        ['KMS key ARN', ''],
        ['Add another bucket?', false],
        ['IAM role name', ''],
        ['IAM policy name', ''],
        ['Organisation settings', false],
        ['Write these files?', true],
      ],
    );
    expect(code).toBe(0);
    expect(configOf(cwd, 'p')).toEqual({
      region: 'eu-west-1',
      cluster: { name: 'payments', oidcIssuer: ISSUER, createOidcProvider: true },
      bindings: [
        {
          namespace: 'etl',
          serviceAccount: 'loader',
          bucket: 'acme-raw',
          prefix: 'landing/',
          access: 'read',
          roleName: 'payments-etl-loader',
          policyName: 'payments-etl-loader-s3',
          terraformName: 'etl_loader',
          createNamespace: false,
        },
      ],
    });
  });

  it('GIVEN "Organisation settings?" answered yes THEN it asks role settings, tags and the state backend', async () => {
    const { code, prompter, cwd } = await run(
      ['p', '--s3', 'acme-raw/landing/', '--create-service-account'],
      [
        ['IRSA or EKS Pod Identity?', 'IRSA'],
        ['AWS region', ''],
        ['EKS cluster name', 'payments'],
        ['OIDC issuer URL', ''],
        ["The cluster's IAM OIDC provider", 'Reuse the existing one'],
        ['Kubernetes namespace', ''],
        ['Service account name', 'loader'],
        ['IAM role name', ''],
        ['IAM policy name', ''],
        ['Organisation settings', true],
        ['IAM path of the role (optional)', '/irsa/'],
        ['Permissions boundary policy ARN (optional)', 'arn:aws:iam::111122223333:policy/boundary'],
        ['Maximum session duration in seconds, 3600-43200 (optional)', '7200'],
        ['Tags on every AWS resource, as key=value separated by commas (optional)', 'team=data, cost-center=cc-42'],
        ['S3 bucket for the Terraform state (optional; blank keeps the state in a local file)', 'acme-tfstate'],
        ['Key of the state file in that bucket (irsa/payments.tfstate)', ''],
        ['Write these files?', true],
      ],
    );
    expect({ code, unanswered: prompter.unanswered }).toEqual({ code: 0, unanswered: [] });
    // --s3 and --create-service-account answered their questions.
    expect(prompter.asked.filter((message) => /S3 bucket$|Who creates|KMS|Add another/.test(message))).toEqual([]);
    const config = configOf(cwd, 'p');
    expect(config.role).toEqual({ path: '/irsa/', permissionsBoundary: 'arn:aws:iam::111122223333:policy/boundary', maxSessionDuration: 7200 });
    expect(config.tags).toEqual({ team: 'data', 'cost-center': 'cc-42' });
    expect(config.backend).toEqual({ s3: { bucket: 'acme-tfstate', key: 'irsa/payments.tfstate', region: 'eu-west-1', encrypt: true, useLockfile: true } });
  });

  it('GIVEN organisation settings given as flags THEN those are not asked again, the others are', async () => {
    const { code, prompter, cwd } = await run(
      ['p', '--region', 'eu-west-1', '--cluster', 'payments', '--oidc-issuer', '', '--create-oidc-provider', '--service-account', 'loader', '--no-create-service-account', '--bucket', 'acme-raw', '--prefix', 'in/', '--role-name', 'r', '--policy-name', 'p', '--role-path', '/irsa/', '--tag', 'team=data'],
      [
        ['IRSA or EKS Pod Identity?', 'IRSA'],
        ['Kubernetes namespace', ''],
        ['Organisation settings', true],
        ['Permissions boundary policy ARN (optional)', ''],
        ['Maximum session duration', ''],
        ['S3 bucket for the Terraform state', ''],
        ['Write these files?', true],
      ],
    );
    expect({ code, unanswered: prompter.unanswered }).toEqual({ code: 0, unanswered: [] });
    const config = configOf(cwd, 'p');
    expect(config.role).toEqual({ path: '/irsa/' });
    expect(config.tags).toEqual({ team: 'data' });
    expect(config).not.toHaveProperty('backend');
  });

  it("GIVEN an existing project THEN it asks only about the new binding, and keeps the project's settings", async () => {
    const cwd = tempDir();
    const first = await run(
      ['p', '--region', 'eu-west-1', '--cluster', 'payments', '--oidc-issuer', ISSUER, '--no-create-oidc-provider', '--service-account', 'loader', '--s3', 'acme-raw/in/', '--tag', 'team=data', '--role-path', '/irsa/', '--yes'],
      [],
      cwd,
    );
    expect(first.code).toBe(0);
    const { code, prompter } = await run(
      ['p'],
      [
        ['IRSA or EKS Pod Identity?', 'IRSA'],
        ['Kubernetes namespace (default)', 'bi'],
        ['Service account name', 'dashboards'],
        ['Who creates the ServiceAccount?', 'My Helm chart or manifests'],
        ['S3 bucket', 'acme-curated'],
        ['Folder (prefix)', 'reports/'],
        ['Access', 'read'],
        ['KMS key ARN', ''],
        ['Add another bucket?', false],
        ['IAM role name (payments-bi-dashboards)', ''],
        ['IAM policy name (payments-bi-dashboards-s3)', ''],
        ['Write these files?', true],
      ],
      cwd,
    );
    expect({ code, unanswered: prompter.unanswered }).toEqual({ code: 0, unanswered: [] });
    const config = configOf(cwd, 'p');
    expect(config.cluster).toEqual({ name: 'payments', oidcIssuer: ISSUER, createOidcProvider: false });
    expect(config.tags).toEqual({ team: 'data' });
    expect(config.role).toEqual({ path: '/irsa/' });
    expect(config.bindings.map((binding: { serviceAccount: string }) => binding.serviceAccount)).toEqual(['loader', 'dashboards']);
    expect(config.bindings[1].createServiceAccount).toBe(false);
  });
});
