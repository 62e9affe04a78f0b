import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Every file below `dir`, as sorted relative paths; [] when `dir` does not exist. */
export function listFiles(dir: string, base = ''): string[] {
  if (!existsSync(join(dir, base))) return [];
  return readdirSync(join(dir, base), { withFileTypes: true })
    .flatMap((entry) => {
      const path = base ? `${base}/${entry.name}` : entry.name;
      return entry.isDirectory() ? listFiles(dir, path) : [path];
    })
    .sort();
}

/** Every file below `dir` with its content, for byte-for-byte comparisons. */
export function snapshotFiles(dir: string): Record<string, string> {
  return Object.fromEntries(listFiles(dir).map((path) => [path, readFileSync(join(dir, path), 'utf8')]));
}
