/**
 * How the files create-irsa would write differ from those in a project's `generated/`. Only
 * create-irsa's own files count (see generated-manifest): Terraform's state, lock file and
 * `.terraform/`, and any file a user added, are neither compared nor reported.
 */
import { lstatSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ownership, readOwnership } from '../project/generated-manifest';
import { isErrnoException } from '../project/target-errors';
import { GeneratedFile } from '../synth/module-files';

export interface FileChanges {
  readonly added: readonly string[];
  readonly changed: readonly string[];
  readonly removed: readonly string[];
}

/** What writing a file does to what is there: adds it, changes it, or nothing (the same content). */
export type FileChange = 'added' | 'changed' | undefined;

/** How writing `content` to `path` changes it; a path that cannot be read as a file is replaced, so changes. */
export function fileChange(path: string, content: string): FileChange {
  try {
    return readFileSync(path, 'utf8') === content ? undefined : 'changed';
  } catch (error) {
    return isErrnoException(error) && error.code === 'ENOENT' ? 'added' : 'changed';
  }
}

export function hasChanges(changes: FileChanges): boolean {
  return changes.added.length + changes.changed.length + changes.removed.length > 0;
}

/** Compares `expected` (paths relative to `generated/`, its manifest included) with what `generatedDir` holds. */
export function compareWithGenerated(expected: readonly GeneratedFile[], actual: ReadonlyMap<string, string>): FileChanges {
  const expectedPaths = new Set(expected.map((file) => file.path));
  return {
    added: expected.filter((file) => !actual.has(file.path)).map((file) => file.path),
    changed: expected.filter((file) => actual.has(file.path) && actual.get(file.path) !== file.content).map((file) => file.path),
    removed: [...actual.keys()].filter((path) => !expectedPaths.has(path)).sort(),
  };
}

/** create-irsa's files below `generatedDir`, by relative path, with their content; links are not followed. */
export function readOwnFiles(generatedDir: string): Map<string, string> {
  const ownership = readOwnership(generatedDir, 'legacy');
  const files = new Map<string, string>();
  walk(generatedDir, '', ownership, files);
  return files;
}

function walk(root: string, base: string, ownership: Ownership, files: Map<string, string>): void {
  let entries: string[];
  try {
    entries = readdirSync(join(root, base));
  } catch {
    return;
  }
  for (const name of entries.sort()) {
    const path = base ? `${base}/${name}` : name;
    const stat = lstatSync(join(root, path));
    if (stat.isDirectory()) {
      if (ownership.mayHold(path)) walk(root, path, ownership, files);
    } else if (stat.isFile() && ownership.owns(path)) {
      files.set(path, readFileSync(join(root, path), 'utf8'));
    }
  }
}
