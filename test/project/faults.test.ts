/**
 * Fault tests: the built CLI is killed with SIGKILL before each file-system write it makes in the
 * project, in turn. What it leaves must be the previous output (or, while the new generated/ is
 * put in place, the previous output set aside whole), or the complete new generated/; the files
 * create-irsa did not write (Terraform state, .terraform/) must all be somewhere in the project,
 * unchanged; and the next run must finish or undo the killed one, so that generated/ and
 * irsa.config.json match, then leave no temp files.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
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

function countWrites(args: string[], cwd: string, projectDir: string): number {
  return Number(/fs-writes:(\d+)/.exec(runWithFault(args, cwd, projectDir, 0).stderr)?.[1]);
}

/** Files Terraform leaves in the module folder, which create-irsa must never lose. */
const USER_FILES: Record<string, string> = {
  'payments/terraform.tfstate': '{"version": 4, "serial": 9}\n',
  'payments/terraform.tfstate.backup': '{"version": 4, "serial": 8}\n',
  'payments/.terraform.lock.hcl': 'provider "registry.terraform.io/hashicorp/aws" {}\n',
  'payments/.terraform/providers/registry.terraform.io/hashicorp/aws/6.2.0/linux_amd64/terraform-provider-aws': 'binary\n',
  'payments/.terraform/modules/modules.json': '{}\n',
  'payments/aws_override.tf.json': '{"provider": {}}\n',
};

/** The project's output as a user sees it: irsa.config.json and create-irsa's files in generated/. */
function output(dir: string): Record<string, string> {
  const files = snapshotFiles(dir);
  return Object.fromEntries(
    Object.entries(files).filter(([path]) => path === 'irsa.config.json' || (path.startsWith('generated/') && !(path.slice('generated/'.length) in USER_FILES))),
  );
}

/** The files below `prefix`, with paths relative to it. */
function under(files: Record<string, string>, prefix: string): Record<string, string> {
  return Object.fromEntries(
    Object.entries(files)
      .filter(([path]) => path.startsWith(prefix))
      .map(([path, content]) => [path.slice(prefix.length), content]),
  );
}

function withoutUserFiles(files: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(files).filter(([path]) => !(path in USER_FILES)));
}

describe('a regeneration killed while writing', () => {
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
  for (const [path, text] of Object.entries(USER_FILES)) {
    mkdirSync(join(cwd, 'before/generated', path, '..'), { recursive: true });
    writeFileSync(join(cwd, 'before/generated', path), text);
  }

  cpSync(join(cwd, 'before'), join(cwd, 'counting'), { recursive: true });
  const writes = countWrites([join(cwd, 'counting'), '--config', 'new.json'], cwd, join(cwd, 'counting'));
  const statesSeen = new Set<string>();

  it('makes enough writes for the test to mean something', () => {
    expect(writes).toBeGreaterThan(20);
  });

  it.each(Array.from({ length: writes }, (_, index) => index + 1))('before write %i: the previous output survives, or the new one is whole', (killAt) => {
    const dir = join(cwd, `killed-${killAt}`);
    cpSync(join(cwd, 'before'), dir, { recursive: true });
    const result = runWithFault([dir, '--config', 'new.json'], cwd, dir, killAt);
    expect(result.signal).toBe('SIGKILL');

    const left = snapshotFiles(dir);
    const generatedNow = withoutUserFiles(under(left, 'generated/'));
    const configNow = left['irsa.config.json'];
    const setAside = under(left, '.create-irsa-previous-generated/');
    const moving = under(left, '.create-irsa-commit/generated/');
    const oldGenerated = under(before, 'generated/');

    let state: string;
    if (Object.keys(generatedNow).length === 0) {
      // While the new generated/ is put in place: the previous one is set aside whole.
      state = 'set aside';
      expect(withoutUserFiles(setAside)).toEqual(oldGenerated);
      expect(configNow).toBe(before['irsa.config.json']);
    } else if (JSON.stringify(generatedNow) === JSON.stringify(oldGenerated)) {
      state = 'previous';
      expect(configNow).toBe(before['irsa.config.json']);
    } else {
      // After the new generated/ was in place: it is complete, never a mixture.
      state = configNow === before['irsa.config.json'] ? 'new, config not yet in place' : 'new';
      expect(generatedNow).toEqual(under(after, 'generated/'));
    }
    statesSeen.add(state);
    // Every file create-irsa did not write is somewhere in the project, unchanged, exactly once.
    const userFiles = [under(left, 'generated/'), setAside, moving].flatMap((files) => Object.entries(files).filter(([path]) => path in USER_FILES));
    expect(userFiles.sort()).toEqual(Object.entries(USER_FILES).sort());

    // Regenerating from the project's own config first finishes or undoes the killed run: the
    // config it reads matches the generated/ it finds, and every user file is back in place.
    const next = runBuiltCli([dir, '--config', join(dir, 'irsa.config.json')], cwd);
    expect({ status: next.status, stderr: next.stderr }).toEqual({ status: 0, stderr: '' });
    expect(output(dir)).toEqual(state.startsWith('new') ? after : before);
    expect(under(snapshotFiles(dir), 'generated/')).toEqual(expect.objectContaining(USER_FILES));
    expect(listFiles(dir).filter((path) => path.startsWith('.create-irsa'))).toEqual([]);
  });

  it('was killed in every phase: while staging, while swapping, between generated/ and the config, and after', () => {
    expect([...statesSeen].sort()).toEqual(['new', 'new, config not yet in place', 'previous', 'set aside']);
  });
});

describe('a new project killed while writing', () => {
  const cwd = tempDir();
  writeFileSync(join(cwd, 'c.json'), JSON.stringify(validRawConfig()));
  expect(runBuiltCli(['reference', '--config', 'c.json'], cwd).status).toBe(0);
  const reference = snapshotFiles(join(cwd, 'reference'));
  const writes = countWrites([join(cwd, 'counting'), '--config', 'c.json'], cwd, join(cwd, 'counting'));

  it.each(Array.from({ length: writes }, (_, index) => index + 1))('before write %i: the next run makes the whole project', (killAt) => {
    const dir = join(cwd, `new-${killAt}`);
    expect(runWithFault([dir, '--config', 'c.json'], cwd, dir, killAt).signal).toBe('SIGKILL');
    // Until the new generated/ is in place, the folder holds nothing of the user's to trip on.
    if (!existsSync(join(dir, 'generated'))) expect(listFiles(dir).filter((path) => !path.startsWith('.create-irsa-'))).toEqual([]);
    const next = runBuiltCli([dir, '--config', 'c.json'], cwd);
    expect({ status: next.status, stderr: next.stderr }).toEqual({ status: 0, stderr: '' });
    expect(snapshotFiles(dir)).toEqual(reference);
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
