/**
 * The create-irsa command: answers (config file, or flags and prompts) → validated config →
 * generated files → written project. Returns the exit code; only the entry point exits.
 */
import { join, relative, resolve } from 'node:path';
import { ConfigFileError, formatConfig, readConfigFile } from '../config/config-file';
import { checkField } from '../config/field-specs';
import { IrsaConfig } from '../config/irsa-config';
import { ConfigIssue, InvalidConfigError } from '../config/invalid-config-error';
import { parseConfig, ParsedConfig } from '../config/parse-config';
import { generateModules } from '../generate';
import { packageVersion } from '../package-root';
import { TemplateError } from '../policies/render-json-template';
import { loadProject, loadProjectTemplates } from '../project/load-project';
import {
  CONFIG_FILE_NAME,
  GENERATED_DIR_NAME,
  inspectTarget,
  LockedProject,
  MANIFEST_FILE_NAME,
  refusalMessage,
  TargetDirectoryError,
  TargetInspection,
  WriteReport,
} from '../project/write-project';
import { describeFsError, isErrnoException } from '../project/target-errors';
import { keptFileAdvice } from '../scaffold/kept-file-advice';
import { projectFiles } from '../scaffold/project-files';
import { GeneratedFile, S3_POLICY_FILE, TRUST_POLICY_FILE } from '../synth/module-files';
import { FIELD_FLAGS, flagForConfigKey } from './flags';
import { flagsToRawConfig } from './flags-to-config';
import { helpText } from './help';
import { CliArgs, parseCliArgs, UsageError } from './parse-args';
import { printable } from './printable';
import { CancelledError, Prompter } from './prompts';
import { addBinding, projectClusterAnswers } from './add-binding';
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
  // Errors and notes quote user input; none of it reaches the terminal as control characters.
  const safeIo: CliIo = { ...io, stderr: (text) => io.stderr(printable(text)) };
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
  const asking = io.interactive && !args.yes;
  const shown = (path: string) => relative(io.cwd, path) || '.';

  const answers = await readAnswers(args, io);
  // From here to the write, this run is the project's only writer: what it reads stays true.
  const project = await LockedProject.open(answers.dir, {
    lockWaitMs: lockWaitMs(io.env),
    onWait: (holder) =>
      io.stderr(`note: waiting for another create-irsa run${holder ? ` (pid ${holder.pid} on ${holder.hostname})` : ''} to finish writing ${shown(answers.dir)}\n`),
  });
  try {
    const dir = project.dir;
    const { config, inspection } = resolveAnswers(project, answers, args, io);
    const force = args.force || (inspection.state === 'foreign' && (await confirmForeignTarget(shown(dir), inspection, asking, io.prompter)));

    const generated = generateModules(config, loadProjectTemplates(dir));
    const scaffold = inspection.state === 'project' ? [] : projectFiles(config);
    if (asking) {
      const planned = project.planScaffold(scaffold);
      io.stdout(summary(config, generated, planned.create, shown(dir)));
      if (!(await io.prompter.confirm({ message: 'Write these files?', default: true }))) throw new CancelledError();
    }
    const report = project.write({ config: formatConfig(config), generated, scaffold }, { force });
    const files = asking ? [] : fileList(generated, report.created, shown(dir));
    io.stdout(nextSteps(config, [...files, ...keptList(report, shown(dir))], shown(dir)));
    for (const warning of writeWarnings(report, dir, shown(dir))) io.stderr(`warning: ${warning}\n`);
    return EXIT_OK;
  } finally {
    project.close();
  }
}

interface Answers {
  readonly dir: string;
  /** The answers, validated; from flags and the wizard, one binding. */
  readonly config: IrsaConfig;
  /** The config file they came from, if any. */
  readonly configPath?: string;
}

/**
 * The validated answers and where they go: from a config file, or from flags and the wizard.
 * Questions are asked before the project is locked; the project itself is read under the lock.
 */
async function readAnswers(args: CliArgs, io: CliIo): Promise<Answers> {
  const projectDir = (dirArgument: string) => resolve(io.cwd, dirArgument.trim());
  const existingConfig = (dir: string) => (inspectTarget(dir).state === 'project' ? loadProject(dir).parsed.config : undefined);

  let dirArgument = args.dir ?? DEFAULT_PROJECT_DIR;
  let parsed: ParsedConfig;
  const configPath = args.configFile === undefined ? undefined : resolve(io.cwd, args.configFile);
  if (configPath !== undefined) {
    parsed = readConfig(configPath, args.configFile as string);
  } else {
    checkFlagValues(args.fields);
    const projectAnswers = (answer: string) => {
      const existing = existingConfig(projectDir(answer));
      return existing ? projectClusterAnswers(existing) : undefined;
    };
    const answers = await collectAnswers(
      { dir: args.dir, fields: args.fields, yes: args.yes, interactive: io.interactive, env: io.env, projectAnswers },
      io.prompter,
      io.stdout,
    );
    dirArgument = answers.dir;
    parsed = parseConfig(flagsToRawConfig(answers.fields), 'flags');
  }
  for (const note of parsed.notes) {
    const flag = configPath === undefined ? flagForConfigKey(note.field) : undefined;
    io.stderr(`note: ${flag ? `--${flag.name}` : note.field} ${JSON.stringify(note.from)} was read as ${JSON.stringify(note.to)}\n`);
  }
  return { dir: projectDir(dirArgument), config: parsed.config, configPath };
}

function readConfig(path: string, shownName: string): ParsedConfig {
  let raw: unknown;
  try {
    raw = readConfigFile(path);
  } catch (error) {
    // A file nested thousands of levels deep exhausts the parser's stack: it is not a config either.
    if (error instanceof RangeError) throw new ConfigFileError(`${path}: nested too deeply to be a create-irsa config`);
    throw error;
  }
  return parseConfig(raw, shownName);
}

/**
 * Under the project's lock: a config file is read again (it may be the project's own
 * irsa.config.json, which another run may just have rewritten) and replaces the project's config;
 * answers from flags and the wizard add their binding to the project's config as it is now.
 */
function resolveAnswers(project: LockedProject, answers: Answers, args: CliArgs, io: CliIo): { config: IrsaConfig; inspection: TargetInspection } {
  const inspection = project.inspect();
  if (answers.configPath !== undefined) return { config: readConfig(answers.configPath, args.configFile as string).config, inspection };
  if (inspection.state !== 'project') return { config: answers.config, inspection };
  const added = addBinding(loadProject(project.dir).parsed.config, answers.config, relative(io.cwd, project.dir) || '.');
  io.stdout(`This ${added.change}.\n`);
  return { config: added.config, inspection };
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

/** Flag values are judged before any question is asked, so a typo never costs a whole wizard. */
function checkFlagValues(fields: ReadonlyMap<string, string | boolean>): void {
  const issues: ConfigIssue[] = [];
  for (const flag of FIELD_FLAGS) {
    const value = fields.get(flag.name);
    if (flag.field && typeof value === 'string') {
      const check = checkField(flag.field, value);
      if (!check.ok) issues.push({ field: flag.configKey, message: check.problem });
    }
  }
  if (issues.length > 0) throw new InvalidConfigError(issues, 'flags');
}

function fileList(generated: readonly GeneratedFile[], scaffold: readonly string[], dir: string): string[] {
  return [
    ...scaffold.map((path) => join(dir, path)),
    join(dir, CONFIG_FILE_NAME),
    ...generated.map((file) => join(dir, GENERATED_DIR_NAME, file.path)),
    join(dir, GENERATED_DIR_NAME, MANIFEST_FILE_NAME),
  ].map((path) => `  ${path}`);
}

/** Project files that were already there, and stay as they were. */
function keptList(report: WriteReport, dir: string): string[] {
  if (report.kept.length === 0) return [];
  return ['Kept (already there, not changed):', ...report.kept.map((file) => `  ${join(dir, file.path)}: ${file.reason}`)];
}

function writeWarnings(report: WriteReport, dir: string, shownDir: string): string[] {
  const leftovers = report.leftovers.map((cluster) => {
    const module = join(shownDir, GENERATED_DIR_NAME, cluster);
    return (
      `${module}/ is no longer generated (the config has no cluster ${cluster}), but it holds files create-irsa did not write, ` +
      `kept as they were (Terraform state?). Destroy or move what that state manages, then delete ${module}/.`
    );
  });
  return [...leftovers, ...keptFileAdvice(dir, report.kept.map((file) => file.path))];
}

function summary(config: IrsaConfig, generated: readonly GeneratedFile[], scaffold: readonly GeneratedFile[], dir: string): string {
  const documents = config.bindings.flatMap((binding) => {
    const base = `${config.cluster.name}/policies/${binding.namespace}/${binding.serviceAccount}`;
    const trust = generated.find((file) => file.path === `${base}/${TRUST_POLICY_FILE}`);
    const s3 = generated.find((file) => file.path === `${base}/${S3_POLICY_FILE}`);
    return [
      `Trust policy of role ${binding.roleName} (who may assume it):`,
      trust?.content ?? '',
      `S3 policy ${binding.policyName} (what it may do):`,
      s3?.content ?? '',
    ];
  });
  return ['', 'Files to write:', ...fileList(generated, scaffold.map((file) => file.path), dir), '', ...documents].join('\n');
}

/** What was written (unless the summary already listed it), and what to do next. */
function nextSteps(config: IrsaConfig, files: readonly string[], dir: string): string {
  const module = join(GENERATED_DIR_NAME, config.cluster.name);
  return [
    files.length > 0 ? `Wrote ${dir}:` : `Wrote ${dir}.`,
    ...files,
    '',
    'Next steps:',
    `  cd ${dir}`,
    `  review ${module}/policies/, then commit the project`,
    '  npm install',
    `  npx cdktf deploy ${config.cluster.name}`,
    'or, with plain Terraform (no Node needed):',
    `  terraform -chdir=${module} init && terraform -chdir=${module} apply`,
    '',
  ].join('\n');
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
