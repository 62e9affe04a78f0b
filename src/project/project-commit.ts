/**
 * Putting a staged write in place, so that a run killed at any instant leaves a project the next
 * run can finish or undo. The staging folder holds the new generated/, irsa.config.json, the
 * scaffold files to create, and a journal of the entries of the previous generated/ to carry over.
 *
 * 1. the staging folder is renamed to `.create-irsa-commit` (a run that dies from here on is
 *    recovered by the next one, which holds the lock);
 * 2. generated/ is renamed aside to `.create-irsa-previous-generated`;
 * 3. each entry create-irsa did not write is moved from it into the new generated/;
 * 4. the new generated/ is renamed into place: the commit point;
 * 5. irsa.config.json is renamed into place, then absent scaffold files are created;
 * 6. what is left of the previous generated/ (create-irsa's old files) and the commit folder are removed.
 *
 * Recovery: before the commit point, steps 3 and 2 are undone (the previous output comes back whole);
 * after it, steps 5 and 6 are finished, so generated/ and irsa.config.json always match.
 */
import { randomBytes } from 'node:crypto';
import { constants, copyFileSync, linkSync, lstatSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { CONFIG_FILE_NAME, COMMIT_DIR_NAME, GENERATED_DIR_NAME, PREVIOUS_GENERATED_NAME, STAGING_PREFIX } from './project-layout';
import { scaffoldObstacle } from './scaffold-placement';
import { isErrnoException, TargetDirectoryError, targetFsError } from './target-errors';

export const JOURNAL_FILE_NAME = 'journal.json';
export const STAGED_SCAFFOLD_DIR = 'scaffold';

export interface CommitJournal {
  /** Entries of the previous generated/ to carry into the new one, relative to generated/. */
  readonly kept: readonly string[];
  /** Scaffold files to create where absent, relative to the project. */
  readonly scaffold: readonly string[];
}

export interface ScaffoldOutcome {
  readonly created: readonly string[];
  readonly kept: ReadonlyArray<{ readonly path: string; readonly reason: string }>;
}

function exists(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

export function commitStaged(dir: string, staging: string, journal: CommitJournal): ScaffoldOutcome {
  const commit = join(dir, COMMIT_DIR_NAME);
  try {
    renameSync(staging, commit);
    swapGenerated(dir, commit, journal.kept);
  } catch (error) {
    throw targetFsError(error, dir, 'Nothing was changed.');
  }
  try {
    return finishCommit(dir, commit, journal);
  } catch (error) {
    throw targetFsError(error, dir, `The new ${GENERATED_DIR_NAME}/ is in place; run create-irsa again to finish.`);
  }
}

function swapGenerated(dir: string, commit: string, kept: readonly string[]): void {
  const generated = join(dir, GENERATED_DIR_NAME);
  const previous = join(dir, PREVIOUS_GENERATED_NAME);
  const moved: string[] = [];
  try {
    if (exists(generated)) renameSync(generated, previous);
    for (const path of kept) {
      renameSync(join(previous, path), join(commit, GENERATED_DIR_NAME, path));
      moved.push(path);
    }
    renameSync(join(commit, GENERATED_DIR_NAME), generated);
  } catch (error) {
    try {
      undoSwap(dir, commit, moved);
    } catch {
      // Left for the next run's recovery, which does the same from the journal.
    }
    throw error;
  }
}

/** Moves carried entries back, puts the previous generated/ back, and drops the commit. */
function undoSwap(dir: string, commit: string, kept: readonly string[]): void {
  const generated = join(dir, GENERATED_DIR_NAME);
  const previous = join(dir, PREVIOUS_GENERATED_NAME);
  for (const path of [...kept].reverse()) {
    const from = join(commit, GENERATED_DIR_NAME, path);
    if (exists(from) && exists(previous) && !exists(join(previous, path))) renameSync(from, join(previous, path));
  }
  if (exists(previous) && !exists(generated)) renameSync(previous, generated);
  discard(dir, commit);
}

/**
 * Removes a finished or undone commit folder. It is renamed first, so that a run killed while
 * deleting it leaves a staging folder to remove, never a commit without its journal.
 */
function discard(dir: string, commit: string): void {
  const garbage = join(dir, `${STAGING_PREFIX}done-${randomBytes(6).toString('hex')}`);
  renameSync(commit, garbage);
  rmSync(garbage, { recursive: true, force: true });
}

function finishCommit(dir: string, commit: string, journal: CommitJournal): ScaffoldOutcome {
  const stagedConfig = join(commit, CONFIG_FILE_NAME);
  if (exists(stagedConfig)) renameSync(stagedConfig, join(dir, CONFIG_FILE_NAME));
  const outcome = createScaffold(dir, join(commit, STAGED_SCAFFOLD_DIR), journal.scaffold);
  rmSync(join(dir, PREVIOUS_GENERATED_NAME), { recursive: true, force: true });
  discard(dir, commit);
  return outcome;
}

/**
 * Creates each staged scaffold file where nothing is in the way. A hard link creates the file
 * whole or not at all, and never replaces a file that appeared meanwhile.
 */
function createScaffold(dir: string, from: string, paths: readonly string[]): ScaffoldOutcome {
  const created: string[] = [];
  const kept: Array<{ path: string; reason: string }> = [];
  for (const path of paths) {
    const source = join(from, path);
    if (!exists(source)) continue; // placed by an earlier, interrupted attempt
    const obstacle = scaffoldObstacle(dir, path);
    if (obstacle !== undefined) {
      kept.push({ path, reason: obstacle });
      continue;
    }
    makeParents(dir, path);
    if (createExclusive(source, join(dir, path))) created.push(path);
    else kept.push({ path, reason: 'it already exists' });
  }
  return { created, kept };
}

function makeParents(dir: string, path: string): void {
  const segments = path.split('/').slice(0, -1);
  for (let depth = 1; depth <= segments.length; depth += 1) {
    try {
      mkdirSync(join(dir, ...segments.slice(0, depth)));
    } catch (error) {
      if (!isErrnoException(error) || error.code !== 'EEXIST') throw error;
    }
  }
}

function createExclusive(source: string, target: string): boolean {
  try {
    linkSync(source, target);
    return true;
  } catch (error) {
    if (!isErrnoException(error)) throw error;
    if (error.code === 'EEXIST') return false;
    if (!['EPERM', 'ENOTSUP', 'ENOSYS', 'EMLINK', 'EXDEV', 'EOPNOTSUPP'].includes(error.code ?? '')) throw error;
  }
  // A file system without hard links: an exclusive copy.
  try {
    copyFileSync(source, target, constants.COPYFILE_EXCL);
    return true;
  } catch (error) {
    if (isErrnoException(error) && error.code === 'EEXIST') return false;
    throw error;
  }
}

/**
 * Finishes or undoes the write of a run that died, and removes the staging folders of runs that no
 * longer hold the lock. Called by the lock holder before it reads anything in the project.
 */
export function recoverInterruptedWrite(dir: string, lockId: string): void {
  const commit = join(dir, COMMIT_DIR_NAME);
  const generated = join(dir, GENERATED_DIR_NAME);
  const previous = join(dir, PREVIOUS_GENERATED_NAME);
  if (exists(commit)) {
    const journal = readJournal(commit);
    if (exists(join(commit, GENERATED_DIR_NAME))) undoSwap(dir, commit, journal.kept);
    else finishCommit(dir, commit, journal);
  } else if (exists(previous)) {
    // Killed between renaming generated/ aside and finishing: put it back, or drop the old copy.
    if (exists(generated)) rmSync(previous, { recursive: true, force: true });
    else renameSync(previous, generated);
  }
  // A run stages only while it holds the lock; staging of another lock id is a dead run's.
  for (const entry of readdirSync(dir)) {
    if (entry.startsWith(STAGING_PREFIX) && entry !== `${STAGING_PREFIX}${lockId}`) rmSync(join(dir, entry), { recursive: true, force: true });
  }
}

function readJournal(commit: string): CommitJournal {
  const path = join(commit, JOURNAL_FILE_NAME);
  try {
    const journal = JSON.parse(readFileSync(path, 'utf8')) as CommitJournal;
    if (Array.isArray(journal.kept) && Array.isArray(journal.scaffold)) return journal;
  } catch {
    // reported below
  }
  throw new TargetDirectoryError(
    `An interrupted create-irsa run left ${commit} without a readable journal, so it cannot be finished or undone safely. ` +
      `Compare it with ${GENERATED_DIR_NAME}/, keep what you need, delete it, and run again.`,
    'unusable',
  );
}
