/**
 * `create-irsa <dir> --check`, for a project's CI: is generated/ exactly what irsa.config.json and
 * the project's templates produce? Exit 0 when it is, 1 when it is out of date (naming the
 * bindings and files that differ), 2 on invalid input. Writes nothing.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { formatConfig } from '../config/config-file';
import { readConfig } from '../config/read-config';
import { generateProject } from '../generate';
import { projectTerraformNames, withTerraformNames } from '../plan/terraform-names';
import { manifestFile } from '../project/generated-manifest';
import { generatedTerraformNames } from '../project/generated-terraform-names';
import { loadProject } from '../project/load-project';
import { assertReplaceable, CONFIG_FILE_NAME, GENERATED_DIR_NAME, inspectTarget } from '../project/write-project';
import { compareWithGenerated, hasChanges, readOwnFiles } from '../review/file-changes';
import { generatedFormat } from '../review/generated-format';
import { staleBindings } from '../review/stale-bindings';
import { userTerraformFiles } from '../review/user-terraform-files';
import { shellWord } from './shell-word';
import { UsageError } from './parse-args';
import { checkReport } from './review-output';

export interface CheckIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

/** @param shown the folder as messages name it */
export function checkProject(dir: string, shown: string, io: CheckIo): number {
  // Said before the target is inspected, which would explain why the folder cannot be created: a check creates nothing.
  if (!existsSync(dir)) throw new UsageError(`${shown} does not exist: --check reads an existing project. Example: create-irsa irsa --check`);
  const inspection = inspectTarget(dir);
  if (inspection.state !== 'project') {
    // An irsa.config.json that is there but invalid is reported as --config reports it: every problem, by field.
    if (inspection.configProblem !== undefined) readConfig(join(dir, CONFIG_FILE_NAME), join(shown, CONFIG_FILE_NAME));
    throw new UsageError(`${shown} is not a create-irsa project: it has no valid ${CONFIG_FILE_NAME}. Example: create-irsa irsa --check`);
  }
  // A write would refuse a linked generated/; checking what the link points at would pass a project that cannot be regenerated.
  assertReplaceable(dir);
  const { parsed, templates } = loadProject(dir);
  // Named as a regeneration from this config would name it, so "up to date" means regenerating changes nothing.
  const names = projectTerraformNames(parsed.config, generatedTerraformNames(dir, parsed.config.cluster.name));
  const config = withTerraformNames(parsed.config, names, CONFIG_FILE_NAME);
  const { plan, files } = generateProject(config, templates);
  const generatedDir = join(dir, GENERATED_DIR_NAME);
  const expected = [...files, manifestFile(files, formatConfig(config))];
  const actual = readOwnFiles(generatedDir);
  const changes = compareWithGenerated(expected, actual);

  // Bindings are told apart in the format generated/ is written in: a new format alone changes none of them.
  const written = generatedFormat(actual, config.cluster.name);
  const format = written !== undefined && written !== config.format ? { from: written, to: config.format } : undefined;
  const compared = format ? generateProject(config, templates, format.from).files : files;
  const comparedExpected = format ? [...compared, manifestFile(compared, formatConfig(config))] : expected;
  const stale = staleBindings(plan, compareWithGenerated(comparedExpected, actual), comparedExpected, actual);

  const regenerate = `create-irsa ${shellWord(shown)} --config ${shellWord(join(shown, CONFIG_FILE_NAME))}`;
  const report = checkReport({
    changes,
    stale,
    format,
    userFiles: userTerraformFiles(generatedDir, config.cluster.name),
    plan,
    shownDir: shown,
    regenerate,
  });
  if (!hasChanges(changes)) {
    io.stdout(report);
    return 0;
  }
  io.stderr(report);
  return 1;
}
