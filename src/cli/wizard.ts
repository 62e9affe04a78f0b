/**
 * The questions of `create-irsa`, in order. Each is answered by its flag when given; otherwise by
 * its default when there is no terminal or with --yes; otherwise asked, with inline validation
 * by the same field rules as the flags and the config file.
 */
import { checkField, FieldName } from '../config/field-specs';
import { BindingIdentity, defaultPolicyName, defaultRoleName } from '../config/names';
import { Prompter } from './prompts';

export type AnswerValue = string | boolean;

export interface AnswerSources {
  /** The folder given as an argument, if any. */
  readonly dir?: string;
  /** Field flags that were given, by flag name. */
  readonly fields: ReadonlyMap<string, AnswerValue>;
  readonly yes: boolean;
  /** Whether there is a terminal to ask on. */
  readonly interactive: boolean;
  readonly env: NodeJS.ProcessEnv;
  /**
   * Answers an existing project already holds (its cluster), by flag name; they become the
   * defaults of their questions, so adding a binding to a project asks only about the binding.
   */
  readonly projectAnswers?: (dir: string) => ReadonlyMap<string, AnswerValue> | undefined;
}

export interface Answers {
  readonly dir: string;
  /** Every answer, by flag name, ready for flagsToRawConfig. */
  readonly fields: ReadonlyMap<string, AnswerValue>;
}

/** Questions without a default were neither answered by flags nor askable. */
export class MissingAnswersError extends Error {
  constructor(readonly flags: readonly string[]) {
    super(
      `Missing ${flags.map((flag) => `--${flag}`).join(', ')}, and there is no terminal to ask for ` +
        `${flags.length === 1 ? 'it' : 'them'}. Pass them as flags (see create-irsa --help) or use --config <file>.`,
    );
    this.name = 'MissingAnswersError';
  }
}

export const DEFAULT_PROJECT_DIR = 'irsa';
export const DIR_KEY = 'dir';

type Known = ReadonlyMap<string, AnswerValue>;

interface Question {
  /** The flag that answers it (or `dir` for the folder argument). */
  readonly key: string;
  /** Its default is derived from other answers, so it is never missing on its own. */
  readonly derived?: true;
  /** The default, given the answers so far; undefined when the question must be answered. */
  readonly fallback: (known: Known, env: NodeJS.ProcessEnv) => AnswerValue | undefined;
  readonly ask: (prompter: Prompter, fallback: AnswerValue | undefined, known: Known, note: (text: string) => void) => Promise<AnswerValue>;
}

/** Adapts a field rule to a prompt's validate. */
function rule(field: FieldName) {
  return (value: string) => {
    const check = checkField(field, value);
    return check.ok ? undefined : check.problem;
  };
}

function normalized(known: Known, key: string, field: FieldName): string | undefined {
  const value = known.get(key);
  if (typeof value !== 'string') return undefined;
  const check = checkField(field, value);
  return check.ok ? check.value : undefined;
}

function identity(known: Known) {
  const cluster = normalized(known, 'cluster', 'clusterName');
  const namespace = normalized(known, 'namespace', 'namespace');
  const serviceAccount = normalized(known, 'service-account', 'serviceAccount');
  return cluster && namespace && serviceAccount ? { cluster, namespace, serviceAccount } : undefined;
}

function textDefault(fallback: AnswerValue | undefined): string | undefined {
  return typeof fallback === 'string' && fallback !== '' ? fallback : undefined;
}

/** Role and policy names: their defaults derive from cluster, namespace and service account. */
function iamNameQuestion(key: string, message: string, field: FieldName, derive: (binding: BindingIdentity) => string): Question {
  return {
    key,
    derived: true,
    fallback: (known) => {
      const binding = identity(known);
      return binding ? derive(binding) : undefined;
    },
    ask: (prompter, fallback) => prompter.text({ message, default: textDefault(fallback), validate: rule(field) }),
  };
}

export const QUESTIONS: readonly Question[] = [
  {
    key: DIR_KEY,
    fallback: () => DEFAULT_PROJECT_DIR,
    ask: (prompter, fallback) =>
      prompter.text({
        message: 'Project directory',
        default: textDefault(fallback),
        validate: (value) => (value.trim() === '' ? 'must not be empty. Example: irsa' : undefined),
      }),
  },
  {
    key: 'region',
    fallback: (_, env) => env.AWS_REGION || env.AWS_DEFAULT_REGION || undefined,
    ask: (prompter, fallback) => prompter.text({ message: 'AWS region', default: textDefault(fallback), validate: rule('region') }),
  },
  {
    key: 'cluster',
    fallback: () => undefined,
    ask: (prompter, fallback) => prompter.text({ message: 'EKS cluster name', default: textDefault(fallback), validate: rule('clusterName') }),
  },
  {
    key: 'oidc-issuer',
    fallback: () => '',
    ask: (prompter, fallback, known, note) => {
      const cluster = normalized(known, 'cluster', 'clusterName') ?? '<cluster>';
      note(
        `  The cluster's OIDC issuer URL is printed by\n` +
          `    aws eks describe-cluster --name ${cluster} --query cluster.identity.oidc.issuer --output text\n` +
          '  Leave it blank to have Terraform read it from the cluster at plan time.\n',
      );
      return prompter.text({ message: 'OIDC issuer URL (optional)', default: textDefault(fallback), validate: rule('oidcIssuer') });
    },
  },
  {
    key: 'create-oidc-provider',
    fallback: () => true,
    ask: (prompter, fallback) =>
      prompter.choose({
        message: "The cluster's IAM OIDC provider",
        default: fallback === false ? false : true,
        choices: [
          { name: 'Create it', value: true, description: 'Terraform creates aws_iam_openid_connect_provider for the issuer.' },
          {
            name: 'Reuse the existing one',
            value: false,
            description:
              'An account holds one provider per issuer: if the cluster already has one (eksctl and most EKS modules create it), creating a second fails with EntityAlreadyExists.',
          },
        ],
      }),
  },
  {
    key: 'namespace',
    fallback: () => 'default',
    ask: (prompter, fallback) => prompter.text({ message: 'Kubernetes namespace', default: textDefault(fallback), validate: rule('namespace') }),
  },
  {
    key: 'service-account',
    fallback: () => undefined,
    ask: (prompter) => prompter.text({ message: 'Service account name', validate: rule('serviceAccount') }),
  },
  {
    key: 'bucket',
    fallback: () => undefined,
    ask: (prompter) => prompter.text({ message: 'S3 bucket', validate: rule('bucket') }),
  },
  {
    key: 'prefix',
    fallback: () => undefined,
    ask: async (prompter, _, known) => {
      const bucket = normalized(known, 'bucket', 'bucket') ?? 'the bucket';
      for (;;) {
        const prefix = await prompter.text({
          message: `Folder (prefix) in s3://${bucket}/ the workload may use; blank for the whole bucket`,
          validate: rule('prefix'),
        });
        if (prefix.trim() !== '') return prefix;
        // The whole bucket is never granted by a stray Enter.
        if (await prompter.confirm({ message: `Grant access to the whole bucket ${bucket}?`, default: false })) return '';
      }
    },
  },
  {
    key: 'access',
    fallback: () => 'read',
    ask: (prompter, fallback) =>
      prompter.choose({
        message: 'Access',
        default: fallback === 'read-write' ? 'read-write' : 'read',
        choices: [
          { name: 'read', value: 'read', description: 's3:GetObject, and listing, under the prefix' },
          { name: 'read-write', value: 'read-write', description: 'also put, delete and multipart uploads under the prefix' },
        ],
      }),
  },
  iamNameQuestion('role-name', 'IAM role name', 'roleName', defaultRoleName),
  iamNameQuestion('policy-name', 'IAM policy name', 'policyName', defaultPolicyName),
];

/** The flags that have no default in this environment: without a terminal they must be given. */
export function flagsWithoutDefault(env: NodeJS.ProcessEnv): Set<string> {
  const none = new Map<string, AnswerValue>();
  return new Set(QUESTIONS.filter((question) => !question.derived && question.fallback(none, env) === undefined).map((question) => question.key));
}

/**
 * Answers every question: from flags, from defaults (no terminal, or --yes), or by asking.
 * Throws MissingAnswersError, listing the flags, when an answer is needed and there is no terminal.
 */
export async function collectAnswers(sources: AnswerSources, prompter: Prompter, note: (text: string) => void): Promise<Answers> {
  const known = new Map<string, AnswerValue>(sources.fields);
  if (sources.dir !== undefined) known.set(DIR_KEY, sources.dir);
  const missing: string[] = [];
  let fromProject: ReadonlyMap<string, AnswerValue> | undefined;
  for (const question of QUESTIONS) {
    if (question.key !== DIR_KEY && fromProject === undefined) {
      fromProject = sources.projectAnswers?.(String(known.get(DIR_KEY))) ?? new Map();
    }
    if (known.has(question.key)) continue;
    const fallback = fromProject?.get(question.key) ?? question.fallback(known, sources.env);
    if (fallback !== undefined && (sources.yes || !sources.interactive)) {
      known.set(question.key, fallback);
    } else if (sources.interactive) {
      known.set(question.key, await question.ask(prompter, fallback, known, note));
    } else if (!question.derived) {
      missing.push(question.key);
    }
  }
  if (missing.length > 0) throw new MissingAnswersError(missing);
  const dir = String(known.get(DIR_KEY));
  known.delete(DIR_KEY);
  return { dir, fields: known };
}
