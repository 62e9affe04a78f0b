import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { acquireProjectLock, LockHolder } from '../../src/project/project-lock';
import { TargetDirectoryError } from '../../src/project/target-errors';
import { tempDir } from '../helpers/fixtures';

const LOCK = '.create-irsa-lock';

/** The pid of a process that has ended (and been waited for). */
function deadPid(): number {
  return spawnSync(process.execPath, ['-e', '']).pid as number;
}

function placeLock(dir: string, holder: Partial<LockHolder>): void {
  writeFileSync(join(dir, LOCK), JSON.stringify({ pid: process.pid, hostname: hostname(), since: '2026-01-01T00:00:00.000Z', id: 'other', ...holder }));
}

async function lockError(dir: string, waitMs = 150): Promise<TargetDirectoryError> {
  try {
    await acquireProjectLock(dir, { waitMs });
  } catch (error) {
    expect(error).toBeInstanceOf(TargetDirectoryError);
    return error as TargetDirectoryError;
  }
  throw new Error('expected the lock to be refused');
}

describe('the project lock', () => {
  it('GIVEN no lock THEN it is taken, records who holds it, and is removed on release', async () => {
    const dir = tempDir();
    const lock = await acquireProjectLock(dir, { waitMs: 0 });
    expect(JSON.parse(readFileSync(join(dir, LOCK), 'utf8'))).toEqual({ pid: process.pid, hostname: hostname(), since: expect.any(String), id: lock.holder.id });
    lock.release();
    expect(existsSync(join(dir, LOCK))).toBe(false);
  });

  it('GIVEN a lock held by a live run THEN a second run waits the time it is given, then fails naming the holder and the file', async () => {
    const dir = tempDir();
    const held = await acquireProjectLock(dir, { waitMs: 0 });
    const waits: Array<LockHolder | undefined> = [];
    const started = Date.now();
    let error: unknown;
    await acquireProjectLock(dir, { waitMs: 300, onWait: (holder) => waits.push(holder) }).catch((caught) => (error = caught));
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
    expect(error).toEqual(expect.objectContaining({ kind: 'busy' }));
    const message = (error as Error).message;
    expect(message).toContain(`is being written by another create-irsa run (pid ${process.pid} on ${hostname()}`);
    expect(message).toContain(`If no create-irsa is running there, the lock is stale: delete ${join(dir, LOCK)}`);
    expect(waits).toEqual([held.holder]);
    held.release();
  });

  it('GIVEN a lock released while a second run waits THEN the second run takes it', async () => {
    const dir = tempDir();
    const first = await acquireProjectLock(dir, { waitMs: 0 });
    setTimeout(() => first.release(), 200);
    const second = await acquireProjectLock(dir, { waitMs: 5000 });
    expect(second.holder.id).not.toBe(first.holder.id);
    second.assertHeld();
    second.release();
  });

  it.each([
    ['a process of this host that has ended', () => ({ pid: deadPid() })],
    ['this very process, which does not hold it', () => ({ pid: process.pid, id: 'not-held-here' })],
  ])('GIVEN a lock left by %s THEN it is stale and taken over', async (_, holder) => {
    const dir = tempDir();
    placeLock(dir, holder());
    const lock = await acquireProjectLock(dir, { waitMs: 0 });
    expect(JSON.parse(readFileSync(join(dir, LOCK), 'utf8')).id).toBe(lock.holder.id);
    lock.release();
  });

  it('GIVEN a lock from another host THEN it is never taken for stale, and the message names that host', async () => {
    const dir = tempDir();
    placeLock(dir, { pid: deadPid(), hostname: 'build-agent-7' });
    const error = await lockError(dir);
    expect(error.message).toContain('on build-agent-7');
    expect(existsSync(join(dir, LOCK))).toBe(true);
  });

  it('GIVEN a lock file that names no holder THEN it is held until it is clearly abandoned', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, LOCK), '');
    expect((await lockError(dir)).message).toContain('its lock file does not say which');
    const old = new Date(Date.now() - 60000);
    utimesSync(join(dir, LOCK), old, old);
    (await acquireProjectLock(dir, { waitMs: 0 })).release();
  });

  it('GIVEN a run whose lock was taken over THEN it knows before writing, and its release leaves the new holder alone', async () => {
    const dir = tempDir();
    const lock = await acquireProjectLock(dir, { waitMs: 0 });
    placeLock(dir, { id: 'newcomer' });
    expect(() => lock.assertHeld()).toThrow(/Another create-irsa run took over the lock .* nothing was changed/);
    lock.release();
    expect(JSON.parse(readFileSync(join(dir, LOCK), 'utf8')).id).toBe('newcomer');
  });
});
