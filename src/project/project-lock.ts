/**
 * One writer per project: a lock file in the project folder, created exclusively, that names the
 * process holding it (pid, host, start time, and a random id). A second run waits a bounded time
 * for it, then gives up with a message naming the file. A lock whose process is gone (on this host)
 * is stale and is broken; a lock from another host can only be cleared by hand.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, openSync, readFileSync, renameSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { LOCK_FILE_NAME } from './project-layout';
import { isErrnoException, TargetDirectoryError } from './target-errors';

export const DEFAULT_LOCK_WAIT_MS = 5000;

/** A lock file that names no holder is stale after this long: its writer fills it at once. */
const UNREADABLE_LOCK_STALE_MS = 10000;

export interface LockHolder {
  readonly pid: number;
  readonly hostname: string;
  readonly since: string;
  readonly id: string;
}

export interface LockOptions {
  /** How long to wait for another run to finish, in milliseconds. */
  readonly waitMs: number;
  /** Called once when this run starts waiting, with the holder when the lock file names one. */
  readonly onWait?: (holder: LockHolder | undefined) => void;
}

/** Ids of the locks this process holds, so its own pid in a lock file is not mistaken for it. */
const heldHere = new Set<string>();

export class ProjectLock {
  constructor(
    readonly dir: string,
    readonly path: string,
    readonly holder: LockHolder,
  ) {}

  /** Throws unless this run still holds the lock: checked before anything is put in place. */
  assertHeld(): void {
    const current = readLock(this.path);
    if (current.kind !== 'held' || current.holder?.id !== this.holder.id) {
      throw new TargetDirectoryError(
        `Another create-irsa run took over the lock of ${this.dir} (${this.path}) while this one was writing; nothing was changed. Run again.`,
        'busy',
      );
    }
  }

  release(): void {
    heldHere.delete(this.holder.id);
    const current = readLock(this.path);
    if (current.kind === 'held' && current.holder?.id === this.holder.id) rmSync(this.path, { force: true });
  }
}

export async function acquireProjectLock(dir: string, options: LockOptions): Promise<ProjectLock> {
  const path = join(dir, LOCK_FILE_NAME);
  const me: LockHolder = { pid: process.pid, hostname: hostname(), since: new Date().toISOString(), id: randomBytes(8).toString('hex') };
  const deadline = Date.now() + options.waitMs;
  let waiting = false;
  for (;;) {
    if (tryCreateLock(path, me)) {
      heldHere.add(me.id);
      return new ProjectLock(dir, path, me);
    }
    const current = readLock(path);
    if (current.kind === 'gone') continue;
    if (isStale(current)) {
      breakStaleLock(path, current, me.id);
      continue;
    }
    if (Date.now() >= deadline) throw lockedError(dir, path, current.holder, options.waitMs);
    if (!waiting) options.onWait?.(current.holder);
    waiting = true;
    await new Promise((resolve) => setTimeout(resolve, 40 + Math.floor(Math.random() * 40)));
  }
}

/** Creates the lock file if there is none; false when another run holds it. */
function tryCreateLock(path: string, me: LockHolder): boolean {
  let fd: number;
  try {
    fd = openSync(path, 'wx');
  } catch (error) {
    if (isErrnoException(error) && error.code === 'EEXIST') return false;
    throw error;
  }
  try {
    writeSync(fd, `${JSON.stringify(me)}\n`);
  } catch (error) {
    closeSync(fd);
    rmSync(path, { force: true });
    if (isErrnoException(error)) error.path ??= path;
    throw error;
  }
  closeSync(fd);
  return true;
}

type LockState =
  | { readonly kind: 'gone' }
  | { readonly kind: 'held'; readonly raw: string; readonly holder?: LockHolder; readonly modifiedMs: number };

function readLock(path: string): LockState {
  let raw: string;
  let modifiedMs: number;
  try {
    raw = readFileSync(path, 'utf8');
    modifiedMs = statSync(path).mtimeMs;
  } catch (error) {
    if (isErrnoException(error) && error.code === 'ENOENT') return { kind: 'gone' };
    throw error;
  }
  return { kind: 'held', raw, holder: parseHolder(raw), modifiedMs };
}

function parseHolder(raw: string): LockHolder | undefined {
  try {
    const value = JSON.parse(raw) as Partial<LockHolder>;
    const valid =
      Number.isSafeInteger(value.pid) && typeof value.hostname === 'string' && typeof value.since === 'string' && typeof value.id === 'string';
    return valid ? (value as LockHolder) : undefined;
  } catch {
    return undefined;
  }
}

function isStale(lock: Extract<LockState, { kind: 'held' }>): boolean {
  const { holder } = lock;
  if (!holder) return Date.now() - lock.modifiedMs > UNREADABLE_LOCK_STALE_MS;
  // Another machine's processes cannot be seen from here.
  if (holder.hostname !== hostname()) return false;
  if (holder.pid === process.pid) return !heldHere.has(holder.id);
  return !isProcessAlive(holder.pid);
}

function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  // A killed process its parent has not yet waited for is a zombie: it is gone all the same.
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return true;
  }
}

/**
 * Removes a stale lock so that only one waiting run does it: the lock file is first renamed aside
 * (only one rename can succeed), then checked to be the stale one. If a live run had taken the
 * lock in between, its lock is put back.
 */
function breakStaleLock(path: string, stale: Extract<LockState, { kind: 'held' }>, breakerId: string): void {
  const aside = `${path}-stale-${breakerId}`;
  try {
    renameSync(path, aside);
  } catch (error) {
    if (isErrnoException(error) && error.code === 'ENOENT') return;
    throw error;
  }
  const moved = readFileSync(aside, 'utf8');
  if (moved !== stale.raw) {
    try {
      writeFileSync(path, moved, { flag: 'wx' });
    } catch (error) {
      if (!isErrnoException(error) || error.code !== 'EEXIST') throw error;
    }
  }
  rmSync(aside, { force: true });
}

function lockedError(dir: string, path: string, holder: LockHolder | undefined, waitMs: number): TargetDirectoryError {
  const waited = `waited ${Math.round(waitMs / 100) / 10} s`;
  const who = holder
    ? `another create-irsa run (pid ${holder.pid} on ${holder.hostname}, since ${holder.since})`
    : 'another create-irsa run (its lock file does not say which)';
  return new TargetDirectoryError(
    `${dir} is being written by ${who}; ${waited}. Run again when it has finished. ` +
      `If no create-irsa is running there, the lock is stale: delete ${path}.`,
    'busy',
  );
}
