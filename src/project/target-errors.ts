/**
 * The typed errors of writing a project. The entry point turns `kind` into the exit code:
 * `refused` and `invalid` are the user's input (2), `unusable` and `busy` are failures (1).
 */

export type TargetProblem = 'refused' | 'invalid' | 'unusable' | 'busy';

/** The target folder is not one create-irsa may or can write to, as it is. */
export class TargetDirectoryError extends Error {
  constructor(
    message: string,
    readonly kind: TargetProblem,
  ) {
    super(message);
    this.name = 'TargetDirectoryError';
  }
}

const REASONS: Readonly<Record<string, string>> = {
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'the file system is read-only',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'the disk quota is used up',
  ENAMETOOLONG: 'a path is too long for the file system',
  ELOOP: 'too many levels of symbolic links',
  EMFILE: 'too many open files',
  ENFILE: 'too many open files',
  EIO: 'an input/output error',
  EBUSY: 'a file is in use',
  ENOTDIR: 'a file is where a folder should be',
  EISDIR: 'a folder is where a file should be',
  EXDEV: 'a folder is on another file system',
  EEXIST: 'something is already there',
  ENOTEMPTY: 'a folder is not empty',
};

/** Not `instanceof Error`: errors of Node's own calls may come from another realm (as under Jest). */
export function isErrnoException(error: unknown): error is NodeJS.ErrnoException {
  return typeof error === 'object' && error !== null && typeof (error as NodeJS.ErrnoException).code === 'string';
}

/** One line for a failed file-system call: what failed, why, and on which path. */
export function describeFsError(error: NodeJS.ErrnoException): string {
  const code = error.code ?? 'error';
  const reason = REASONS[code] ?? (error.message.split('\n')[0] || code);
  return `${reason} (${code}${error.path ? ` on ${error.path}` : ''})`;
}

/**
 * A file-system failure while writing `dir`, as a one-line error; `outcome` says what it left
 * (for example that the previous files are unchanged). Typed errors pass through.
 */
export function targetFsError(error: unknown, dir: string, outcome: string): Error {
  if (error instanceof TargetDirectoryError || !isErrnoException(error)) return error as Error;
  return new TargetDirectoryError(`Cannot write to ${dir}: ${describeFsError(error)}. ${outcome}`, 'unusable');
}
