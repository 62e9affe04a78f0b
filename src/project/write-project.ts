/**
 * Writes a create-irsa project folder safely:
 * - a non-empty folder that create-irsa did not make is never touched without `force`;
 * - everything is written to a staging folder first and renamed into place, so a run that dies
 *   half way leaves the previous `generated/` and `irsa.config.json` as they were;
 * - a new project appears whole, by one rename of its staged folder;
 * - project files a user may have edited (package.json, main.ts, templates, README) are only
 *   ever created, never overwritten.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, renameSync, rmdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { GeneratedFile } from '../synth/module-files';

export const CONFIG_FILE_NAME = 'irsa.config.json';
export const GENERATED_DIR_NAME = 'generated';
const STAGING_PREFIX = '.create-irsa-staging-';
const PREVIOUS_GENERATED = '.create-irsa-previous-generated';

/** The target folder is not one create-irsa may write to (without --force). */
export class TargetDirectoryError extends Error {
  constructor(message: string, readonly kind: 'refused' | 'unusable') {
    super(message);
    this.name = 'TargetDirectoryError';
  }
}

export interface ProjectContent {
  /** Content of irsa.config.json. */
  readonly config: string;
  /** Files of generated/, by path relative to it. */
  readonly generated: readonly GeneratedFile[];
  /** The other files of a new project, by path relative to it; created only where absent. */
  readonly scaffold: readonly GeneratedFile[];
}

/**
 * - `new`: missing or empty, a whole project will be created;
 * - `project`: a create-irsa project (it has an irsa.config.json), to be regenerated;
 * - `foreign`: not empty and not a create-irsa project.
 */
export type TargetState = 'new' | 'project' | 'foreign';

export function inspectTarget(dir: string): TargetState {
  if (!existsSync(dir)) {
    if (!existsSync(dirname(dir))) {
      throw new TargetDirectoryError(`Cannot create ${dir}: its parent folder ${dirname(dir)} does not exist.`, 'unusable');
    }
    return 'new';
  }
  if (!statSync(dir).isDirectory()) throw new TargetDirectoryError(`${dir} exists and is not a folder.`, 'unusable');
  if (existsSync(join(dir, CONFIG_FILE_NAME))) return 'project';
  return readdirSync(dir).length === 0 ? 'new' : 'foreign';
}

export function refusalMessage(dir: string): string {
  return (
    `${dir} is not empty and is not a create-irsa project (it has no ${CONFIG_FILE_NAME}). ` +
    'Choose another folder, or pass --force to write the project into it (existing files other than irsa.config.json and generated/ are kept).'
  );
}

/** Throws unless `dir` is new, a create-irsa project, or `force` is set. */
export function assertWritableTarget(dir: string, force: boolean): TargetState {
  const state = inspectTarget(dir);
  if (state === 'foreign' && !force) throw new TargetDirectoryError(refusalMessage(dir), 'refused');
  return state;
}

export function writeProject(dir: string, content: ProjectContent, options: { force: boolean }): void {
  const state = assertWritableTarget(dir, options.force);
  try {
    if (state === 'new') writeNewProject(dir, content);
    else updateProject(dir, content, { createMissingScaffold: state === 'foreign' });
  } catch (error) {
    if (error instanceof TargetDirectoryError) throw error;
    const { code, path } = error as NodeJS.ErrnoException;
    if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
      throw new TargetDirectoryError(`Cannot write to ${dir}: permission denied (${code} on ${path ?? dir}).`, 'unusable');
    }
    throw error;
  }
}

/**
 * A fresh staging folder. Not mkdtemp: its 0700 mode would follow a new project into place,
 * where the folder should get the user's usual permissions.
 */
function makeStagingDir(parent: string, prefix: string): string {
  const path = join(parent, `${prefix}${randomBytes(6).toString('hex')}`);
  mkdirSync(path);
  return path;
}

function writeFile(path: string, content: string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, content);
}

function writeAll(root: string, content: ProjectContent, scaffold: readonly GeneratedFile[]): void {
  for (const file of scaffold) writeFile(join(root, file.path), file.content);
  for (const file of content.generated) writeFile(join(root, GENERATED_DIR_NAME, file.path), file.content);
  writeFile(join(root, CONFIG_FILE_NAME), content.config);
}

/** Stages the whole project beside its target and renames it into place in one step. */
function writeNewProject(dir: string, content: ProjectContent): void {
  const parent = dirname(dir);
  const stagingPrefix = `${STAGING_PREFIX}${basename(dir)}-`;
  for (const entry of readdirSync(parent)) {
    if (entry.startsWith(stagingPrefix)) rmSync(join(parent, entry), { recursive: true, force: true });
  }
  const staging = makeStagingDir(parent, stagingPrefix);
  try {
    writeAll(staging, content, content.scaffold);
    if (existsSync(dir)) rmdirSync(dir); // empty, as inspectTarget found it
    renameSync(staging, dir);
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

/** Regenerates irsa.config.json and generated/ of an existing folder, staged inside it. */
function updateProject(dir: string, content: ProjectContent, options: { createMissingScaffold: boolean }): void {
  recoverInterruptedSwap(dir);
  const missing = options.createMissingScaffold ? content.scaffold.filter((file) => !existsSync(join(dir, file.path))) : [];
  const staging = makeStagingDir(dir, STAGING_PREFIX);
  try {
    writeAll(staging, content, missing);
    for (const file of missing) {
      mkdirSync(dirname(join(dir, file.path)), { recursive: true });
      renameSync(join(staging, file.path), join(dir, file.path));
    }
    swapIntoPlace(dir, staging);
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

/**
 * Renames are atomic; replacing a folder takes two. Between them the previous output is kept
 * aside under a fixed name, and restored by the next run if the process died right there.
 */
function swapIntoPlace(dir: string, staging: string): void {
  const generated = join(dir, GENERATED_DIR_NAME);
  const previous = join(dir, PREVIOUS_GENERATED);
  if (existsSync(generated)) renameSync(generated, previous);
  renameSync(join(staging, GENERATED_DIR_NAME), generated);
  renameSync(join(staging, CONFIG_FILE_NAME), join(dir, CONFIG_FILE_NAME));
  rmSync(previous, { recursive: true, force: true });
}

/** Puts back the output of a run that died mid-swap, and removes staging folders of dead runs. */
function recoverInterruptedSwap(dir: string): void {
  const generated = join(dir, GENERATED_DIR_NAME);
  const previous = join(dir, PREVIOUS_GENERATED);
  if (existsSync(previous)) {
    if (existsSync(generated)) rmSync(previous, { recursive: true, force: true });
    else renameSync(previous, generated);
  }
  for (const entry of readdirSync(dir)) {
    if (entry.startsWith(STAGING_PREFIX)) rmSync(join(dir, entry), { recursive: true, force: true });
  }
}
