/**
 * The create-irsa command: flags or config file → validated config → generated files → written
 * project. Returns the exit code; only the entry point exits the process.
 */
import { join, relative, resolve } from 'node:path';
import { ConfigFileError, formatConfig, readConfigFile } from '../config/config-file';
import { ConfigIssue, InvalidConfigError } from '../config/invalid-config-error';
import { parseConfig } from '../config/parse-config';
import { generateModules } from '../generate';
import { packageVersion } from '../package-root';
import { TemplateError } from '../policies/render-json-template';
import { loadProjectTemplates } from '../project/load-project';
import { assertWritableTarget, CONFIG_FILE_NAME, GENERATED_DIR_NAME, TargetDirectoryError, writeProject } from '../project/write-project';
import { flagForConfigKey } from './flags';
import { flagsToRawConfig } from './flags-to-config';
import { helpText } from './help';
import { parseCliArgs, UsageError } from './parse-args';

export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_INVALID = 2;

export interface CliIo {
  readonly cwd: string;
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

export const DEFAULT_PROJECT_DIR = 'irsa';

export function runCli(argv: readonly string[], io: CliIo): number {
  try {
    return run(argv, io);
  } catch (error) {
    return reportError(error, io);
  }
}

function run(argv: readonly string[], io: CliIo): number {
  const args = parseCliArgs(argv);
  if (args.help) {
    io.stdout(helpText(packageVersion()));
    return EXIT_OK;
  }
  if (args.version) {
    io.stdout(`${packageVersion()}\n`);
    return EXIT_OK;
  }

  const dir = resolve(io.cwd, args.dir ?? DEFAULT_PROJECT_DIR);
  const shown = (path: string) => relative(io.cwd, path) || '.';
  const fromFile = args.configFile !== undefined;
  const raw = fromFile ? readConfigFile(resolve(io.cwd, args.configFile as string)) : flagsToRawConfig(args.fields);
  const { config, notes } = parseConfig(raw, fromFile ? args.configFile : 'flags');
  for (const note of notes) {
    io.stderr(`note: ${fieldName(note.field, fromFile)} ${JSON.stringify(note.from)} was read as ${JSON.stringify(note.to)}\n`);
  }

  assertWritableTarget(dir, args.force);
  const templates = loadProjectTemplates(dir);
  const generated = generateModules(config, templates);
  writeProject(dir, { config: formatConfig(config), generated }, { force: args.force });

  const moduleDir = join(dir, GENERATED_DIR_NAME, config.cluster.name);
  io.stdout(
    [
      `Wrote ${shown(join(dir, CONFIG_FILE_NAME))} and ${shown(moduleDir)}/:`,
      ...generated.map((file) => `  ${file.path}`),
      '',
      'Next: review the policies and commit, then apply with',
      `  terraform -chdir=${shown(moduleDir)} init && terraform -chdir=${shown(moduleDir)} apply`,
      '',
    ].join('\n'),
  );
  return EXIT_OK;

  function fieldName(field: string, fileInput: boolean): string {
    const flag = fileInput ? undefined : flagForConfigKey(field);
    return flag ? `--${flag.name}` : field;
  }
}

function reportError(error: unknown, io: CliIo): number {
  if (error instanceof UsageError || error instanceof ConfigFileError) {
    io.stderr(`error: ${error.message}\n`);
    return EXIT_INVALID;
  }
  if (error instanceof InvalidConfigError) {
    const fromFlags = error.source === 'flags';
    const lines = error.issues.map((issue) => `  - ${describeField(issue, fromFlags)}: ${issue.message}`);
    const where = fromFlags ? 'in the flags' : `in ${error.source ?? 'the config'}`;
    io.stderr(`error: invalid input ${where}; nothing was written.\n${lines.join('\n')}\n`);
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
