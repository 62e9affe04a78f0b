import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { recoverInterruptedWrite } from '../../src/project/project-commit';
import { TargetDirectoryError, writeProject } from '../../src/project/write-project';
import { tempDir, validRawBinding, validRawConfig } from '../helpers/fixtures';
import { listFiles, snapshotFiles } from '../helpers/files';

type File = { path: string; content: string };

/** A valid irsa.config.json, told apart by its prefix. */
const configText = (label: string) => `${JSON.stringify(validRawConfig({ bindings: [validRawBinding({ prefix: `${label.replace(/\W/g, '-')}/` })] }), null, 2)}\n`;

const content = (label: string, extra: File[] = [], scaffold: File[] = [{ path: 'main.ts', content: `// ${label}\n` }], main = 'payments/main.tf.json') => ({
  config: configText(label),
  generated: [{ path: main, content: `${label}\n` }, ...extra],
  scaffold,
});

const MANIFEST = 'generated/create-irsa-manifest.json';

/** Writes `files` (relative to `dir`), creating folders. */
function place(dir: string, files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
}

function only(files: Record<string, string>, keep: (path: string) => boolean): Record<string, string> {
  return Object.fromEntries(Object.entries(files).filter(([path]) => keep(path)));
}

async function failure(promise: Promise<unknown>): Promise<TargetDirectoryError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(TargetDirectoryError);
    return error as TargetDirectoryError;
  }
  throw new Error('expected the write to fail');
}

/** What Terraform leaves in a module folder after `init` and `apply`, and files a user adds there. */
const TERRAFORM_LEFTOVERS = {
  'generated/payments/terraform.tfstate': '{"version": 4, "serial": 7}\n',
  'generated/payments/terraform.tfstate.backup': '{"version": 4, "serial": 6}\n',
  'generated/payments/.terraform.lock.hcl': 'provider "registry.terraform.io/hashicorp/aws" {}\n',
  'generated/payments/.terraform/terraform.tfstate': '{"backend": {"type": "s3"}}\n',
  'generated/payments/.terraform/providers/registry.terraform.io/hashicorp/aws/6.0.0/linux_amd64/terraform-provider-aws': '\u007fELF binary\n',
  'generated/payments/.terraform/modules/modules.json': '{"Modules": []}\n',
  'generated/payments/main_override.tf.json': '{"provider": {"aws": {"profile": "ops"}}}\n',
  'generated/payments/override.tf': 'locals {}\n',
  'generated/payments/backend.tf': 'terraform {\n  backend "s3" {}\n}\n',
  'generated/payments/policies/billing/NOTES.md': 'reviewed\n',
  'generated/README.md': 'ours\n',
};

describe('writeProject', () => {
  it('GIVEN a new folder THEN it writes the whole project and its manifest, and nothing beside it', async () => {
    const parent = tempDir();
    const dir = join(parent, 'payments-irsa');
    const report = await writeProject(dir, content('one'), { force: false });
    expect(listFiles(dir)).toEqual([MANIFEST, 'generated/payments/main.tf.json', 'irsa.config.json', 'main.ts']);
    expect(readFileSync(join(dir, 'irsa.config.json'), 'utf8')).toBe(configText('one'));
    expect(JSON.parse(readFileSync(join(dir, MANIFEST), 'utf8')).files).toEqual(['payments/main.tf.json']);
    expect(readdirSync(parent)).toEqual(['payments-irsa']);
    expect(report).toEqual({ created: ['main.ts'], kept: [], carried: [], leftovers: [] });
  });

  it('GIVEN an empty folder THEN it becomes the project', async () => {
    const dir = tempDir();
    await writeProject(dir, content('one'), { force: false });
    expect(listFiles(dir)).toEqual([MANIFEST, 'generated/payments/main.tf.json', 'irsa.config.json', 'main.ts']);
  });

  it('GIVEN a project whose files were edited THEN a re-run never overwrites them', async () => {
    const dir = join(tempDir(), 'p');
    await writeProject(dir, content('one'), { force: false });
    writeFileSync(join(dir, 'main.ts'), '// edited\n');
    await writeProject(dir, content('two'), { force: false });
    expect(readFileSync(join(dir, 'main.ts'), 'utf8')).toBe('// edited\n');
    expect(readFileSync(join(dir, 'generated/payments/main.tf.json'), 'utf8')).toBe('two\n');
  });

  it('GIVEN Terraform state, .terraform/, the lock file, overrides and user files in generated/ THEN regenerating keeps every one byte for byte', async () => {
    const dir = tempDir();
    await writeProject(dir, content('one', [{ path: 'payments/policies/old/sa/s3_policy.json', content: '{}\n' }]), { force: false });
    place(dir, TERRAFORM_LEFTOVERS);
    chmodSync(join(dir, 'generated/payments/terraform.tfstate'), 0o600);
    const report = await writeProject(dir, content('two'), { force: false });

    expect(only(snapshotFiles(dir), (path) => path in TERRAFORM_LEFTOVERS)).toEqual(TERRAFORM_LEFTOVERS);
    expect(readFileSync(join(dir, 'generated/payments/main.tf.json'), 'utf8')).toBe('two\n');
    // The binding that is gone takes its policy files with it; its folder held nothing else.
    expect(existsSync(join(dir, 'generated/payments/policies/old'))).toBe(false);
    expect(readdirSync(dir).sort()).toEqual(['generated', 'irsa.config.json', 'main.ts']);
    expect(report.carried).toEqual([
      'README.md',
      'payments/.terraform',
      'payments/.terraform.lock.hcl',
      'payments/backend.tf',
      'payments/main_override.tf.json',
      'payments/override.tf',
      // Holds no create-irsa file, before or after: carried over as one entry.
      'payments/policies/billing',
      'payments/terraform.tfstate',
      'payments/terraform.tfstate.backup',
    ]);
  });

  it('GIVEN a file written in the other format by an earlier run THEN it is removed, not kept beside the new one', async () => {
    const dir = tempDir();
    await writeProject(dir, content('hcl', [], [], 'payments/main.tf'), { force: false });
    await writeProject(dir, content('json'), { force: false });
    expect(listFiles(join(dir, 'generated'))).toEqual(['create-irsa-manifest.json', 'payments/main.tf.json']);
    await writeProject(dir, content('hcl again', [], [], 'payments/main.tf'), { force: false });
    expect(listFiles(join(dir, 'generated'))).toEqual(['create-irsa-manifest.json', 'payments/main.tf']);
  });

  it('GIVEN a project written before manifests existed THEN its files are recognized by name and the rest is kept', async () => {
    const dir = tempDir();
    place(dir, {
      'irsa.config.json': readFileSync(join(__dirname, '../../irsa.config.json'), 'utf8'),
      'generated/payments/main.tf.json': 'old\n',
      'generated/payments/vars.tf.json': 'old\n',
      'generated/payments/policies/billing/invoice-exporter/s3_policy.json': 'old\n',
      ...TERRAFORM_LEFTOVERS,
    });
    await writeProject(dir, content('new'), { force: false });
    expect(only(snapshotFiles(dir), (path) => path.startsWith('generated/') && !(path in TERRAFORM_LEFTOVERS))).toEqual({
      [MANIFEST]: expect.any(String),
      'generated/payments/main.tf.json': 'new\n',
    });
    expect(only(snapshotFiles(dir), (path) => path in TERRAFORM_LEFTOVERS)).toEqual(TERRAFORM_LEFTOVERS);
  });

  it('GIVEN a renamed cluster THEN its old files go, and its folder stays only for the state it holds', async () => {
    const dir = tempDir();
    await writeProject(dir, content('one', [{ path: 'staging/main.tf.json', content: 'x\n' }]), { force: false });
    place(dir, { 'generated/payments/terraform.tfstate': 'state\n', 'generated/payments/.terraform/x': 'cache\n' });
    const report = await writeProject(dir, content('two', [], undefined, 'checkout/main.tf.json'), { force: false });
    expect(listFiles(join(dir, 'generated'))).toEqual([
      'checkout/main.tf.json',
      'create-irsa-manifest.json',
      'payments/.terraform/x',
      'payments/terraform.tfstate',
    ]);
    expect(report.leftovers).toEqual(['payments']);
  });

  it('GIVEN a manifest edited to claim the state THEN the state is kept all the same', async () => {
    const dir = tempDir();
    await writeProject(dir, content('one'), { force: false });
    place(dir, TERRAFORM_LEFTOVERS);
    const claimed = ['payments/main.tf.json', 'payments/terraform.tfstate', 'payments/.terraform.lock.hcl', 'payments/main_override.tf.json', '../irsa.config.json'];
    writeFileSync(join(dir, MANIFEST), JSON.stringify({ files: claimed }));
    await writeProject(dir, content('two'), { force: false });
    expect(only(snapshotFiles(dir), (path) => path in TERRAFORM_LEFTOVERS)).toEqual(TERRAFORM_LEFTOVERS);
  });

  it.each([
    ['not JSON', '{'],
    ['without a list of files', '{"files": "payments/main.tf.json"}'],
  ])('GIVEN a manifest that is %s THEN it is refused and nothing changes', async (_, text) => {
    const dir = tempDir();
    await writeProject(dir, content('one'), { force: false });
    writeFileSync(join(dir, MANIFEST), text);
    const before = snapshotFiles(dir);
    const error = await failure(writeProject(dir, content('two'), { force: false }));
    expect(error.kind).toBe('invalid');
    expect(error.message).toContain('generated/create-irsa-manifest.json is not a create-irsa manifest');
    expect(snapshotFiles(dir)).toEqual(before);
  });

  it('GIVEN a user file where create-irsa now writes its own THEN it is refused and nothing changes', async () => {
    const dir = tempDir();
    await writeProject(dir, content('one'), { force: false });
    place(dir, { 'generated/payments/outputs.tf.json': 'mine\n' });
    const before = snapshotFiles(dir);
    const error = await failure(writeProject(dir, content('two', [{ path: 'payments/outputs.tf.json', content: 'theirs\n' }]), { force: false }));
    expect(error.kind).toBe('refused');
    expect(error.message).toContain('generated/payments/outputs.tf.json: create-irsa writes its own file or folder there');
    expect(snapshotFiles(dir)).toEqual(before);
  });

  it('GIVEN user files 5,000 folders deep in generated/ THEN they are carried over whole', async () => {
    const dir = tempDir();
    await writeProject(dir, content('one'), { force: false });
    // Deeper than any path the system accepts whole: walked one folder at a time, relative to the last.
    const deep = (code: string) =>
      spawnSync('python3', ['-c', `import os\nos.chdir(${JSON.stringify(join(dir, 'generated/payments'))})\n${code}`], { encoding: 'utf8' });
    expect(deep("for i in range(5000):\n  os.mkdir('d'); os.chdir('d')\nopen('f', 'w').write('bottom')").status).toBe(0);
    await writeProject(dir, content('two'), { force: false });
    expect(deep("for i in range(5000):\n  os.chdir('d')\nprint(open('f').read(), end='')").stdout).toBe('bottom');
    expect(readFileSync(join(dir, 'generated/payments/main.tf.json'), 'utf8')).toBe('two\n');
    spawnSync('rm', ['-rf', dir]);
  });

  it('GIVEN a non-empty folder that is not a create-irsa project THEN it is refused and left untouched', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'notes.txt'), 'precious\n');
    const error = await failure(writeProject(dir, content('one'), { force: false }));
    expect(error).toEqual(expect.objectContaining({ kind: 'refused', message: expect.stringContaining('pass --force') }));
    expect(listFiles(dir)).toEqual(['notes.txt']);
  });

  it.each([
    ['not JSON', '{"name": "my-app"'],
    ['JSON of another tool', '{"name": "my-app", "version": 3}\n'],
    ['nested 5,000 levels deep', `${'['.repeat(5000)}${']'.repeat(5000)}`],
  ])('GIVEN a folder whose irsa.config.json is %s THEN it is not a project: refused without --force', async (_, text) => {
    const dir = tempDir();
    place(dir, { 'irsa.config.json': text, 'generated/payments/main.tf.json': 'mine\n', 'generated/notes.md': 'mine\n' });
    const before = snapshotFiles(dir);
    const error = await failure(writeProject(dir, content('one'), { force: false }));
    expect(error.kind).toBe('refused');
    expect(error.message).toContain('its irsa.config.json is not a create-irsa config');
    expect(snapshotFiles(dir)).toEqual(before);
  });

  it('GIVEN --force on a folder with a foreign irsa.config.json THEN nothing it has in generated/ is taken for create-irsa\'s', async () => {
    const dir = tempDir();
    place(dir, { 'irsa.config.json': '{"tool": "other"}\n', 'generated/payments/vars.tf.json': 'mine\n', 'generated/notes.md': 'mine\n' });
    await writeProject(dir, content('one'), { force: true });
    expect(snapshotFiles(dir)).toEqual(
      expect.objectContaining({ 'generated/payments/vars.tf.json': 'mine\n', 'generated/notes.md': 'mine\n', 'irsa.config.json': configText('one') }),
    );
  });

  it('GIVEN --force THEN it writes into that folder, creating only the project files that are absent, and reports the kept ones', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'notes.txt'), 'precious\n');
    writeFileSync(join(dir, 'README.md'), 'mine\n');
    const scaffold = [
      { path: 'README.md', content: 'theirs\n' },
      { path: 'templates/policies/x.hbs', content: '{}' },
    ];
    const report = await writeProject(dir, content('one', [], scaffold), { force: true });
    expect(listFiles(dir)).toEqual(['README.md', MANIFEST, 'generated/payments/main.tf.json', 'irsa.config.json', 'notes.txt', 'templates/policies/x.hbs']);
    expect(readFileSync(join(dir, 'README.md'), 'utf8')).toBe('mine\n');
    expect(report.created).toEqual(['templates/policies/x.hbs']);
    expect(report.kept).toEqual([{ path: 'README.md', reason: 'it already exists' }]);
  });

  describe('symbolic links', () => {
    it('GIVEN --force and a templates/ that links elsewhere THEN nothing is written through it', async () => {
      const dir = tempDir();
      const elsewhere = tempDir();
      writeFileSync(join(dir, 'notes.txt'), 'x\n');
      symlinkSync(elsewhere, join(dir, 'templates'));
      symlinkSync(join(elsewhere, 'missing.md'), join(dir, 'README.md'));
      const scaffold = [
        { path: 'templates/policies/x.hbs', content: '{}' },
        { path: 'README.md', content: 'readme\n' },
      ];
      const report = await writeProject(dir, content('one', [], scaffold), { force: true });
      expect(listFiles(elsewhere)).toEqual([]);
      expect(report.kept).toEqual([
        { path: 'templates/policies/x.hbs', reason: 'templates is a symbolic link, which create-irsa does not write through' },
        { path: 'README.md', reason: 'a symbolic link is there' },
      ]);
    });

    it.each(['generated', 'irsa.config.json'])('GIVEN --force and a %s that links elsewhere THEN it is refused and the link and its target are untouched', async (name) => {
      const dir = tempDir();
      const elsewhere = tempDir();
      place(elsewhere, { 'payments/main.tf.json': 'outside\n', 'c.json': '{}\n' });
      writeFileSync(join(dir, 'notes.txt'), 'x\n');
      symlinkSync(name === 'generated' ? elsewhere : join(elsewhere, 'c.json'), join(dir, name));
      const error = await failure(writeProject(dir, content('one'), { force: true }));
      expect(error.message).toContain(`${name} is a symbolic link`);
      expect(snapshotFiles(elsewhere)).toEqual({ 'payments/main.tf.json': 'outside\n', 'c.json': '{}\n' });
      expect(readdirSync(dir).sort()).toEqual([name, 'notes.txt'].sort());
    });

    it('GIVEN a cluster folder in generated/ that links elsewhere THEN it is refused and nothing there changes', async () => {
      const dir = tempDir();
      const elsewhere = tempDir();
      await writeProject(dir, content('one'), { force: false });
      place(elsewhere, { 'main.tf.json': 'outside\n' });
      spawnSync('rm', ['-r', join(dir, 'generated/payments')]);
      symlinkSync(elsewhere, join(dir, 'generated/payments'));
      const error = await failure(writeProject(dir, content('two'), { force: false }));
      expect(error.message).toContain('generated/payments: create-irsa writes its own file or folder there');
      expect(snapshotFiles(elsewhere)).toEqual({ 'main.tf.json': 'outside\n' });
    });

    it('GIVEN a target that is a link to a folder THEN the project is written in that folder', async () => {
      const real = tempDir();
      const link = join(tempDir(), 'link');
      symlinkSync(real, link);
      await writeProject(link, content('one'), { force: false });
      expect(listFiles(real)).toEqual([MANIFEST, 'generated/payments/main.tf.json', 'irsa.config.json', 'main.ts']);
    });

    it('GIVEN a target that is a link to nothing THEN it is refused', async () => {
      const link = join(tempDir(), 'link');
      symlinkSync(join(tempDir(), 'missing'), link);
      const error = await failure(writeProject(link, content('one'), { force: false }));
      expect(error.kind).toBe('invalid');
      expect(error.message).toContain('is a symbolic link to something that does not exist');
    });
  });

  it('GIVEN a failure half way through writing THEN the previous output is intact and no staging is left', async () => {
    const dir = tempDir();
    await writeProject(dir, content('one'), { force: false });
    place(dir, { 'generated/payments/terraform.tfstate': 'state\n' });
    const before = snapshotFiles(dir);
    // A file and a folder of the same name cannot both be written: the run fails mid-way.
    const broken = content('two', [
      { path: 'payments/policies/x.json', content: 'x' },
      { path: 'payments/policies/x.json/inner.json', content: 'x' },
    ]);
    await expect(writeProject(dir, broken, { force: false })).rejects.toThrow(/^Cannot write to .*: a folder is where a file should be \(EISDIR on .*x\.json\)\. Nothing was changed\.$/);
    expect(snapshotFiles(dir)).toEqual(before);
  });

  it('GIVEN a run that died between its two renames THEN the next run restores and then replaces the output', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'irsa.config.json'), configText('old'));
    place(dir, { '.create-irsa-previous-generated/payments/main.tf.json': 'old\n', '.create-irsa-previous-generated/payments/terraform.tfstate': 'state\n' });
    mkdirSync(join(dir, '.create-irsa-staging-dead/generated'), { recursive: true });
    await writeProject(dir, content('new'), { force: false });
    expect(listFiles(dir)).toEqual([MANIFEST, 'generated/payments/main.tf.json', 'generated/payments/terraform.tfstate', 'irsa.config.json']);
    expect(readFileSync(join(dir, 'generated/payments/main.tf.json'), 'utf8')).toBe('new\n');
  });

  it('GIVEN staging folders THEN only those of runs that do not hold the lock are removed', () => {
    const dir = tempDir();
    mkdirSync(join(dir, '.create-irsa-staging-dead'));
    mkdirSync(join(dir, '.create-irsa-staging-holder'));
    recoverInterruptedWrite(dir, 'holder');
    expect(readdirSync(dir)).toEqual(['.create-irsa-staging-holder']);
  });

  it('GIVEN a missing parent folder THEN it says so and creates nothing', async () => {
    const parent = join(tempDir(), 'missing');
    const error = await failure(writeProject(join(parent, 'irsa'), content('one'), { force: false }));
    expect(error.kind).toBe('unusable');
    expect(error.message).toContain('its parent folder');
    expect(existsSync(parent)).toBe(false);
  });

  it.each([
    ['a file where the folder should be', (file: string) => file, 'exists and is not a folder'],
    ['a path through a file', (file: string) => join(file, 'sub'), 'is a file, not a folder'],
  ])('GIVEN %s THEN it is refused as invalid input', async (_, target, message) => {
    const file = join(tempDir(), 'irsa');
    writeFileSync(file, 'x');
    const error = await failure(writeProject(target(file), content('one'), { force: true }));
    expect(error.kind).toBe('invalid');
    expect(error.message).toContain(message);
  });
});
