/**
 * The built CLI against folders and file systems as users have them: Terraform state in
 * generated/, foreign and symlinked folders, read-only folders, a full disk, deep nesting, a lock
 * held by another run. Every failure is one clear line and an exit code, never a stack trace.
 */
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, cpSync, mkdirSync, readFileSync, statfsSync, symlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { listFiles, snapshotFiles } from '../helpers/files';
import { tempDir, validRawBinding, validRawConfig } from '../helpers/fixtures';
import { CLI_PATH, CliResult, runBuiltCli } from '../helpers/run-built-cli';

const NOBODY = 65534;
const isRoot = process.getuid?.() === 0;

/** Runs the CLI as an unprivileged user: root ignores file permissions. */
function runAsUser(args: string[], cwd: string): CliResult {
  const asUser = isRoot ? ['setpriv', `--reuid=${NOBODY}`, `--regid=${NOBODY}`, '--clear-groups'] : [];
  const command = [...asUser, process.execPath, CLI_PATH, ...args];
  const result = spawnSync(command[0], command.slice(1), { cwd, encoding: 'utf8', timeout: 30000, env: { ...process.env, NO_COLOR: '1' } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function ownedByUser(path: string): void {
  if (!isRoot) return;
  spawnSync('chown', ['-R', `${NOBODY}:${NOBODY}`, path]);
}

/** One line on stderr, starting with "error:", and no stack trace. */
function expectOneLineError(result: CliResult, status: number, fragment: string | RegExp): void {
  expect(result.stderr.split('\n').filter(Boolean)).toHaveLength(1);
  expect(result.stderr).toMatch(/^error: /);
  expect(result.stderr).toMatch(fragment);
  expect(result.stderr).not.toMatch(/\n\s+at /);
  expect(result.status).toBe(status);
}

function place(dir: string, files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
}

function withConfigs(): string {
  const cwd = tempDir();
  chmodSync(cwd, 0o755);
  writeFileSync(join(cwd, 'c.json'), JSON.stringify(validRawConfig()));
  writeFileSync(join(cwd, 'two.json'), JSON.stringify(validRawConfig({ bindings: [validRawBinding(), validRawBinding({ serviceAccount: 'second' })] })));
  chmodSync(join(cwd, 'c.json'), 0o644);
  chmodSync(join(cwd, 'two.json'), 0o644);
  return cwd;
}

const TERRAFORM_FILES = {
  'generated/payments/terraform.tfstate': '{"version": 4, "serial": 12, "resources": []}\n',
  'generated/payments/terraform.tfstate.backup': '{"version": 4, "serial": 11}\n',
  'generated/payments/.terraform.lock.hcl': '# This file is maintained automatically by "terraform init".\n',
  'generated/payments/.terraform/environment': 'default',
  'generated/payments/.terraform/providers/registry.terraform.io/hashicorp/aws/6.2.0/linux_amd64/terraform-provider-aws_v6.2.0_x5': '\u007fELF',
  'generated/payments/aws_override.tf.json': '{"provider": {"aws": {"profile": "ops"}}}\n',
  'generated/payments/backend.tf': 'terraform {\n  backend "s3" {}\n}\n',
};

describe('Terraform files in generated/', () => {
  it('GIVEN state, .terraform/, the dependency lock, an override and a backend THEN npm run generate (--config) keeps them byte for byte', () => {
    const cwd = withConfigs();
    expect(runBuiltCli(['p', '--config', 'c.json'], cwd).status).toBe(0);
    place(join(cwd, 'p'), TERRAFORM_FILES);
    const result = runBuiltCli(['.', '--config', 'irsa.config.json', '--yes'], join(cwd, 'p'));
    expect({ status: result.status, stderr: result.stderr }).toEqual({ status: 0, stderr: '' });
    expect(runBuiltCli(['p', '--config', 'two.json'], cwd).status).toBe(0);
    expect(snapshotFiles(join(cwd, 'p'))).toEqual(expect.objectContaining(TERRAFORM_FILES));
    expect(listFiles(join(cwd, 'p/generated/payments/policies'))).toHaveLength(4);
  });

  it('GIVEN a renamed cluster whose folder holds state THEN the state stays and a warning says what to do', () => {
    const cwd = withConfigs();
    expect(runBuiltCli(['p', '--config', 'c.json'], cwd).status).toBe(0);
    place(join(cwd, 'p'), TERRAFORM_FILES);
    writeFileSync(join(cwd, 'renamed.json'), JSON.stringify(validRawConfig({ cluster: { name: 'checkout' } })));
    const result = runBuiltCli(['p', '--config', 'renamed.json'], cwd);
    expect(result.status).toBe(0);
    expect(result.stderr).toContain('warning: p/generated/payments/ is no longer generated (the config has no cluster payments)');
    expect(listFiles(join(cwd, 'p/generated/payments')).sort()).toEqual(Object.keys(TERRAFORM_FILES).map((path) => path.slice('generated/payments/'.length)).sort());
  });
});

describe('folders create-irsa did not make', () => {
  it('GIVEN a folder whose irsa.config.json is another tool\'s THEN it is refused without --force, and its generated/ is untouched', () => {
    const cwd = withConfigs();
    place(join(cwd, 'other'), { 'irsa.config.json': '{"irsa": true}\n', 'generated/payments/main.tf.json': '{}\n', 'generated/notes.md': 'mine\n' });
    const before = snapshotFiles(join(cwd, 'other'));
    const refused = runBuiltCli(['other', '--config', 'c.json'], cwd);
    expectOneLineError(refused, 2, /other is not empty and is not a create-irsa project \(its irsa\.config\.json is not a create-irsa config: irsa: is not a known setting/);
    expect(snapshotFiles(join(cwd, 'other'))).toEqual(before);
  });

  it('GIVEN --force into an existing repository THEN kept files are listed, and what the project still needs from them is a warning', () => {
    const cwd = withConfigs();
    place(join(cwd, 'repo'), {
      '.gitignore': 'node_modules\n',
      'package.json': '{"name": "platform", "dependencies": {"cdktf": "0.20.0"}}\n',
      'README.md': '# platform\n',
    });
    const result = runBuiltCli(['repo', '--config', 'c.json', '--force'], cwd);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('Kept (already there, not changed):\n  repo/.gitignore: it already exists\n  repo/README.md: it already exists\n  repo/package.json: it already exists\n');
    expect(result.stdout).not.toMatch(/^ {2}repo\/README\.md$/m);
    const warnings = result.stderr.split('\n').filter(Boolean);
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toMatch(/^warning: the existing \.gitignore was kept; add these lines .*: \*\.tfstate {2}\*\.tfstate\.\* {2}\.terraform\/ {2}\.create-irsa-\*$/);
    expect(warnings[1]).toContain('warning: the existing package.json was kept and lacks packages');
    expect(warnings[1]).toContain(`npm install --save-exact create-irsa@${require('../../package.json').version} constructs@`);
    expect(warnings[1]).not.toContain(' cdktf@');
    expect(readFileSync(join(cwd, 'repo/README.md'), 'utf8')).toBe('# platform\n');
  });

  it('GIVEN --force and generated/ linking outside the folder THEN it is refused and nothing outside changes', () => {
    const cwd = withConfigs();
    const outside = tempDir();
    place(outside, { 'payments/main.tf.json': 'outside\n' });
    mkdirSync(join(cwd, 'repo'));
    symlinkSync(outside, join(cwd, 'repo/generated'));
    const result = runBuiltCli(['repo', '--config', 'c.json', '--force'], cwd);
    expectOneLineError(result, 2, 'repo/generated is a symbolic link');
    expect(snapshotFiles(outside)).toEqual({ 'payments/main.tf.json': 'outside\n' });
  });

  it('GIVEN a target that is a link to a folder THEN the project is written in that folder', () => {
    const cwd = withConfigs();
    mkdirSync(join(cwd, 'real'));
    symlinkSync(join(cwd, 'real'), join(cwd, 'link'));
    expect(runBuiltCli(['link', '--config', 'c.json'], cwd).status).toBe(0);
    expect(listFiles(join(cwd, 'real'))).toContain('generated/payments/main.tf.json');
  });
});

describe('unusable paths', () => {
  it.each([
    ['a path through a file', ['somefile/sub'], 2, 'somefile is a file, not a folder'],
    ['a file where the folder should be', ['somefile'], 2, 'somefile exists and is not a folder'],
    ['a path 5,000 folders deep', [Array(5000).fill('d').join('/')], 2, 'the path is too long for the file system'],
  ])('GIVEN %s THEN it is one line of error', (_, args, status, fragment) => {
    const cwd = withConfigs();
    writeFileSync(join(cwd, 'somefile'), 'x');
    expectOneLineError(runBuiltCli([...args, '--config', 'c.json'], cwd), status, fragment);
    expect(listFiles(cwd).sort()).toEqual(['c.json', 'somefile', 'two.json']);
  });

  it.each([
    ['JSON', 'deep.json', `${'['.repeat(5000)}${']'.repeat(5000)}`],
    ['JSON objects', 'deep.json', `${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}`],
    ['YAML', 'deep.yaml', `a: ${'['.repeat(5000)}${']'.repeat(5000)}\n`],
  ])('GIVEN a config file nested 5,000 levels deep in %s THEN it is one line of error, exit 2', (_, name, text) => {
    const cwd = withConfigs();
    writeFileSync(join(cwd, name), text);
    expectOneLineError(runBuiltCli(['out', '--config', name], cwd), 2, new RegExp(`${name}.*nested too deeply|Maximum call stack`));
    expect(listFiles(cwd)).not.toContain('out');
  });

  it('GIVEN a commit folder left without its journal THEN it says what to do, in one line', () => {
    const cwd = withConfigs();
    expect(runBuiltCli(['p', '--config', 'c.json'], cwd).status).toBe(0);
    mkdirSync(join(cwd, 'p/.create-irsa-commit/generated'), { recursive: true });
    expectOneLineError(runBuiltCli(['p', '--config', 'c.json'], cwd), 1, 'without a readable journal');
  });
});

describe('permissions', () => {
  it('GIVEN an empty folder the user owns in a parent they cannot write THEN the project is written in it', () => {
    const cwd = withConfigs();
    mkdirSync(join(cwd, 'shared'));
    mkdirSync(join(cwd, 'shared/mine'));
    ownedByUser(join(cwd, 'shared/mine'));
    chmodSync(join(cwd, 'shared'), 0o555);
    const result = runAsUser(['shared/mine', '--config', 'c.json'], cwd);
    expect({ status: result.status, stderr: result.stderr }).toEqual({ status: 0, stderr: '' });
    expect(listFiles(join(cwd, 'shared/mine'))).toContain('generated/payments/main.tf.json');
  });

  it('GIVEN a read-only folder in generated/ THEN it is found before anything is replaced', () => {
    const cwd = withConfigs();
    expect(runBuiltCli(['p', '--config', 'c.json'], cwd).status).toBe(0);
    place(join(cwd, 'p'), TERRAFORM_FILES);
    ownedByUser(join(cwd, 'p'));
    chmodSync(join(cwd, 'p/generated/payments/policies/billing/invoice-exporter'), 0o555);
    const before = snapshotFiles(join(cwd, 'p'));
    const result = runAsUser(['p', '--config', 'two.json'], cwd);
    expectOneLineError(result, 1, /p\/generated\/payments\/policies\/billing\/invoice-exporter is read-only \(EACCES\).*nothing was changed/);
    expect(snapshotFiles(join(cwd, 'p'))).toEqual(before);
  });
});

describe('a full disk', () => {
  const cwd = withConfigs();
  const disk = join(cwd, 'disk');
  mkdirSync(disk);
  // A small tmpfs needs root; without it the test has nothing to run on.
  const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=128k', 'tmpfs', disk]).status === 0;
  afterAll(() => mounted && spawnSync('umount', [disk]));
  const itWithDisk = mounted ? it : it.skip;

  /** Fills the disk until only `spare` bytes are free. */
  function fill(spare: number): void {
    const { bavail, bsize } = statfsSync(disk);
    writeFileSync(join(disk, `filler-${spare}`), Buffer.alloc(Math.max(0, bavail * bsize - spare)));
  }

  itWithDisk('GIVEN too little space to stage the new output THEN it exits 1 in one line, and the previous project is unchanged', () => {
    expect(runBuiltCli(['disk/p', '--config', 'c.json'], cwd).status).toBe(0);
    place(join(cwd, 'disk/p'), { 'generated/payments/terraform.tfstate': 'state\n' });
    fill(3 * 4096);
    const before = snapshotFiles(join(disk, 'p'));
    const result = runBuiltCli(['disk/p', '--config', 'two.json'], cwd);
    expectOneLineError(result, 1, /^error: Cannot write to .*disk\/p: no space left on the device \(ENOSPC on .*disk\/p\/\.create-irsa-staging-.*\)\. Nothing was changed\.\n$/);
    expect(snapshotFiles(join(disk, 'p'))).toEqual(before);
  });

  itWithDisk('GIVEN a full disk THEN a new project is refused in one line, and leaves nothing', () => {
    fill(0);
    const result = runBuiltCli(['disk/q', '--config', 'c.json'], cwd);
    expectOneLineError(result, 1, /no space left on the device \(ENOSPC on .*disk\/q.*\)\. Nothing was written\./);
    expect(listFiles(disk).filter((path) => !path.startsWith('p/'))).toEqual(['filler-0', 'filler-12288']);
  });
});

describe('another run holding the project', () => {
  it('GIVEN a live run holds the lock THEN the next waits, then exits 1 naming the lock file; once the holder is gone, it proceeds', async () => {
    const cwd = withConfigs();
    expect(runBuiltCli(['p', '--config', 'c.json'], cwd).status).toBe(0);
    const holder = spawn('sleep', ['30']);
    const lock = join(cwd, 'p/.create-irsa-lock');
    writeFileSync(lock, JSON.stringify({ pid: holder.pid, hostname: hostname(), since: '2026-11-30T10:00:00.000Z', id: 'sleeper' }));
    const started = Date.now();
    const result = runBuiltCli(['p', '--config', 'two.json'], cwd, { CREATE_IRSA_LOCK_WAIT_SECONDS: '0.5' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(500);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`note: waiting for another create-irsa run (pid ${holder.pid} on ${hostname()}) to finish writing p\n`);
    expect(result.stderr).toContain(`error: ${join(cwd, 'p')} is being written by another create-irsa run (pid ${holder.pid} on ${hostname()}, since 2026-11-30T10:00:00.000Z)`);
    expect(result.stderr).toContain(`delete ${lock}`);
    await new Promise((resolve) => {
      holder.on('exit', resolve);
      holder.kill();
    });
    expect(runBuiltCli(['p', '--config', 'two.json'], cwd).status).toBe(0);
    expect(listFiles(join(cwd, 'p'))).not.toContain('.create-irsa-lock');
  });
});

describe('the copy of a project', () => {
  it('GIVEN a project copied with its lock and staging left by a killed run THEN the copy regenerates cleanly', () => {
    const cwd = withConfigs();
    expect(runBuiltCli(['p', '--config', 'c.json'], cwd).status).toBe(0);
    mkdirSync(join(cwd, 'p/.create-irsa-staging-0123/generated'), { recursive: true });
    cpSync(join(cwd, 'p'), join(cwd, 'q'), { recursive: true });
    expect(runBuiltCli(['q', '--config', 'two.json'], cwd).status).toBe(0);
    expect(listFiles(join(cwd, 'q')).filter((path) => path.startsWith('.create-irsa'))).toEqual([]);
  });
});

describe('the scaffolded project', () => {
  it('GIVEN a new project in git THEN state, .terraform/ and create-irsa work files are ignored, and the dependency lock, the manifest and the Terraform are not', () => {
    const cwd = withConfigs();
    expect(runBuiltCli(['p', '--config', 'c.json'], cwd).status).toBe(0);
    const project = join(cwd, 'p');
    spawnSync('git', ['init', '-q'], { cwd: project });
    const ignored = [
      'generated/payments/terraform.tfstate',
      'generated/payments/terraform.tfstate.backup',
      'generated/payments/terraform.tfstate.d/staging/terraform.tfstate',
      'generated/payments/.terraform.tfstate.lock.info',
      'generated/payments/.terraform/environment',
      'cdktf.out/stacks/payments/terraform.tfstate',
      'node_modules/create-irsa/package.json',
      '.create-irsa-lock',
      '.create-irsa-commit/generated/x',
      '.create-irsa-previous-generated/payments/main.tf.json',
    ];
    const committed = [
      'generated/payments/.terraform.lock.hcl',
      'generated/create-irsa-manifest.json',
      'generated/payments/backend.tf',
      'generated/payments/main.tf.json',
      'generated/payments/policies/billing/invoice-exporter/s3_policy.json',
      'irsa.config.json',
      'templates/policies/s3_policy.json.hbs',
    ];
    const checked = spawnSync('git', ['check-ignore', '--no-index', ...ignored, ...committed], { cwd: project, encoding: 'utf8' });
    expect(checked.stdout.split('\n').filter(Boolean)).toEqual(ignored);
  });

  it('GIVEN a new project THEN its README regenerates with npx first, shows --dry-run and a CI --check step, and its package.json has a check script', () => {
    const cwd = withConfigs();
    expect(runBuiltCli(['p', '--config', 'c.json'], cwd).status).toBe(0);
    const project = join(cwd, 'p');
    const version = require('../../package.json').version;
    const readme = readFileSync(join(project, 'README.md'), 'utf8');
    expect(readme).toContain(`npx create-irsa@${version} . --config irsa.config.json --dry-run\n`);
    expect(readme).toContain(`      - run: npx create-irsa@${version} . --check\n`);
    expect(readme.indexOf(`npx create-irsa@${version} . --config irsa.config.json\n`)).toBeLessThan(readme.indexOf('npm run generate'));
    expect(readme).toContain('## Terraform state');
    expect(readme).toContain('`generated/payments/backend_override.tf`');
    expect(JSON.parse(readFileSync(join(project, 'package.json'), 'utf8')).scripts).toMatchObject({
      generate: 'create-irsa . --config irsa.config.json --yes',
      check: 'create-irsa . --check',
    });
  });
});
