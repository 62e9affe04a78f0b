/**
 * Writes a create-irsa project folder safely:
 * - one run at a time: the project is locked while a run reads it and writes it (project-lock);
 * - a non-empty folder that is not a create-irsa project is never touched without `force`;
 * - everything is staged inside the project and put in place by renames (project-commit), so a run
 *   that dies at any point leaves what the next run finishes or undoes;
 * - in generated/, only the files create-irsa wrote are replaced or removed: Terraform state,
 *   `.terraform/` and a user's own files are carried into the new generated/ (generated-manifest);
 * - project files a user may have edited (package.json, main.ts, templates, README) are only
 *   ever created where nothing is, never overwritten, and never through a symbolic link.
 */
import { lstatSync, mkdirSync, rmdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { GeneratedFile } from '../synth/module-files';
import { manifestFile, readOwnership } from './generated-manifest';
import { assertTreeWritable, planGeneratedTree } from './generated-tree';
import { CommitJournal, commitStaged, JOURNAL_FILE_NAME, recoverInterruptedWrite, STAGED_SCAFFOLD_DIR } from './project-commit';
import { acquireProjectLock, DEFAULT_LOCK_WAIT_MS, LockHolder, ProjectLock } from './project-lock';
import { CONFIG_FILE_NAME, GENERATED_DIR_NAME, STAGING_PREFIX } from './project-layout';
import { scaffoldObstacle } from './scaffold-placement';
import { isErrnoException, TargetDirectoryError, targetFsError } from './target-errors';
import { checkTargetPath, inspectTarget, refusalMessage, TargetInspection } from './target-state';

export { CONFIG_FILE_NAME, GENERATED_DIR_NAME, MANIFEST_FILE_NAME } from './project-layout';
export { TargetDirectoryError } from './target-errors';
export { inspectTarget, refusalMessage } from './target-state';
export type { TargetInspection, TargetState } from './target-state';

export interface ProjectContent {
  /** Content of irsa.config.json. */
  readonly config: string;
  /** Files of generated/, by path relative to it. */
  readonly generated: readonly GeneratedFile[];
  /** The other files of a new project, by path relative to it; created only where absent. */
  readonly scaffold: readonly GeneratedFile[];
}

export interface KeptFile {
  readonly path: string;
  readonly reason: string;
}

export interface WriteReport {
  /** Scaffold files created. */
  readonly created: readonly string[];
  /** Scaffold files not written because something is already there. */
  readonly kept: readonly KeptFile[];
  /** Entries of generated/ that create-irsa did not write, carried over unchanged (relative to generated/). */
  readonly carried: readonly string[];
  /** Cluster folders of generated/ no longer generated, kept for the entries create-irsa did not write. */
  readonly leftovers: readonly string[];
}

export interface OpenOptions {
  /** How long to wait for another run writing the same project, in milliseconds. */
  readonly lockWaitMs?: number;
  /** Told once when this run waits for another. */
  readonly onWait?: (holder: LockHolder | undefined) => void;
}

/** A project folder this run holds the lock of: read it and write it, then close it. */
export class LockedProject {
  private wrote = false;

  private constructor(
    readonly dir: string,
    private readonly lock: ProjectLock,
    private readonly createdFolder: boolean,
  ) {}

  /**
   * Locks `dir`, creating it if it is missing (its parent must exist), and finishes or undoes the
   * write of a run that died in it.
   */
  static async open(dir: string, options: OpenOptions = {}): Promise<LockedProject> {
    for (let attempt = 0; ; attempt += 1) {
      let created = false;
      let lock: ProjectLock;
      try {
        if (checkTargetPath(dir) === 'missing') created = makeFolder(dir);
        lock = await acquireProjectLock(dir, { waitMs: options.lockWaitMs ?? DEFAULT_LOCK_WAIT_MS, onWait: options.onWait });
      } catch (error) {
        // The folder vanished: a run that had created it failed and removed it. Create it again.
        if (isErrnoException(error) && error.code === 'ENOENT' && attempt < 5) continue;
        throw targetFsError(error, dir, 'Nothing was written.');
      }
      const project = new LockedProject(dir, lock, created);
      try {
        recoverInterruptedWrite(dir, lock.holder.id);
      } catch (error) {
        project.close();
        throw targetFsError(error, dir, 'An interrupted earlier run could not be finished; nothing else was changed.');
      }
      return project;
    }
  }

  /** What the folder is, as this run sees it while holding the lock. */
  inspect(): TargetInspection {
    return inspectTarget(this.dir);
  }

  /** Which scaffold files would be created, and which kept because something is there. */
  planScaffold(scaffold: readonly GeneratedFile[]): { create: readonly GeneratedFile[]; kept: readonly KeptFile[] } {
    const create: GeneratedFile[] = [];
    const kept: KeptFile[] = [];
    for (const file of scaffold) {
      const obstacle = scaffoldObstacle(this.dir, file.path);
      if (obstacle === undefined) create.push(file);
      else kept.push({ path: file.path, reason: obstacle });
    }
    return { create, kept };
  }

  write(content: ProjectContent, options: { force: boolean }): WriteReport {
    const staging = join(this.dir, `${STAGING_PREFIX}${this.lock.holder.id}`);
    let prepared;
    try {
      prepared = this.stage(staging, content, options.force);
      this.lock.assertHeld();
    } catch (error) {
      removeQuietly(staging);
      throw targetFsError(error, this.dir, 'Nothing was changed.');
    }
    const { journal, tree, keptBefore } = prepared;
    const outcome = commitStaged(this.dir, staging, journal);
    this.wrote = true;
    return { created: outcome.created, kept: [...keptBefore, ...outcome.kept], carried: tree.kept, leftovers: tree.leftovers };
  }

  /** Checks everything that can be checked, then writes the staging folder; changes nothing else. */
  private stage(staging: string, content: ProjectContent, force: boolean) {
    const inspection = this.inspect();
    if (inspection.state === 'foreign' && !force) throw new TargetDirectoryError(refusalMessage(this.dir, inspection), 'refused');
    assertReplaceable(this.dir);
    const generatedDir = join(this.dir, GENERATED_DIR_NAME);
    const ownership = readOwnership(generatedDir, inspection.state === 'project' ? 'legacy' : 'none');
    const generated = [...content.generated, manifestFile(content.generated, content.config)];
    const tree = planGeneratedTree(generatedDir, ownership, generated.map((file) => file.path));
    assertTreeWritable(generatedDir, tree, this.dir);
    const scaffold = this.planScaffold(inspection.state === 'project' ? [] : content.scaffold);

    mkdirSync(staging);
    const staged = [
      ...generated.map((file) => ({ path: join(staging, GENERATED_DIR_NAME, file.path), content: file.content })),
      ...scaffold.create.map((file) => ({ path: join(staging, STAGED_SCAFFOLD_DIR, file.path), content: file.content })),
      { path: join(staging, CONFIG_FILE_NAME), content: content.config },
    ];
    // Each folder once, including the ones that will receive the entries carried over.
    const folders = new Set([...staged.map((file) => dirname(file.path)), ...tree.kept.map((path) => dirname(join(staging, GENERATED_DIR_NAME, path)))]);
    folders.delete(staging);
    for (const folder of [...folders].sort()) mkdirSync(folder, { recursive: true });
    for (const file of staged) writeFile(file.path, file.content);
    const journal: CommitJournal = { kept: tree.kept, scaffold: scaffold.create.map((file) => file.path) };
    writeFile(join(staging, JOURNAL_FILE_NAME), `${JSON.stringify(journal)}\n`);
    return { journal, tree, keptBefore: scaffold.kept };
  }

  /** Releases the lock; a folder this run created and did not write to is removed again. */
  close(): void {
    this.lock.release();
    if (this.createdFolder && !this.wrote) {
      try {
        rmdirSync(this.dir);
      } catch {
        // Not empty: another run is already waiting in it.
      }
    }
  }
}

/** Locks, writes and closes: for callers that need nothing else from the project. */
export async function writeProject(dir: string, content: ProjectContent, options: { force: boolean } & OpenOptions): Promise<WriteReport> {
  const project = await LockedProject.open(dir, options);
  try {
    return project.write(content, options);
  } finally {
    project.close();
  }
}

function makeFolder(dir: string): boolean {
  try {
    mkdirSync(dir);
    return true;
  } catch (error) {
    // Another run created it a moment ago; it is locked and written in turn.
    if (isErrnoException(error) && error.code === 'EEXIST' && checkTargetPath(dir) === 'folder') return false;
    throw error;
  }
}

/**
 * generated/ and irsa.config.json are replaced by renames, which would replace a symbolic link
 * itself: a link there is the user's arrangement, so it is refused rather than dropped or followed.
 * `--check` and `--dry-run` refuse it the same way, rather than judge what the link points at.
 */
export function assertReplaceable(dir: string): void {
  for (const [name, kind] of [
    [GENERATED_DIR_NAME, 'folder'],
    [CONFIG_FILE_NAME, 'file'],
  ] as const) {
    let entry;
    try {
      entry = lstatSync(join(dir, name));
    } catch (error) {
      if (isErrnoException(error) && error.code === 'ENOENT') continue;
      throw targetFsError(error, dir, 'Nothing was changed.');
    }
    const problem = entry.isSymbolicLink()
      ? 'is a symbolic link'
      : kind === 'folder' && !entry.isDirectory()
        ? 'is not a folder'
        : kind === 'file' && !entry.isFile()
          ? 'is not a file'
          : undefined;
    if (problem) {
      throw new TargetDirectoryError(
        `${join(dir, name)} ${problem}; create-irsa replaces ${name} with its own ${kind} and does not follow or remove links. ` +
          `Replace it with a real ${kind} (or move it away) and run again; nothing was changed.`,
        'refused',
      );
    }
  }
}

function writeFile(path: string, content: string): void {
  try {
    writeFileSync(path, content);
  } catch (error) {
    // A failed write (ENOSPC, EIO) does not say which file it was writing.
    if (isErrnoException(error)) error.path ??= path;
    throw error;
  }
}

function removeQuietly(path: string): void {
  try {
    rmSync(path, { recursive: true, force: true });
  } catch {
    // A staging folder left behind is removed by the next run.
  }
}
