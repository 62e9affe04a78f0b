/**
 * How messages name the project folder: as it was typed (tidied), or absolute when it was typed
 * absolute; never a path relative to the working directory that nobody typed (`../../t` for
 * `/tmp/nu/t`).
 */
import { isAbsolute, relative, resolve } from 'node:path';
import { trimValue } from '../config/normalize';

export function shownDir(cwd: string, typed: string): string {
  const folder = trimValue(typed);
  const absolute = resolve(cwd, folder);
  return isAbsolute(folder) ? absolute : relative(cwd, absolute) || '.';
}
