/**
 * How the files create-irsa would write differ from those in a project's `generated/`. Only
 * create-irsa's own files count: Terraform's state, lock file and `.terraform/`, and any file a
 * user added, are neither compared nor reported.
 */
import { lstatSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GeneratedFile, isGeneratedFilePath } from '../synth/module-files';

export interface FileChanges {
  readonly added: readonly string[];
  readonly changed: readonly string[];
  readonly removed: readonly string[];
}

export function hasChanges(changes: FileChanges): boolean {
  return changes.added.length + changes.changed.length + changes.removed.length > 0;
}

/** Compares `expected` (paths relative to `generated/`) with what `generatedDir` holds. */
export function compareWithGenerated(generatedDir: string, expected: readonly GeneratedFile[]): FileChanges {
  const actual = readOwnFiles(generatedDir);
  const expectedPaths = new Set(expected.map((file) => file.path));
  return {
    added: expected.filter((file) => !actual.has(file.path)).map((file) => file.path),
    changed: expected.filter((file) => actual.has(file.path) && actual.get(file.path) !== file.content).map((file) => file.path),
    removed: [...actual.keys()].filter((path) => !expectedPaths.has(path)).sort(),
  };
}

/** create-irsa's files below `dir`, by relative path; links are not followed. */
export function readOwnFiles(dir: string, base = ''): Map<string, string> {
  const files = new Map<string, string>();
  let entries: string[];
  try {
    entries = readdirSync(join(dir, base));
  } catch {
    return files;
  }
  for (const name of entries.sort()) {
    const path = base ? `${base}/${name}` : name;
    const stat = lstatSync(join(dir, path));
    if (stat.isDirectory()) {
      for (const [child, content] of readOwnFiles(dir, path)) files.set(child, content);
    } else if (stat.isFile() && isGeneratedFilePath(path)) {
      files.set(path, readFileSync(join(dir, path), 'utf8'));
    }
  }
  return files;
}
