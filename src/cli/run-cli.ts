/**
 * The create-irsa command: answers (config file, or flags and prompts) → validated config →
 * generated files → written project. Returns the exit code; only the entry point exits.
 */
import { join, relative, resolve } from 'node:path';
import { ConfigFileError, formatConfig, readConfigFile } from '../config/config-file';
import { IrsaConfig } from '../config/irsa-config';
import { ConfigIssue, InvalidConfigError } from '../config/invalid-config-error';
import { checkAnswer, parseConfig } from '../config/parse-config';
import { generateProject } from '../generate';
import { ClusterPlan } from '../plan/cluster-plan';
import { bindingOutputName } from '../terraform/addresses';
import { describeBinding, summarizeChanges } from '../review/change-summary';
import { compareWithGenerated, hasChanges, readOwnFiles } from '../review/file-changes';
import { staleBindings } from '../review/stale-bindings';
import { changeLines, checkReport, dryRunReport } from './review-output';
import { projectTerraformNames, withTerraformNames } from '../plan/terraform-names';
import { generatedTerraformNames } from '../project/generated-terraform-names';
import { packageVersion } from '../package-root';
import { TemplateError } from '../policies/render-json-template';
import { loadProject, loadProjectTemplates } from '../project/load-project';
import {
  CONFIG_FILE_NAME,
  GENERATED_DIR_NAME,
  inspectTarget,
  refusalMessage,
  TargetDirectoryError,
  TargetState,
  writeProject,
} from '../project/write-project';
import { projectFiles } from '../scaffold/project-files';
import { GeneratedFile, GENERATED_FROM_FILE, S3_POLICY_FILE, TRUST_POLICY_FILE } from '../synth/module-files';
import { FIELD_FLAGS, flagForConfigKey } from './flags';
import { AnswerValue, flagsToRawConfig } from './flags-to-config';
import { helpText } from './help';
import { CliArgs, parseCliArgs, UsageError } from './parse-args';
import { printable } from './printable';
import { shellWord } from './shell-word';
import { trimValue } from '../config/normalize';
import { quoteValue } from '../text/quote-value';
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
  const shown = (path: string) => relative(io.cwd, path) || '.';
  if (args.check) return checkProject(resolve(io.cwd, (args.dir ?? DEFAULT_PROJECT_DIR).trim()), shown, io);
  const asking = io.interactive && !args.yes && !args.dryRun;

  const answers = await readAnswers(args, io);
  const { dir, state, previous } = answers;
  // Terraform names are decided once, here, against the project's: existing bindings keep theirs.
  const projectNames = answers.project
    ? projectTerraformNames(answers.project, generatedTerraformNames(dir, answers.project.cluster.name))
    : undefined;
  const config = withTerraformNames(answers.config, projectNames, answers.source);
  const force = args.force || (state === 'foreign' && (await confirmForeignTarget(shown(dir), asking, io.prompter)));

  const { plan, files: generated } = generateProject(config, loadProjectTemplates(dir));
  const scaffold = state === 'project' ? [] : projectFiles(config);
  if (args.dryRun) {
    const changes = compareWithGenerated(join(dir, GENERATED_DIR_NAME), generated);
    io.stdout(dryRunReport(previous, config, changes, scaffold, shown(dir)));
    return EXIT_OK;
  }
  if (asking) {
    io.stdout(summary(config, generated, scaffold, shown(dir)));
    const changes = previous ? summarizeChanges(previous, config) : undefined;
    if (changes) io.stdout(changes.lines.length > 0 ? `\nChanges to ${shown(dir)}:\n${changeLines(previous, config).join('\n')}\n` : '\nNo binding changes.\n');
    // Granting more is the change a reviewer must not wave through by pressing Enter.
    const widens = changes?.widens ?? false;
    if (!(await io.prompter.confirm({ message: widens ? 'This widens access. Write these files?' : 'Write these files?', default: !widens }))) {
      throw new CancelledError();
    }
  }
  writeProject(dir, { config: formatConfig(config), generated, scaffold }, { force });
  io.stdout(nextSteps(plan, asking ? [] : fileList(generated, scaffold, shown(dir)), shown(dir)));
  return EXIT_OK;
}

/**
 * The validated config and where it goes: from a config file (which replaces a project's config),
 * or from flags and the wizard (which add one binding to an existing project). `project` is the
 * config of the project being written into, whose Terraform names the new config keeps.
 */
async function readAnswers(
  args: CliArgs,
  io: CliIo,
): Promise<{ dir: string; config: IrsaConfig; state: TargetState; project?: IrsaConfig; previous?: IrsaConfig; source: string }> {
  const projectDir = (dirArgument: string) => resolve(io.cwd, trimValue(dirArgument));
  const existingConfig = (dir: string) => (inspectTarget(dir) === 'project' ? loadProject(dir).parsed.config : undefined);

  let dirArgument = args.dir ?? DEFAULT_PROJECT_DIR;
  let raw: unknown;
  if (args.configFile !== undefined) {
    raw = readConfigFile(resolve(io.cwd, args.configFile));
  } else {
    checkFlagValues(args.fields);
    const projectAnswers = (answer: string) => {
      const existing = existingConfig(projectDir(answer));
      if (!existing) return undefined;
      if (io.interactive && !args.yes) io.stdout(projectListing(existing, relative(io.cwd, projectDir(answer)) || '.'));
      return projectClusterAnswers(existing);
    };
    const answers = await collectAnswers(
      { dir: args.dir, fields: args.fields, yes: args.yes, interactive: io.interactive, env: io.env, projectAnswers },
      io.prompter,
      io.stdout,
    );
    dirArgument = answers.dir;
    raw = flagsToRawConfig(answers.fields);
  }
  const fromFile = args.configFile !== undefined;
  const source = args.configFile ?? 'flags';
  const parsed = parseConfig(raw, source);
  for (const note of parsed.notes) {
    const flag = fromFile ? undefined : flagForConfigKey(note.field);
    io.stderr(`note: ${flag ? `--${flag.name}` : note.field} ${quoteValue(note.from)} was read as ${quoteValue(note.to)}\n`);
  }

  const dir = projectDir(dirArgument);
  const state = inspectTarget(dir);
  const previous = state === 'project' ? previousConfig(dir) : undefined;
  if (fromFile) return { dir, config: parsed.config, state, project: state === 'project' ? replacedProjectConfig(dir) : undefined, previous, source };
  const existing = state === 'project' ? existingConfig(dir) : undefined;
  if (!existing) return { dir, config: parsed.config, state, source };
  const added = addBinding(existing, parsed.config, relative(io.cwd, dir) || '.', new Set(args.fields.keys()));
  io.stdout(`This ${added.change}.\n`);
  const [binding] = parsed.config.bindings;
  const replaced = existing.bindings.find((old) => old.namespace === binding.namespace && old.serviceAccount === binding.serviceAccount);
  if (replaced) io.stdout(`  before: ${describeBinding(replaced, existing)}\n  after:  ${describeBinding(binding, added.config)}\n`);
  return { dir, config: added.config, state, project: existing, previous, source };
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

/** What an existing project holds, shown before the wizard asks about one more binding. */
function projectListing(config: IrsaConfig, shownDir: string): string {
  const count = config.bindings.length;
  return [
    `${shownDir} is the project of EKS cluster ${config.cluster.name} in ${config.region}, with ${count} binding${count === 1 ? '' : 's'}:`,
    ...config.bindings.map((binding) => `  ${describeBinding(binding, config)}`),
    'Your answers add a binding, or replace the one of the same service account.',
    '',
  ].join('\n');
}

/**
 * The config the project's `generated/` was made from (recorded beside it), else its
 * irsa.config.json: what a change is summarized against. None when neither reads.
 */
function previousConfig(dir: string): IrsaConfig | undefined {
  for (const path of [join(dir, GENERATED_DIR_NAME, GENERATED_FROM_FILE), join(dir, CONFIG_FILE_NAME)]) {
    try {
      return parseConfig(readConfigFile(path)).config;
    } catch {
      // try the next
    }
  }
  return undefined;
}

/** `--check`: is `generated/` exactly what the project's config and templates produce? Writes nothing. */
function checkProject(dir: string, shown: (path: string) => string, io: CliIo): number {
  if (inspectTarget(dir) !== 'project') {
    throw new UsageError(`${shown(dir)} is not a create-irsa project: it has no ${CONFIG_FILE_NAME}. Example: create-irsa irsa --check`);
  }
  const { parsed, templates } = loadProject(dir);
  const { plan, files } = generateProject(parsed.config, templates);
  const generatedDir = join(dir, GENERATED_DIR_NAME);
  const changes = compareWithGenerated(generatedDir, files);
  const regenerate = `create-irsa ${shown(dir)} --config ${join(shown(dir), CONFIG_FILE_NAME)}`;
  const report = checkReport(changes, staleBindings(plan, changes, files, readOwnFiles(generatedDir)), plan, shown(dir), regenerate);
  if (!hasChanges(changes)) {
    io.stdout(report);
    return EXIT_OK;
  }
  io.stderr(report);
  return EXIT_FAILURE;
}

/** A non-empty folder create-irsa did not make is written to only when the user says so. */
async function confirmForeignTarget(shownDir: string, asking: boolean, prompter: Prompter): Promise<true> {
  if (!asking) throw new TargetDirectoryError(refusalMessage(shownDir), 'refused');
  const overwrite = await prompter.confirm({
    message: `${shownDir} is not empty and is not a create-irsa project. Write the project into it anyway?`,
    default: false,
  });
  if (!overwrite) throw new CancelledError();
  return true;
}

/** Flag values are judged before any question is asked, so a typo never costs a whole wizard. */
function checkFlagValues(fields: ReadonlyMap<string, AnswerValue>): void {
  const raw = flagsToRawConfig(fields);
  const issues: ConfigIssue[] = [];
  for (const flag of FIELD_FLAGS) {
    if (!fields.has(flag.name)) continue;
    const path = flag.field.path.replace(/\[\]/g, '[0]');
    issues.push(...checkAnswer(flag.field.path, valueAtPath(raw, path), path));
  }
  if (issues.length > 0) throw new InvalidConfigError(issues, 'flags');
}

/** The value at `a.b[0].c` of a raw config. */
function valueAtPath(raw: unknown, path: string): unknown {
  return path
    .replace(/\[(\d+)\]/g, '.$1')
    .split('.')
    .reduce<unknown>((node, key) => (node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined), raw);
}

function fileList(generated: readonly GeneratedFile[], scaffold: readonly GeneratedFile[], dir: string): string[] {
  return [
    ...scaffold.map((file) => join(dir, file.path)),
    join(dir, CONFIG_FILE_NAME),
    ...generated.map((file) => join(dir, GENERATED_DIR_NAME, file.path)),
  ].map((path) => `  ${path}`);
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
  return ['', 'Files to write:', ...fileList(generated, scaffold, dir), '', ...documents].join('\n');
}

/** What was written (unless the summary already listed it), and what to do next. */
function nextSteps(plan: ClusterPlan, files: readonly string[], dir: string): string {
  const { config } = plan;
  const module = join(GENERATED_DIR_NAME, config.cluster.name);
  const elsewhere = plan.bindings.filter(({ binding, identity }) => !binding.createServiceAccount && identity.annotatesServiceAccount);
  return [
    files.length > 0 ? `Wrote ${dir}:` : `Wrote ${dir}.`,
    ...files,
    '',
    'Next steps:',
    ...(dir === '.' ? [] : [`  cd ${shellWord(dir)}`]),
    `  review ${module}/policies/, then commit the project`,
    '  npm install',
    `  npx cdktf deploy ${config.cluster.name}`,
    'or, with plain Terraform (no Node needed):',
    `  terraform -chdir=${module} init && terraform -chdir=${module} apply`,
    ...elsewhere.flatMap(({ binding, blockName }) => [
      `Service account ${binding.namespace}/${binding.serviceAccount} is created by your chart or manifests: put this annotation on it`,
      `  terraform -chdir=${module} output -json ${bindingOutputName(blockName, 'serviceAccountAnnotations')}`,
    ]),
    ...(plan.usesPodIdentity
      ? [`EKS Pod Identity needs the eks-pod-identity-agent add-on on cluster ${config.cluster.name}:`, `  aws eks create-addon --cluster-name ${config.cluster.name} --addon-name eks-pod-identity-agent --region ${config.region}`]
      : []),
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
    return error.kind === 'refused' ? EXIT_INVALID : EXIT_FAILURE;
  }
  io.stderr(`error: create-irsa failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  return EXIT_FAILURE;
}

function describeField(issue: ConfigIssue, fromFlags: boolean): string {
  const flag = fromFlags ? flagForConfigKey(issue.field) : undefined;
  return flag ? `--${flag.name} (${issue.field})` : issue.field;
}
