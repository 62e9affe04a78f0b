/**
 * Writes a create-irsa project folder safely:
 * - a non-empty folder that create-irsa did not make is never touched without `force`;
 * - everything is written to a staging folder first and renamed into place, so a run that dies
 *   half way leaves the previous `generated/` and `irsa.config.json` as they were.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
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
}

/** A folder is a create-irsa project when it holds an irsa.config.json. */
export function isCreateIrsaProject(dir: string): boolean {
  return existsSync(join(dir, CONFIG_FILE_NAME));
}

/** Throws unless `dir` is missing, empty, a create-irsa project, or `force` is set. */
export function assertWritableTarget(dir: string, force: boolean): void {
  if (!existsSync(dir)) {
    if (!existsSync(dirname(dir))) {
      throw new TargetDirectoryError(`Cannot create ${dir}: its parent folder ${dirname(dir)} does not exist.`, 'unusable');
    }
    return;
  }
  if (!statSync(dir).isDirectory()) throw new TargetDirectoryError(`${dir} exists and is not a folder.`, 'unusable');
  if (force || isCreateIrsaProject(dir) || readdirSync(dir).length === 0) return;
  throw new TargetDirectoryError(
    `${dir} is not empty and is not a create-irsa project (it has no ${CONFIG_FILE_NAME}). ` +
      'Choose another folder, or pass --force to write irsa.config.json and generated/ into it.',
    'refused',
  );
}

export function writeProject(dir: string, content: ProjectContent, options: { force: boolean }): void {
  assertWritableTarget(dir, options.force);
  try {
    if (!existsSync(dir)) mkdirSync(dir);
    recoverInterruptedSwap(dir);
    const staging = mkdtempSync(join(dir, STAGING_PREFIX));
    try {
      for (const file of content.generated) writeFile(join(staging, GENERATED_DIR_NAME, file.path), file.content);
      writeFile(join(staging, CONFIG_FILE_NAME), content.config);
      swapIntoPlace(dir, staging);
    } finally {
      rmSync(staging, { recursive: true, force: true });
    }
  } catch (error) {
    if (error instanceof TargetDirectoryError) throw error;
    const { code, path } = error as NodeJS.ErrnoException;
    if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
      throw new TargetDirectoryError(`Cannot write to ${path ?? dir}: permission denied (${code}).`, 'unusable');
    }
    throw error;
  }
}

function writeFile(path: string, content: string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, content);
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
