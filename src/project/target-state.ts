/**
 * What the target folder is: to be created, a create-irsa project to regenerate, or a folder that
 * create-irsa did not make. A folder is a project only when its irsa.config.json is a valid
 * create-irsa config: any other file of that name is someone else's.
 */
import { lstatSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ConfigFileError, readConfigFile } from '../config/config-file';
import { InvalidConfigError } from '../config/invalid-config-error';
import { parseConfig } from '../config/parse-config';
import { CONFIG_FILE_NAME, isTransientEntry } from './project-layout';
import { describeFsError, isErrnoException, TargetDirectoryError } from './target-errors';

/**
 * - `new`: missing or empty, a whole project will be created;
 * - `project`: a create-irsa project (a valid irsa.config.json), to be regenerated;
 * - `foreign`: not empty and not a create-irsa project.
 */
export type TargetState = 'new' | 'project' | 'foreign';

export interface TargetInspection {
  readonly state: TargetState;
  /** Why the folder's irsa.config.json does not make it a project, when it has one. */
  readonly configProblem?: string;
}

/**
 * Whether `dir` is a folder, or can be created as one; otherwise a one-line error. A symbolic
 * link to a folder is followed: the project is written in the folder it points to.
 */
export function checkTargetPath(dir: string): 'folder' | 'missing' {
  let entry;
  try {
    entry = lstatSync(dir);
  } catch (error) {
    if (!isErrnoException(error)) throw error;
    if (error.code === 'ENOENT') return checkParent(dir);
    if (error.code === 'ENOTDIR') throw new TargetDirectoryError(`Cannot use ${dir}: ${fileOnTheWay(dir)} is a file, not a folder.`, 'invalid');
    if (error.code === 'ENAMETOOLONG') throw new TargetDirectoryError(`Cannot use ${dir}: the path is too long for the file system.`, 'invalid');
    throw new TargetDirectoryError(`Cannot use ${dir}: ${describeFsError(error)}.`, 'unusable');
  }
  if (entry.isSymbolicLink()) {
    let target;
    try {
      target = statSync(dir);
    } catch {
      throw new TargetDirectoryError(`${dir} is a symbolic link to something that does not exist; point it at a folder, or choose another folder.`, 'invalid');
    }
    if (!target.isDirectory()) throw new TargetDirectoryError(`${dir} exists and is not a folder (it is a symbolic link to a file).`, 'invalid');
    return 'folder';
  }
  if (!entry.isDirectory()) throw new TargetDirectoryError(`${dir} exists and is not a folder.`, 'invalid');
  return 'folder';
}

function checkParent(dir: string): 'missing' {
  const parent = dirname(dir);
  let entry;
  try {
    entry = statSync(parent);
  } catch (error) {
    if (isErrnoException(error) && error.code === 'ENOENT') {
      throw new TargetDirectoryError(`Cannot create ${dir}: its parent folder ${parent} does not exist.`, 'unusable');
    }
    throw error;
  }
  if (!entry.isDirectory()) throw new TargetDirectoryError(`Cannot create ${dir}: ${parent} is a file, not a folder.`, 'invalid');
  return 'missing';
}

/** The first ancestor of `path` that exists and is not a folder. */
function fileOnTheWay(path: string): string {
  const ancestors: string[] = [];
  for (let current = dirname(path); current !== dirname(current); current = dirname(current)) ancestors.unshift(current);
  for (const ancestor of ancestors) {
    try {
      if (!statSync(ancestor).isDirectory()) return ancestor;
    } catch {
      return ancestor;
    }
  }
  return path;
}

export function inspectTarget(dir: string): TargetInspection {
  if (checkTargetPath(dir) === 'missing') return { state: 'new' };
  const configPath = join(dir, CONFIG_FILE_NAME);
  if (exists(configPath)) {
    const configProblem = projectConfigProblem(configPath);
    return configProblem === undefined ? { state: 'project' } : { state: 'foreign', configProblem };
  }
  // Entries of a create-irsa run in progress (its lock) do not make a folder the user's.
  return readdirSync(dir).every(isTransientEntry) ? { state: 'new' } : { state: 'foreign' };
}

function exists(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

/** Why the file is not a create-irsa config, or undefined when it is one. */
function projectConfigProblem(path: string): string | undefined {
  try {
    parseConfig(readConfigFile(path), CONFIG_FILE_NAME);
    return undefined;
  } catch (error) {
    if (error instanceof InvalidConfigError) {
      const [first] = error.issues;
      const more = error.issues.length > 1 ? ` (and ${error.issues.length - 1} more)` : '';
      return `${first.field}: ${first.message}${more}`;
    }
    if (error instanceof ConfigFileError) return error.message;
    // A file nested deeply enough to exhaust the parser's stack is not a create-irsa config either.
    if (error instanceof RangeError) return 'it is nested too deeply to read';
    throw error;
  }
}

export function refusalMessage(shownDir: string, inspection: TargetInspection): string {
  const why =
    inspection.configProblem === undefined
      ? `it has no ${CONFIG_FILE_NAME}`
      : `its ${CONFIG_FILE_NAME} is not a create-irsa config: ${inspection.configProblem}`;
  const fix =
    inspection.configProblem === undefined
      ? ''
      : `fix it (create-irsa ${shownDir} --config ${shownDir}/${CONFIG_FILE_NAME} lists every problem), `;
  return (
    `${shownDir} is not empty and is not a create-irsa project (${why}). ` +
    `Choose another folder, ${fix}or pass --force to write the project into it (${CONFIG_FILE_NAME} is replaced; ` +
    'other existing files are kept, and in generated/ only files create-irsa wrote are replaced).'
  );
}
