/**
 * Where a scaffold file may be created: only where nothing is, and never through a symbolic link,
 * so that writing into an existing folder (with --force) cannot write outside it.
 */
import { lstatSync } from 'node:fs';
import { join } from 'node:path';
import { isErrnoException } from './target-errors';

/** Why the scaffold file at `path` (relative to `dir`) is not created, or undefined if it can be. */
export function scaffoldObstacle(dir: string, path: string): string | undefined {
  const segments = path.split('/');
  for (let depth = 1; depth <= segments.length; depth += 1) {
    const shown = segments.slice(0, depth).join('/');
    let entry;
    try {
      entry = lstatSync(join(dir, ...segments.slice(0, depth)));
    } catch (error) {
      if (isErrnoException(error) && error.code === 'ENOENT') return undefined;
      throw error;
    }
    if (depth === segments.length) return entry.isSymbolicLink() ? 'a symbolic link is there' : 'it already exists';
    if (entry.isSymbolicLink()) return `${shown} is a symbolic link, which create-irsa does not write through`;
    if (!entry.isDirectory()) return `${shown} is a file, not a folder`;
  }
  return undefined;
}
