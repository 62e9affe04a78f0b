/**
 * The create-irsa command: answers (config file, or flags and prompts) → validated config →
 * generated files → written project (or, with --dry-run, what would change; with --check, whether
 * generated/ is current). Returns the exit code; only the entry point exits.
 */
import { join, resolve } from 'node:path';
import { ConfigFileError, formatConfig, readConfigFile } from '../config/config-file';
import { IrsaConfig } from '../config/irsa-config';
import { ConfigIssue, InvalidConfigError } from '../config/invalid-config-error';
import { trimValue } from '../config/normalize';
import { checkAnswer, parseConfig, ParsedConfig } from '../config/parse-config';
import { readConfig } from '../config/read-config';
import { generateProject } from '../generate';
import { packageVersion } from '../package-root';
import { projectTerraformNames, withTerraformNames } from '../plan/terraform-names';
import { TemplateError } from '../policies/template-error';
import { generatedTerraformNames } from '../project/generated-terraform-names';
import { manifestConfig } from '../project/generated-manifest';
import { loadProject, loadProjectTemplates } from '../project/load-project';
import { describeFsError, isErrnoException } from '../project/target-errors';
import {
  assertReplaceable,
  CONFIG_FILE_NAME,
  GENERATED_DIR_NAME,
  inspectTarget,
  LockedProject,
  refusalMessage,
  TargetDirectoryError,
  TargetInspection,
} from '../project/write-project';
import { describeBinding, summarizeChanges } from '../review/change-summary';
import { directIdentitySwitches } from '../review/identity-switches';
import { projectFileChanges } from '../review/project-changes';
import { userTerraformFiles } from '../review/user-terraform-files';
import { projectFiles } from '../scaffold/project-files';
import { quoteValue } from '../text/quote-value';
import { addBinding, projectClusterAnswers, refuseProjectChanges } from './add-binding';
import { checkProject } from './check-project';
import { FIELD_FLAGS, flagForConfigKey } from './flags';
import { AnswerValue, flagsToRawConfig } from './flags-to-config';
import { helpText } from './help';
import { CliArgs, parseCliArgs, UsageError } from './parse-args';
import { printable } from './printable';
import { shownDir } from './shown-dir';
import { CancelledError, Prompter } from './prompts';
import { changeLines, dryRunReport, writtenFileLines } from './review-output';
import { keptList, nextSteps, projectListing, summary, writeWarnings } from './run-output';
import { collectAnswers, DEFAULT_PROJECT_DIR, flagsWithoutDefault, MissingAnswersError } from './wizard';

export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_INVALID = 2;
export const EXIT_CANCELLED = 130;

export interface CliIo {
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  /** Whether there is a terminal to ask on (stdin is a TTY and CI is not set). */
  readonly interactive: boolean;
  readonly prompter: Prompter;
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  // Errors, notes, folder names and file lists quote user input; none of it reaches the terminal
  // as control characters, on either stream.
  const safeIo: CliIo = { ...io, stdout: (text) => io.stdout(printable(text)), stderr: (text) => io.stderr(printable(text)) };
  try {
    return await run(argv, safeIo);
  } catch (error) {
    return reportError(error, safeIo);
  }
}

async function run(argv: readonly string[], io: CliIo): Promise<number> {
  const args = parseCliArgs(argv);
  if (args.help) {
    io.stdout(helpText(packageVersion(), flagsWithoutDefault(io.env)));
    return EXIT_OK;
  }
  if (args.version) {
    io.stdout(`${packageVersion()}\n`);
    return EXIT_OK;
  }
  if (args.check) {
    const dirArgument = args.dir ?? DEFAULT_PROJECT_DIR;
    return checkProject(resolve(io.cwd, trimValue(dirArgument)), shownDir(io.cwd, dirArgument), io);
  }
  const asking = io.interactive && !args.yes && !args.dryRun;

  const answers = await readAnswers(args, io);
  const shown = answers.shownDir;
  if (args.dryRun) return dryRun(answers, args, io, shown);

  // From here to the write, this run is the project's only writer: what it reads stays true.
  const project = await LockedProject.open(answers.dir, {
    lockWaitMs: lockWaitMs(io.env),
    onWait: (holder) =>
      io.stderr(`note: waiting for another create-irsa run${holder ? ` (pid ${holder.pid} on ${holder.hostname})` : ''} to finish writing ${shown}\n`),
  });
  try {
    const dir = project.dir;
    const { config, inspection, previous } = resolveAnswers(dir, project.inspect(), answers, args, io);
    const force = args.force || (inspection.state === 'foreign' && (await confirmForeignTarget(shown, inspection, asking, io.prompter)));

    const { plan, files: generated } = generateProject(config, loadProjectTemplates(dir));
    const scaffold = inspection.state === 'project' ? [] : projectFiles(config);
    if (asking) {
      io.stdout(summary(config, generated, project.planScaffold(scaffold).create, shown));
      const changes = previous ? summarizeChanges(previous, config) : undefined;
      if (changes) {
        io.stdout(changes.lines.length > 0 ? `\nChanges to ${shown}:\n${changeLines(previous, config).join('\n')}\n` : '\nNo binding changes.\n');
      }
      // Granting more is the change a reviewer must not wave through by pressing Enter.
      const widens = changes?.widens ?? false;
      const message = widens ? 'This widens access. Write these files?' : 'Write these files?';
      if (!(await io.prompter.confirm({ message, default: !widens }))) throw new CancelledError();
    }
    const before = projectFileChanges(dir, inspection.state, config, generated, []);
    const report = project.write({ config: formatConfig(config), generated, scaffold }, { force });
    const files = asking ? [] : writtenFileLines({ ...before, scaffold: report.created }, shown);
    io.stdout(nextSteps(plan, [...files, ...keptList(report, shown)], shown));
    for (const warning of [...directIdentitySwitches(previous, config), ...writeWarnings(report, dir, shown)]) io.stderr(`warning: ${warning}\n`);
    return EXIT_OK;
  } finally {
    project.close();
  }
}

interface Answers {
  readonly dir: string;
  /** The folder as messages show it (see shown-dir). */
  readonly shownDir: string;
  /** The answers, validated; from flags and the wizard, one binding. */
  readonly config: IrsaConfig;
  /** The config file they came from, if any. */
  readonly configPath?: string;
  /** Where they came from, for messages: the config file as given, or "flags". */
  readonly source: string;
}

/**
 * The validated answers and where they go: from a config file, or from flags and the wizard.
 * Questions are asked before the project is locked; the project itself is read under the lock.
 */
async function readAnswers(args: CliArgs, io: CliIo): Promise<Answers> {
  const projectDir = (dirArgument: string) => resolve(io.cwd, trimValue(dirArgument));
  const existingConfig = (dir: string) => (inspectTarget(dir).state === 'project' ? loadProject(dir).parsed.config : undefined);

  let dirArgument = args.dir ?? DEFAULT_PROJECT_DIR;
  let parsed: ParsedConfig;
  let asked: ReadonlySet<string> = new Set();
  const configPath = args.configFile === undefined ? undefined : resolve(io.cwd, args.configFile);
  if (configPath !== undefined) {
    parsed = readConfig(configPath, args.configFile as string);
  } else {
    // Flag values are judged before any question is asked, so a typo never costs a whole wizard.
    const flagIssues = flagValueIssues(args.fields);
    if (flagIssues.length > 0 && io.interactive) throw new InvalidConfigError(flagIssues, 'flags');
    const projectAnswers = (answer: string) => {
      const existing = existingConfig(projectDir(answer));
      if (!existing) return undefined;
      // A project-wide flag that would change the project is refused before its binding is asked for.
      if (flagIssues.length === 0) refuseProjectChanges(existing, args.fields, shownDir(io.cwd, answer));
      if (io.interactive && !args.yes) io.stdout(projectListing(existing, shownDir(io.cwd, answer)));
      return projectClusterAnswers(existing);
    };
    let answers: Awaited<ReturnType<typeof collectAnswers>>;
    try {
      answers = await collectAnswers(
        { dir: args.dir, fields: args.fields, yes: args.yes, interactive: io.interactive, env: io.env, projectAnswers },
        io.prompter,
        io.stdout,
      );
    } catch (error) {
      // Without a terminal nothing was asked: what is missing is said together with what is invalid.
      if (flagIssues.length > 0 && error instanceof MissingAnswersError) throw new InvalidConfigError([...flagIssues, ...error.issues()], 'flags');
      throw error;
    }
    if (flagIssues.length > 0) throw new InvalidConfigError(flagIssues, 'flags');
    dirArgument = answers.dir;
    asked = answers.asked;
    parsed = parseConfig(flagsToRawConfig(answers.fields), 'flags');
  }
  for (const note of parsed.notes) {
    const flag = configPath === undefined ? flagForConfigKey(note.field) : undefined;
    // What was typed at a prompt was noted right after the answer, in the wizard's words.
    if (flag && asked.has(flag.name) && !note.reason) continue;
    const where = flag ? `--${flag.name}` : note.field;
    io.stderr(
      note.reason
        ? `note: ${where}: ${quoteValue(note.from)} ${note.reason}, to ${quoteValue(note.to)}\n`
        : `note: ${where} ${quoteValue(note.from)} was read as ${quoteValue(note.to)}\n`,
    );
  }
  // `--prefix "$UNSET"` reads exactly as `--prefix ""`: the whole bucket is granted, and said so.
  const [grant] = parsed.config.bindings[0].s3;
  if (configPath === undefined && args.fields.get('prefix') === '') io.stderr(`note: --prefix is empty: grants the whole bucket ${grant.bucket}\n`);
  return { dir: projectDir(dirArgument), shownDir: shownDir(io.cwd, dirArgument), config: parsed.config, configPath, source: args.configFile ?? 'flags' };
}

interface Resolved {
  /** The whole config to write, with every binding's Terraform name decided. */
  readonly config: IrsaConfig;
  readonly inspection: TargetInspection;
  /** The config the project's generated/ was made from, to say what changes. */
  readonly previous?: IrsaConfig;
}

/**
 * With the project as it is now (under the lock, when writing): a config file is read again (it
 * may be the project's own irsa.config.json, which another run may just have rewritten) and
 * replaces the project's config; answers from flags and the wizard add their binding to the
 * project's config. Terraform names are decided here, once, against the project's: existing
 * bindings keep theirs.
 */
function resolveAnswers(dir: string, inspection: TargetInspection, answers: Answers, args: CliArgs, io: CliIo): Resolved {
  const isProject = inspection.state === 'project';
  const previous = isProject ? previousConfig(dir) : undefined;
  let config = answers.config;
  let project: IrsaConfig | undefined;
  if (answers.configPath !== undefined) {
    config = readConfig(answers.configPath, args.configFile as string).config;
    project = isProject ? replacedProjectConfig(dir) : undefined;
  } else if (isProject) {
    project = loadProject(dir).parsed.config;
    const added = addBinding(project, answers.config, answers.shownDir, new Set(args.fields.keys()));
    io.stdout(`This ${added.change}.\n`);
    const [binding] = answers.config.bindings;
    const replaced = project.bindings.find((old) => old.namespace === binding.namespace && old.serviceAccount === binding.serviceAccount);
    if (replaced) io.stdout(`  before: ${describeBinding(replaced, project)}\n  after:  ${describeBinding(binding, added.config)}\n`);
    config = added.config;
  }
  const names = project ? projectTerraformNames(project, generatedTerraformNames(dir, project.cluster.name)) : undefined;
  return { config: withTerraformNames(config, names, answers.source), inspection, previous };
}

/** --dry-run: everything but the lock and the write; prints what would change. */
function dryRun(answers: Answers, args: CliArgs, io: CliIo, shown: string): number {
  const { dir } = answers;
  const { config, inspection, previous } = resolveAnswers(dir, inspectTarget(dir), answers, args, io);
  // The run itself would refuse a foreign folder without --force: so does the rehearsal.
  if (inspection.state === 'foreign' && !args.force) throw new TargetDirectoryError(refusalMessage(shown, inspection), 'refused');
  // So would a linked generated/ or irsa.config.json.
  if (inspection.state !== 'new') assertReplaceable(dir);
  const { files } = generateProject(config, loadProjectTemplates(dir));
  const scaffold = inspection.state === 'project' ? [] : projectFiles(config).map((file) => file.path);
  const changes = projectFileChanges(dir, inspection.state, config, files, scaffold);
  const userFiles = inspection.state === 'project' ? userTerraformFiles(join(dir, GENERATED_DIR_NAME), config.cluster.name) : [];
  io.stdout(dryRunReport(previous, config, changes, userFiles, shown));
  for (const warning of directIdentitySwitches(previous, config)) io.stderr(`warning: ${warning}\n`);
  return EXIT_OK;
}

/**
 * The config a config file replaces, for the Terraform names its bindings have. A project whose
 * config no longer reads can still be replaced: it has no names to keep.
 */
function replacedProjectConfig(dir: string): IrsaConfig | undefined {
  try {
    return parseConfig(readConfigFile(join(dir, CONFIG_FILE_NAME)), CONFIG_FILE_NAME).config;
  } catch (error) {
    if (error instanceof ConfigFileError || error instanceof InvalidConfigError) return undefined;
    throw error;
  }
}

/**
 * The config the project's generated/ was made from (its manifest records it), else its
 * irsa.config.json: what a change is summarized against. None when neither reads.
 */
function previousConfig(dir: string): IrsaConfig | undefined {
  const recorded = manifestConfig(join(dir, GENERATED_DIR_NAME));
  const candidates: Array<() => unknown> = [() => recorded, () => readConfigFile(join(dir, CONFIG_FILE_NAME))];
  for (const candidate of candidates) {
    try {
      const raw = candidate();
      if (raw !== undefined) return parseConfig(raw).config;
    } catch {
      // try the next
    }
  }
  return undefined;
}

/** CREATE_IRSA_LOCK_WAIT_SECONDS: how long to wait for another run on the same project. */
function lockWaitMs(env: NodeJS.ProcessEnv): number | undefined {
  const seconds = Number(env.CREATE_IRSA_LOCK_WAIT_SECONDS);
  return env.CREATE_IRSA_LOCK_WAIT_SECONDS && Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : undefined;
}

/** A non-empty folder create-irsa did not make is written to only when the user says so. */
async function confirmForeignTarget(shownDir: string, inspection: TargetInspection, asking: boolean, prompter: Prompter): Promise<true> {
  if (!asking) throw new TargetDirectoryError(refusalMessage(shownDir, inspection), 'refused');
  const overwrite = await prompter.confirm({
    message: `${shownDir} is not empty and is not a create-irsa project. Write the project into it anyway?`,
    default: false,
  });
  if (!overwrite) throw new CancelledError();
  return true;
}

/** What is wrong with the values of the flags given, each judged on its own. */
function flagValueIssues(fields: ReadonlyMap<string, AnswerValue>): ConfigIssue[] {
  let raw: Record<string, unknown>;
  try {
    raw = flagsToRawConfig(fields);
  } catch (error) {
    if (error instanceof InvalidConfigError) return [...error.issues];
    throw error;
  }
  const issues: ConfigIssue[] = [];
  for (const flag of FIELD_FLAGS) {
    if (!fields.has(flag.name)) continue;
    const path = flag.field.path.replace(/\[\]/g, '[0]');
    issues.push(...checkAnswer(flag.field.path, valueAtPath(raw, path), path));
  }
  return issues;
}

/** The value at `a.b[0].c` of a raw config. */
function valueAtPath(raw: unknown, path: string): unknown {
  return path
    .replace(/\[(\d+)\]/g, '.$1')
    .split('.')
    .reduce<unknown>((node, key) => (node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined), raw);
}

function reportError(error: unknown, io: CliIo): number {
  if (error instanceof CancelledError) {
    io.stderr('cancelled; nothing was written.\n');
    return EXIT_CANCELLED;
  }
  if (error instanceof UsageError || error instanceof ConfigFileError || error instanceof MissingAnswersError) {
    io.stderr(`error: ${error.message}\n`);
    return EXIT_INVALID;
  }
  if (error instanceof InvalidConfigError) {
    const fromFlags = error.source === 'flags';
    const lines = error.issues.map((issue) => `  - ${describeField(issue, fromFlags)}: ${issue.message}`);
    const where = fromFlags ? '' : ` in ${error.source ?? 'the config'}`;
    io.stderr(`error: invalid input${where}; nothing was written.\n${lines.join('\n')}\n`);
    return EXIT_INVALID;
  }
  if (error instanceof TemplateError) {
    io.stderr(`error: ${error.message}; nothing was written.\n`);
    return EXIT_INVALID;
  }
  if (error instanceof TargetDirectoryError) {
    io.stderr(`error: ${error.message}\n`);
    return error.kind === 'refused' || error.kind === 'invalid' ? EXIT_INVALID : EXIT_FAILURE;
  }
  // Anything else is a bug or an unforeseen failure: one line, and the stack only when asked for.
  io.stderr(`error: create-irsa failed: ${unexpectedErrorLine(error)}\n`);
  if (io.env.CREATE_IRSA_DEBUG === '1' && error instanceof Error && error.stack) io.stderr(`${error.stack}\n`);
  return EXIT_FAILURE;
}

function unexpectedErrorLine(error: unknown): string {
  if (isErrnoException(error)) return describeFsError(error);
  if (error instanceof RangeError && /call stack/i.test(error.message)) return 'the input is nested too deeply to process';
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0];
}

function describeField(issue: ConfigIssue, fromFlags: boolean): string {
  const flag = fromFlags ? flagForConfigKey(issue.field) : undefined;
  return flag ? `--${flag.name} (${issue.field})` : issue.field;
}
