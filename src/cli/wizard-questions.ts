/**
 * The wizard's questions, in the order they are asked, each keyed by the flag that answers it.
 * Answers are validated by the config's field rules (checkField), so a value is judged the same
 * way whether it is typed here, given as a flag or written in a config file.
 */
import { checkField, FieldName } from '../config/field-specs';
import { quoteValue } from '../text/quote-value';
import { BindingIdentity, defaultPolicyName, defaultRoleName } from '../config/names';
import { MAX_SESSION_DURATION } from '../config/platform-rules';
import { AnswerValue } from './flags-to-config';
import { RawGrant } from './grant-flag';
import { Prompter } from './prompts';

export type Known = ReadonlyMap<string, AnswerValue>;

export const DEFAULT_PROJECT_DIR = 'irsa';
export const DIR_KEY = 'dir';
/** The identity of the project's cluster, from an existing project; not a flag. */
export const CLUSTER_IDENTITY_KEY = 'cluster-identity';
/** Whether to ask the organisation settings; a question of the wizard only, not a flag. */
export const SETTINGS_KEY = 'organisation-settings';

export interface AskContext {
  readonly prompter: Prompter;
  /** The default, given the answers so far; undefined when there is none. */
  readonly fallback: AnswerValue | undefined;
  readonly known: Known;
  /** Prints a hint before a question. */
  readonly note: (text: string) => void;
}

export interface Question {
  /** The flag that answers it (or an internal key such as `dir`). */
  readonly key: string;
  /** Its default is derived from other answers, so it is never missing on its own. */
  readonly derived?: true;
  /** Asked only when this holds. */
  readonly when?: (known: Known) => boolean;
  /** Whether flags (or the project) already answered it; by default, whether its key is known. */
  readonly answered?: (known: Known) => boolean;
  /** The default, given the answers so far; undefined when the question must be answered. */
  readonly fallback: (known: Known, env: NodeJS.ProcessEnv) => AnswerValue | undefined;
  /** The flags to name when it must be answered and cannot be asked; by default its key. */
  readonly missing?: (known: Known) => string[];
  readonly ask: (context: AskContext) => Promise<AnswerValue>;
  /** The field rule its typed answer follows, and the question's words: a changed reading is noted right after the answer. */
  readonly field?: FieldName;
  readonly label?: string;
  /** Records the answer; by default under its key. */
  readonly store?: (known: Map<string, AnswerValue>, answer: AnswerValue) => void;
}

/** Adapts a field rule to a prompt's validate. */
function rule(field: FieldName, optional = false) {
  return (value: string) => {
    if (optional && value.trim() === '') return undefined;
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

function identity(known: Known): BindingIdentity | undefined {
  const cluster = normalized(known, 'cluster', 'clusterName');
  const namespace = normalized(known, 'namespace', 'namespace');
  const serviceAccount = normalized(known, 'service-account', 'serviceAccount');
  return cluster && namespace && serviceAccount ? { cluster, namespace, serviceAccount } : undefined;
}

function textDefault(fallback: AnswerValue | undefined): string | undefined {
  return typeof fallback === 'string' && fallback !== '' ? fallback : undefined;
}

/** Stores an optional answer only when one was given: blank means "not set". */
function storeIfGiven(key: string) {
  return (known: Map<string, AnswerValue>, answer: AnswerValue) => {
    const blank = answer === '' || (Array.isArray(answer) && answer.length === 0);
    if (!blank) known.set(key, answer);
  };
}

/** Role and policy names: their defaults derive from cluster, namespace and service account. */
function iamNameQuestion(key: string, message: string, field: FieldName, derive: (binding: BindingIdentity) => string): Question {
  return {
    key,
    field,
    label: message,
    derived: true,
    fallback: (known) => {
      const binding = identity(known);
      return binding ? derive(binding) : undefined;
    },
    ask: ({ prompter, fallback }) => prompter.text({ message, default: textDefault(fallback), validate: rule(field) }),
  };
}

/** An optional organisation setting, asked only after "Organisation settings?" was answered yes. */
function settingQuestion(key: string, message: string, validate: (value: string) => string | undefined): Question {
  return {
    key,
    when: (known) => known.get(SETTINGS_KEY) === true,
    fallback: () => '',
    ask: ({ prompter }) => prompter.text({ message, validate }),
    store: storeIfGiven(key),
  };
}

async function askPrefix(prompter: Prompter, bucket: string): Promise<string> {
  for (;;) {
    const prefix = await prompter.text({
      message: `Folder (prefix) in s3://${bucket}/ the workload may use; blank for the whole bucket`,
      validate: (value) => (value === '' ? undefined : rule('prefix')(value)),
    });
    if (prefix !== '') return prefix;
    // The whole bucket is never granted by a stray Enter.
    if (await prompter.confirm({ message: `Grant access to the whole bucket ${bucket}?`, default: false })) return '';
  }
}

function askAccess(prompter: Prompter): Promise<string> {
  return prompter.choose({
    message: 'Access',
    default: 'read',
    choices: [
      { name: 'read', value: 'read', description: 's3:GetObject, and listing, under the prefix' },
      { name: 'read-write', value: 'read-write', description: 'also put, delete and multipart uploads under the prefix' },
    ],
  });
}

const SHORTHAND = ['bucket', 'prefix', 'access'] as const;

/**
 * The S3 grants: bucket, folder, access and KMS key, then "Add another bucket?". Flags answer it
 * with --s3, or with --bucket/--prefix/--access for one grant (the first grant's questions that
 * those flags answer are not asked).
 */
const GRANTS_QUESTION: Question = {
  key: 's3',
  answered: (known) => known.has('s3') || (known.has('bucket') && known.has('prefix')),
  fallback: () => undefined,
  missing: (known) => ['bucket', 'prefix'].filter((key) => !known.has(key)),
  ask: async ({ prompter, known, note }) => {
    const grants: RawGrant[] = [];
    for (;;) {
      const given = (key: string) => (grants.length === 0 && typeof known.get(key) === 'string' ? (known.get(key) as string) : undefined);
      const bucket =
        given('bucket') ?? (await prompter.text({ message: grants.length === 0 ? 'S3 bucket' : 'Another S3 bucket', validate: rule('bucket') }));
      const shownBucket = normalized(new Map([['bucket', bucket]]), 'bucket', 'bucket') ?? bucket;
      if (given('bucket') === undefined) noteReading(note, 'S3 bucket', 'bucket', bucket);
      const prefix = given('prefix') ?? (await askPrefix(prompter, shownBucket));
      if (given('prefix') === undefined) noteReading(note, 'Folder (prefix)', 'prefix', prefix);
      const access = given('access') ?? (await askAccess(prompter));
      const kmsKey = await prompter.text({
        message: `KMS key ARN, if s3://${shownBucket} is encrypted with a customer managed key (optional)`,
        validate: rule('kmsKey', true),
      });
      grants.push({ bucket, prefix, access, ...(kmsKey.trim() === '' ? {} : { kmsKey }) });
      if (!(await prompter.confirm({ message: 'Add another bucket?', default: false }))) return grants;
    }
  },
  store: (known, answer) => {
    const grants = answer as RawGrant[];
    for (const key of SHORTHAND) known.delete(key);
    // One plain grant keeps the one-grant shorthand, as the config file writes it.
    if (grants.length === 1 && grants[0].kmsKey === undefined) {
      const [{ bucket, prefix, access }] = grants;
      known.set('bucket', bucket);
      known.set('prefix', prefix);
      if (access !== undefined) known.set('access', access);
    } else {
      known.set('s3', grants);
    }
  },
};

export const QUESTIONS: readonly Question[] = [
  {
    key: DIR_KEY,
    fallback: () => DEFAULT_PROJECT_DIR,
    ask: ({ prompter, fallback }) =>
      prompter.text({
        message: 'Project directory',
        default: textDefault(fallback),
        validate: (value) => (value.trim() === '' ? 'must not be empty. Example: irsa' : undefined),
      }),
  },
  {
    key: 'identity',
    // The project's own default, so that a binding says its identity only where it differs.
    fallback: (known) => (known.get(CLUSTER_IDENTITY_KEY) === 'pod-identity' ? 'pod-identity' : 'irsa'),
    store: (known, answer) => {
      if (answer !== (known.get(CLUSTER_IDENTITY_KEY) ?? 'irsa')) known.set('identity', answer);
    },
    ask: ({ prompter, fallback }) =>
      prompter.choose({
        message: 'IRSA or EKS Pod Identity?',
        default: typeof fallback === 'string' ? fallback : 'irsa',
        choices: [
          { name: 'IRSA', value: 'irsa', description: "IAM Roles for Service Accounts: the role trusts the cluster's OIDC issuer; works on every EKS cluster." },
          {
            name: 'EKS Pod Identity',
            value: 'pod-identity',
            description: 'The role trusts EKS Pod Identity (no OIDC provider); needs the eks-pod-identity-agent add-on.',
          },
          { name: 'Both', value: 'both', description: 'While moving a running workload from IRSA to Pod Identity without downtime.' },
        ],
      }),
  },
  {
    key: 'region',
    label: 'AWS region',
    field: 'region',
    fallback: (_, env) => env.AWS_REGION || env.AWS_DEFAULT_REGION || undefined,
    ask: ({ prompter, fallback }) => prompter.text({ message: 'AWS region', default: textDefault(fallback), validate: rule('region') }),
  },
  {
    key: 'cluster',
    label: 'EKS cluster name',
    field: 'clusterName',
    fallback: () => undefined,
    ask: ({ prompter, fallback }) => prompter.text({ message: 'EKS cluster name', default: textDefault(fallback), validate: rule('clusterName') }),
  },
  {
    key: 'oidc-issuer',
    label: 'OIDC issuer URL',
    field: 'oidcIssuer',
    when: usesIrsa,
    fallback: () => '',
    ask: ({ prompter, fallback, known, note }) => {
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
    when: usesIrsa,
    fallback: () => true,
    ask: ({ prompter, fallback }) =>
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
    label: 'Kubernetes namespace',
    field: 'namespace',
    fallback: () => 'default',
    ask: ({ prompter, fallback }) => prompter.text({ message: 'Kubernetes namespace', default: textDefault(fallback), validate: rule('namespace') }),
  },
  {
    key: 'service-account',
    label: 'Service account name',
    field: 'serviceAccount',
    fallback: () => undefined,
    ask: ({ prompter }) => prompter.text({ message: 'Service account name', validate: rule('serviceAccount') }),
  },
  {
    key: 'create-service-account',
    fallback: () => true,
    ask: ({ prompter }) =>
      prompter.choose({
        message: 'Who creates the ServiceAccount?',
        default: true,
        choices: [
          { name: 'create-irsa', value: true, description: 'Terraform creates it, annotated with the role ARN.' },
          {
            name: 'My Helm chart or manifests',
            value: false,
            description: 'Terraform creates only the role; an output gives the annotation to put into the chart values.',
          },
        ],
      }),
  },
  GRANTS_QUESTION,
  iamNameQuestion('role-name', 'IAM role name', 'roleName', defaultRoleName),
  iamNameQuestion('policy-name', 'IAM policy name', 'policyName', defaultPolicyName),
  {
    key: SETTINGS_KEY,
    fallback: () => false,
    ask: ({ prompter }) =>
      prompter.confirm({ message: 'Organisation settings (role path, permissions boundary, session length, tags, state backend)?', default: false }),
  },
  settingQuestion('role-path', 'IAM path of the role (optional), e.g. /irsa/', rule('rolePath', true)),
  settingQuestion('permissions-boundary', 'Permissions boundary policy ARN (optional)', rule('permissionsBoundary', true)),
  settingQuestion('max-session-duration', `Maximum session duration in seconds, ${MAX_SESSION_DURATION.min}-${MAX_SESSION_DURATION.max} (optional)`, (value) => {
    if (value.trim() === '') return undefined;
    const seconds = Number(value.trim());
    return /^\d+$/.test(value.trim()) && seconds >= MAX_SESSION_DURATION.min && seconds <= MAX_SESSION_DURATION.max
      ? undefined
      : `must be a whole number from ${MAX_SESSION_DURATION.min} to ${MAX_SESSION_DURATION.max}. Example: ${MAX_SESSION_DURATION.example}`;
  }),
  {
    ...settingQuestion('tag', 'Tags on every AWS resource, as key=value separated by commas (optional)', (value) => tagsProblem(value)),
    ask: async ({ prompter }) => {
      const typed = await prompter.text({ message: 'Tags on every AWS resource, as key=value separated by commas (optional)', validate: tagsProblem });
      return splitTags(typed);
    },
  },
  settingQuestion('backend-s3-bucket', 'S3 bucket for the Terraform state (optional; blank keeps the state in a local file)', rule('bucket', true)),
  {
    key: 'backend-s3-key',
    label: 'Key of the state file',
    field: 'stateKey',
    when: (known) => typeof known.get('backend-s3-bucket') === 'string',
    fallback: (known) => `irsa/${normalized(known, 'cluster', 'clusterName') ?? 'cluster'}.tfstate`,
    ask: ({ prompter, fallback }) => prompter.text({ message: 'Key of the state file in that bucket', default: textDefault(fallback), validate: rule('stateKey') }),
  },
];

/** Says how a typed answer is read when normalization changed it, right after the answer. */
export function noteReading(note: (text: string) => void, label: string, field: FieldName, typed: string): void {
  const check = checkField(field, typed);
  if (check.ok && check.value !== '' && check.value !== typed.replace(/^[ \t\r\n]+|[ \t\r\n]+$/g, '')) {
    note(`  ${label}: ${quoteValue(typed)} is read as ${quoteValue(check.value)}\n`);
  }
}

/** Pod Identity needs no OIDC issuer or provider, so their questions are not asked. */
function usesIrsa(known: Known): boolean {
  return known.get('identity') !== 'pod-identity';
}

function splitTags(typed: string): string[] {
  return typed
    .split(',')
    .map((tag) => tag.trim())
    .filter((tag) => tag !== '');
}

/** Tags as typed in the wizard: each `key=value` judged by the tag rules. */
function tagsProblem(typed: string): string | undefined {
  for (const tag of splitTags(typed)) {
    const equals = tag.indexOf('=');
    if (equals < 0) return `${JSON.stringify(tag)} is not key=value. Example: team=data, cost-center=cc-42`;
    const problem = rule('tagKey')(tag.slice(0, equals)) ?? rule('tagValue')(tag.slice(equals + 1));
    if (problem) return problem;
  }
  return undefined;
}
