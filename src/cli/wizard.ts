/**
 * Answers the questions of `create-irsa`, in order (see wizard-questions.ts). Each is answered by
 * its flag when given; otherwise by its default when there is no terminal or with --yes;
 * otherwise asked, with inline validation by the same field rules as the flags and the config file.
 */
import { ConfigIssue } from '../config/invalid-config-error';
import { FIELD_FLAGS, FieldFlag } from './flags';
import { AnswerValue } from './flags-to-config';
import { Prompter } from './prompts';
import { CLUSTER_IDENTITY_KEY, DIR_KEY, Known, noteReading, QUESTIONS, SETTINGS_KEY } from './wizard-questions';

export { DEFAULT_PROJECT_DIR, DIR_KEY } from './wizard-questions';

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
   * The project-wide answers an existing project holds (cluster, organisation settings), by flag
   * name. They are taken as given, so adding a binding to a project asks only about the binding;
   * project-wide settings change only through --config.
   */
  readonly projectAnswers?: (dir: string) => ReadonlyMap<string, AnswerValue> | undefined;
}

export interface Answers {
  readonly dir: string;
  /** Every answer, by flag name, ready for flagsToRawConfig. */
  readonly fields: ReadonlyMap<string, AnswerValue>;
  /** Whether the folder is an existing project whose project-wide answers were used. */
  readonly fromProject: boolean;
  /** The keys answered at a prompt (their readings were noted there, in the wizard's words). */
  readonly asked: ReadonlySet<string>;
}

/** Questions without a default were neither answered by flags nor askable. */
export class MissingAnswersError extends Error {
  constructor(readonly flags: readonly string[]) {
    const named = missingFlags(flags).map(({ flag, or }) => `--${flag.name}${or ? ` (or ${or})` : ''}`);
    super(
      `Missing ${named.join(', ')}, and there is no terminal to ask for ` +
        `${named.length === 1 ? 'it' : 'them'}. Pass them as flags (see create-irsa --help) or use --config <file>.`,
    );
    this.name = 'MissingAnswersError';
  }

  /** Each missing answer as an issue of its config key, to be reported with the invalid ones. */
  issues(): ConfigIssue[] {
    return missingFlags(this.flags).map(({ flag, or }) => ({
      field: flag.field.path.replace(/\[\]/g, '[0]'),
      message: `is required${or ? ` (or ${or})` : ''}, and there is no terminal to ask for it. Example: --${flag.name} ${flag.example}`,
    }));
  }
}

/**
 * The missing flags as the user should give them. A grant is taught as `--s3 bucket/prefix`, so
 * when neither --bucket nor --prefix was given, --s3 is named first and they are its alternative.
 */
function missingFlags(names: readonly string[]): Array<{ readonly flag: FieldFlag; readonly or?: string }> {
  const grant = names.includes('bucket') && names.includes('prefix');
  const shown = grant ? names.filter((name) => name !== 'prefix').map((name) => (name === 'bucket' ? 's3' : name)) : names;
  return shown.map((name) => {
    const flag = FIELD_FLAGS.find((candidate) => candidate.name === name);
    if (!flag) throw new Error(`no flag --${name}`);
    return name === 's3' ? { flag, or: '--bucket and --prefix' } : { flag };
  });
}

/** The flags that have no default in this environment: without a terminal they must be given. */
export function flagsWithoutDefault(env: NodeJS.ProcessEnv): Set<string> {
  const none: Known = new Map();
  return new Set(
    QUESTIONS.filter((question) => !question.derived && (question.when?.(none) ?? true) && question.fallback(none, env) === undefined).flatMap(
      (question) => question.missing?.(none) ?? [question.key],
    ),
  );
}

/**
 * Answers every question: from flags, from the project, from defaults (no terminal, or --yes), or
 * by asking. Throws MissingAnswersError, listing the flags, when an answer is needed and there is
 * no terminal.
 */
export async function collectAnswers(sources: AnswerSources, prompter: Prompter, note: (text: string) => void): Promise<Answers> {
  const known = new Map<string, AnswerValue>(sources.fields);
  if (sources.dir !== undefined) known.set(DIR_KEY, sources.dir);
  const missing: string[] = [];
  const asked = new Set<string>();
  let fromProject: ReadonlyMap<string, AnswerValue> | undefined;
  for (const question of QUESTIONS) {
    if (question.key !== DIR_KEY && fromProject === undefined) {
      fromProject = sources.projectAnswers?.(String(known.get(DIR_KEY))) ?? new Map();
      for (const [key, value] of fromProject) if (!known.has(key)) known.set(key, value);
      // A project's organisation settings are its own; they are not offered again.
      if (fromProject.size > 0 && !known.has(SETTINGS_KEY)) known.set(SETTINGS_KEY, false);
    }
    if (question.answered?.(known) ?? known.has(question.key)) continue;
    if (question.when && !question.when(known)) continue;
    const fallback = question.fallback(known, sources.env);
    let answer: AnswerValue | undefined;
    if (fallback !== undefined && (sources.yes || !sources.interactive)) {
      answer = fallback;
    } else if (sources.interactive) {
      answer = await question.ask({ prompter, fallback, known, note });
      asked.add(question.key);
      // The grants question asks bucket, prefix and access itself, and notes their readings.
      if (question.key === 's3') for (const key of ['bucket', 'prefix', 'access']) asked.add(key);
      if (question.field && typeof answer === 'string') noteReading(note, question.label ?? question.key, question.field, answer);
    } else if (!question.derived) {
      missing.push(...(question.missing?.(known) ?? [question.key]));
    }
    if (answer !== undefined) (question.store ?? ((map, value) => map.set(question.key, value)))(known, answer);
  }
  if (missing.length > 0) throw new MissingAnswersError(missing);
  const dir = String(known.get(DIR_KEY));
  known.delete(DIR_KEY);
  known.delete(SETTINGS_KEY);
  known.delete(CLUSTER_IDENTITY_KEY);
  return { dir, fields: known, fromProject: (fromProject?.size ?? 0) > 0, asked };
}
