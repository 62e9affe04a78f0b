/**
 * Fault tests: the built CLI is killed with SIGKILL before each file-system write it makes in the
 * project, in turn; what it leaves must be the previous output (or, in the instant between its
 * two renames, the previous output set aside), and the next run must succeed and leave no temp files.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CLI_PATH, runBuiltCli } from '../helpers/run-built-cli';
import { listFiles, snapshotFiles } from '../helpers/files';
import { tempDir, validRawBinding, validRawConfig } from '../helpers/fixtures';

const PRELOAD = join(__dirname, '../helpers/kill-on-fs-op.js');

function runWithFault(args: string[], cwd: string, projectDir: string, killAt: number) {
  return spawnSync(process.execPath, ['--require', PRELOAD, CLI_PATH, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, FAULT_DIR: projectDir, FAULT_KILL_AT: String(killAt) },
    timeout: 30000,
  });
}

/** The project's output as a user sees it: generated/ and irsa.config.json. */
function output(dir: string): Record<string, string> {
  const files = snapshotFiles(dir);
  return Object.fromEntries(Object.entries(files).filter(([path]) => path === 'irsa.config.json' || path.startsWith('generated/')));
}

function only(files: Record<string, string>, prefix: string): Record<string, string> {
  return Object.fromEntries(Object.entries(files).filter(([path]) => path.startsWith(prefix)));
}

describe('a run killed while writing', () => {
  const cwd = tempDir();
  const oldConfig = validRawConfig();
  const newConfig = validRawConfig({
    bindings: [validRawBinding({ prefix: 'imports/' }), validRawBinding({ namespace: 'reporting', serviceAccount: 'report-writer' })],
  });
  writeFileSync(join(cwd, 'old.json'), JSON.stringify(oldConfig));
  writeFileSync(join(cwd, 'new.json'), JSON.stringify(newConfig));

  expect(runBuiltCli(['before', '--config', 'old.json'], cwd).status).toBe(0);
  expect(runBuiltCli(['after', '--config', 'new.json'], cwd).status).toBe(0);
  const before = output(join(cwd, 'before'));
  const after = output(join(cwd, 'after'));

  const counted = runWithFault(['before', '--config', 'new.json'], cwd, join(cwd, 'before'), 0);
  const writes = Number(/fs-writes:(\d+)/.exec(counted.stderr)?.[1]);
  // Re-create "before", which the counting run just regenerated.
  rmSync(join(cwd, 'before'), { recursive: true });
  expect(runBuiltCli(['before', '--config', 'old.json'], cwd).status).toBe(0);

  const statesSeen = new Set<string>();

  it('makes enough writes for the test to mean something', () => {
    expect(writes).toBeGreaterThan(10);
  });

  it.each(Array.from({ length: writes }, (_, index) => index + 1))('before write %i: the previous output survives', (killAt) => {
    const dir = join(cwd, `killed-${killAt}`);
    cpSync(join(cwd, 'before'), dir, { recursive: true });
    const result = runWithFault([dir, '--config', 'new.json'], cwd, dir, killAt);
    expect(result.signal).toBe('SIGKILL');

    const left = snapshotFiles(dir);
    const leftOutput = output(dir);
    const setAside = Object.fromEntries(
      Object.entries(left)
        .filter(([path]) => path.startsWith('.create-irsa-previous-generated/'))
        .map(([path, content]) => [path.replace('.create-irsa-previous-generated/', 'generated/'), content]),
    );
    const oldGenerated = only(before, 'generated/');
    const newGenerated = only(after, 'generated/');
    const generatedNow = only(leftOutput, 'generated/');
    const configNow = leftOutput['irsa.config.json'];

    if (Object.keys(generatedNow).length === 0) {
      // Killed between the two renames: the previous generated/ is set aside whole.
      statesSeen.add('set aside');
      expect(setAside).toEqual(oldGenerated);
      expect(configNow).toBe(before['irsa.config.json']);
    } else if (JSON.stringify(generatedNow) === JSON.stringify(oldGenerated)) {
      statesSeen.add('previous');
      expect(configNow).toBe(before['irsa.config.json']);
    } else {
      // Killed after the new generated/ was in place: it is complete, never a mixture.
      statesSeen.add('new');
      expect(generatedNow).toEqual(newGenerated);
    }

    // The next run restores what was set aside, finishes the job and leaves nothing behind.
    expect(runBuiltCli([dir, '--config', 'new.json'], cwd).status).toBe(0);
    expect(output(dir)).toEqual(after);
    expect(listFiles(dir).filter((path) => path.startsWith('.create-irsa'))).toEqual([]);
  });

  it('was killed in every phase: while staging, between the renames, and after', () => {
    expect([...statesSeen].sort()).toEqual(['new', 'previous', 'set aside']);
  });
});

describe('an unusable target', () => {
  it('GIVEN a missing parent folder THEN it exits 1 with a clear message and creates nothing', () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, 'c.json'), JSON.stringify(validRawConfig()));
    const result = runBuiltCli(['missing/parent/irsa', '--config', 'c.json'], cwd);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/Cannot create .*irsa: its parent folder .*missing\/parent does not exist/);
    expect(listFiles(cwd)).toEqual(['c.json']);
  });

  it('GIVEN a read-only parent folder THEN it exits 1 with a clear message and writes nothing', () => {
    const cwd = tempDir();
    chmodSync(cwd, 0o755);
    writeFileSync(join(cwd, 'c.json'), JSON.stringify(validRawConfig()));
    mkdirSync(join(cwd, 'locked'), { mode: 0o555 });
    chmodSync(join(cwd, 'locked'), 0o555);
    // root ignores permissions, so as root the CLI runs as the unprivileged user "nobody".
    const asUser = process.getuid?.() === 0 ? ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups'] : [];
    const command = [...asUser, process.execPath, CLI_PATH, 'locked/irsa', '--config', 'c.json'];
    const result = spawnSync(command[0], command.slice(1), { cwd, encoding: 'utf8', timeout: 30000 });
    expect(result.stderr).toMatch(/^error: Cannot write to .*locked\/irsa: permission denied \(EACCES on .*locked\/irsa\)\. Nothing was written\.\n$/);
    expect(result.status).toBe(1);
    expect(listFiles(join(cwd, 'locked'))).toEqual([]);
  });
});
