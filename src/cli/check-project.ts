/**
 * `create-irsa <dir> --check`, for a project's CI: is generated/ exactly what irsa.config.json and
 * the project's templates produce? Exit 0 when it is, 1 when it is out of date (naming the
 * bindings and files that differ), 2 on invalid input. Writes nothing.
 */
import { join } from 'node:path';
import { formatConfig } from '../config/config-file';
import { generateProject } from '../generate';
import { projectTerraformNames, withTerraformNames } from '../plan/terraform-names';
import { manifestFile } from '../project/generated-manifest';
import { generatedTerraformNames } from '../project/generated-terraform-names';
import { loadProject } from '../project/load-project';
import { CONFIG_FILE_NAME, GENERATED_DIR_NAME, inspectTarget } from '../project/write-project';
import { compareWithGenerated, hasChanges, readOwnFiles } from '../review/file-changes';
import { staleBindings } from '../review/stale-bindings';
import { shellWord } from './shell-word';
import { UsageError } from './parse-args';
import { checkReport } from './review-output';

export interface CheckIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

/** @param shown the folder as messages name it */
export function checkProject(dir: string, shown: string, io: CheckIo): number {
  if (inspectTarget(dir).state !== 'project') {
    throw new UsageError(`${shown} is not a create-irsa project: it has no valid ${CONFIG_FILE_NAME}. Example: create-irsa irsa --check`);
  }
  const { parsed, templates } = loadProject(dir);
  // Named as a regeneration from this config would name it, so "up to date" means regenerating changes nothing.
  const names = projectTerraformNames(parsed.config, generatedTerraformNames(dir, parsed.config.cluster.name));
  const config = withTerraformNames(parsed.config, names, CONFIG_FILE_NAME);
  const { plan, files } = generateProject(config, templates);
  const expected = [...files, manifestFile(files, formatConfig(config))];
  const actual = readOwnFiles(join(dir, GENERATED_DIR_NAME));
  const changes = compareWithGenerated(expected, actual);
  const regenerate = `create-irsa ${shellWord(shown)} --config ${shellWord(join(shown, CONFIG_FILE_NAME))}`;
  const report = checkReport(changes, staleBindings(plan, changes, expected, actual), plan, shown, regenerate);
  if (!hasChanges(changes)) {
    io.stdout(report);
    return 0;
  }
  io.stderr(report);
  return 1;
}
