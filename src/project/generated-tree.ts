/**
 * How the previous generated/ becomes the new one: create-irsa's own files are replaced, and every
 * other entry is carried over whole (a file, a link, or a folder with all it holds, such as
 * `.terraform/`). Only folders that hold or will hold create-irsa files are looked into, so a
 * user's folder is moved as one entry, however deep it is.
 */
import { accessSync, constants, Dirent, lstatSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { GENERATED_DIR_NAME } from './project-layout';
import { ancestors, Ownership } from './generated-manifest';
import { isErrnoException, TargetDirectoryError } from './target-errors';

export interface GeneratedTreePlan {
  /** Entries create-irsa did not write, by path relative to generated/, to carry into the new one. */
  readonly kept: readonly string[];
  /** Which of `kept` are folders. */
  readonly keptFolders: readonly string[];
  /** Folders looked into ('' is generated/ itself): create-irsa removes its files from them. */
  readonly walked: readonly string[];
  /** Cluster folders no longer generated that still hold kept entries (a renamed or removed cluster). */
  readonly leftovers: readonly string[];
}

const EMPTY_PLAN: GeneratedTreePlan = { kept: [], keptFolders: [], walked: [], leftovers: [] };

export function planGeneratedTree(generatedDir: string, ownership: Ownership, newFiles: readonly string[]): GeneratedTreePlan {
  if (!isFolder(generatedDir)) return EMPTY_PLAN;
  const newSet = new Set(newFiles);
  const newFolders = new Set(newFiles.flatMap(ancestors));
  const kept: string[] = [];
  const keptFolders: string[] = [];
  const walked: string[] = [];
  const conflicts: string[] = [];
  const pending = [''];
  while (pending.length > 0) {
    const folder = pending.pop() as string;
    walked.push(folder);
    const entries: Dirent[] = readdirSync(join(generatedDir, folder), { withFileTypes: true });
    for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const path = folder === '' ? entry.name : `${folder}/${entry.name}`;
      if (entry.isDirectory()) {
        if (ownership.mayHold(path) || newFolders.has(path)) pending.push(path);
        else if (newSet.has(path)) conflicts.push(path);
        else {
          kept.push(path);
          keptFolders.push(path);
        }
      } else if (!ownership.owns(path)) {
        if (newSet.has(path) || newFolders.has(path)) conflicts.push(path);
        else kept.push(path);
      }
    }
  }
  if (conflicts.length > 0) throw conflictError(conflicts);
  const leftovers = [...new Set(kept.filter((path) => path.includes('/')).map((path) => path.split('/')[0]))].filter(
    (cluster) => !newFolders.has(cluster),
  );
  return { kept: kept.sort(), keptFolders: keptFolders.sort(), walked: walked.sort(), leftovers: leftovers.sort() };
}

function isFolder(path: string): boolean {
  try {
    return lstatSync(path).isDirectory();
  } catch (error) {
    if (isErrnoException(error) && error.code === 'ENOENT') return false;
    throw error;
  }
}

function conflictError(conflicts: readonly string[]): TargetDirectoryError {
  const shown = conflicts.map((path) => `${GENERATED_DIR_NAME}/${path}`).join(', ');
  return new TargetDirectoryError(
    `${shown}: create-irsa writes its own file or folder there, but what is there now is not create-irsa's ` +
      `(a file its manifest does not list, or a symbolic link). Move it elsewhere and run again; nothing was changed.`,
    'refused',
  );
}

/**
 * Finds a read-only folder before anything is replaced: removing create-irsa's files needs write
 * access to the folders that hold them, and moving a folder to a new parent needs it to that folder.
 */
export function assertTreeWritable(generatedDir: string, plan: GeneratedTreePlan, projectDir: string): void {
  for (const folder of [...plan.walked, ...plan.keptFolders]) {
    const path = join(generatedDir, folder);
    try {
      accessSync(path, constants.W_OK);
    } catch (error) {
      if (!isErrnoException(error)) throw error;
      throw new TargetDirectoryError(
        `Cannot write to ${projectDir}: ${path} is read-only (${error.code}), and create-irsa replaces the files it wrote in ` +
          `${GENERATED_DIR_NAME}/. Make it writable (chmod -R u+w ${generatedDir}) and run again; nothing was changed.`,
        'unusable',
      );
    }
  }
}
