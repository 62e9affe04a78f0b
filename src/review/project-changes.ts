/**
 * What writing a project changes in its folder, as `git status` will show it afterwards:
 * irsa.config.json, the project files created, and create-irsa's files in generated/.
 */
import { join } from 'node:path';
import { formatConfig } from '../config/config-file';
import { IrsaConfig } from '../config/irsa-config';
import { manifestFile } from '../project/generated-manifest';
import { CONFIG_FILE_NAME, GENERATED_DIR_NAME, TargetState } from '../project/write-project';
import { GeneratedFile } from '../synth/module-files';
import { compareWithGenerated, FileChange, fileChange, FileChanges, readOwnFiles } from './file-changes';

export interface ProjectFileChanges {
  readonly config: FileChange;
  /** Project files created besides the config, relative to the project. */
  readonly scaffold: readonly string[];
  readonly generated: FileChanges;
  /** How many of the files written (the config, generated/ and its manifest) keep the content they had. */
  readonly unchanged: number;
}

/** `state` is the folder's before the write: only a project's generated/ holds files create-irsa wrote. */
export function projectFileChanges(
  dir: string,
  state: TargetState,
  config: IrsaConfig,
  generated: readonly GeneratedFile[],
  scaffold: readonly string[],
): ProjectFileChanges {
  const configText = formatConfig(config);
  const expected = [...generated, manifestFile(generated, configText)];
  const actual = state === 'project' ? readOwnFiles(join(dir, GENERATED_DIR_NAME)) : new Map<string, string>();
  const changes = compareWithGenerated(expected, actual);
  const configChange = fileChange(join(dir, CONFIG_FILE_NAME), configText);
  const unchanged = expected.length - changes.added.length - changes.changed.length + (configChange === undefined ? 1 : 0);
  return { config: configChange, scaffold, generated: changes, unchanged };
}
