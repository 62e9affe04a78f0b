import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { TargetDirectoryError, writeProject } from '../../src/project/write-project';
import { tempDir } from '../helpers/fixtures';
import { listFiles } from '../helpers/files';

const content = (label: string, extra: Array<{ path: string; content: string }> = [], scaffold = [{ path: 'main.ts', content: `// ${label}\n` }]) => ({
  config: `{"label":"${label}"}\n`,
  generated: [{ path: 'payments/main.tf.json', content: `${label}\n` }, ...extra],
  scaffold,
});

describe('writeProject', () => {
  it('GIVEN a new folder THEN it writes the whole project, and nothing beside it', () => {
    const parent = tempDir();
    const dir = join(parent, 'payments-irsa');
    writeProject(dir, content('one'), { force: false });
    expect(listFiles(dir)).toEqual(['generated/payments/main.tf.json', 'irsa.config.json', 'main.ts']);
    expect(readFileSync(join(dir, 'irsa.config.json'), 'utf8')).toBe('{"label":"one"}\n');
    expect(listFiles(parent)).toEqual(['payments-irsa/generated/payments/main.tf.json', 'payments-irsa/irsa.config.json', 'payments-irsa/main.ts']);
  });

  it('GIVEN an empty folder THEN it becomes the project', () => {
    const dir = tempDir();
    writeProject(dir, content('one'), { force: false });
    expect(listFiles(dir)).toEqual(['generated/payments/main.tf.json', 'irsa.config.json', 'main.ts']);
  });

  it('GIVEN a project whose files were edited THEN a re-run never overwrites them', () => {
    const dir = join(tempDir(), 'p');
    writeProject(dir, content('one'), { force: false });
    writeFileSync(join(dir, 'main.ts'), '// edited\n');
    writeProject(dir, content('two'), { force: false });
    expect(readFileSync(join(dir, 'main.ts'), 'utf8')).toBe('// edited\n');
    expect(readFileSync(join(dir, 'generated/payments/main.tf.json'), 'utf8')).toBe('two\n');
  });

  it('GIVEN a create-irsa project THEN a re-run replaces generated/ whole and keeps the user files', () => {
    const dir = tempDir();
    writeProject(dir, content('one', [{ path: 'payments/policies/old/sa/s3_policy.json', content: '{}\n' }]), { force: false });
    writeFileSync(join(dir, 'README.md'), 'mine\n');
    writeProject(dir, content('two'), { force: false });
    expect(listFiles(dir)).toEqual(['README.md', 'generated/payments/main.tf.json', 'irsa.config.json', 'main.ts']);
    expect(readFileSync(join(dir, 'generated/payments/main.tf.json'), 'utf8')).toBe('two\n');
  });

  it('GIVEN a non-empty folder that is not a create-irsa project THEN it is refused and left untouched', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'notes.txt'), 'precious\n');
    expect(() => writeProject(dir, content('one'), { force: false })).toThrow(
      expect.objectContaining({ kind: 'refused', message: expect.stringContaining('pass --force') }),
    );
    expect(listFiles(dir)).toEqual(['notes.txt']);
  });

  it('GIVEN --force THEN it writes into that folder, creating only the project files that are absent', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'notes.txt'), 'precious\n');
    writeFileSync(join(dir, 'README.md'), 'mine\n');
    const scaffold = [{ path: 'README.md', content: 'theirs\n' }, { path: 'templates/policies/x.hbs', content: '{}' }];
    writeProject(dir, content('one', [], scaffold), { force: true });
    expect(listFiles(dir)).toEqual(['README.md', 'generated/payments/main.tf.json', 'irsa.config.json', 'notes.txt', 'templates/policies/x.hbs']);
    expect(readFileSync(join(dir, 'README.md'), 'utf8')).toBe('mine\n');
  });

  it('GIVEN a failure half way through writing THEN the previous output is intact and no staging is left', () => {
    const dir = tempDir();
    writeProject(dir, content('one'), { force: false });
    // A file and a folder of the same name cannot both be written: the run fails mid-way.
    const broken = content('two', [{ path: 'payments/main.tf.json/inner', content: 'x' }]);
    expect(() => writeProject(dir, broken, { force: false })).toThrow();
    expect(listFiles(dir)).toEqual(['generated/payments/main.tf.json', 'irsa.config.json', 'main.ts']);
    expect(readFileSync(join(dir, 'generated/payments/main.tf.json'), 'utf8')).toBe('one\n');
    expect(readFileSync(join(dir, 'irsa.config.json'), 'utf8')).toBe('{"label":"one"}\n');
  });

  it('GIVEN a run that died between its two renames THEN the next run restores and then replaces the output', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'irsa.config.json'), '{}\n');
    mkdirSync(join(dir, '.create-irsa-previous-generated/payments'), { recursive: true });
    writeFileSync(join(dir, '.create-irsa-previous-generated/payments/main.tf.json'), 'old\n');
    mkdirSync(join(dir, '.create-irsa-staging-dead/generated'), { recursive: true });
    writeProject(dir, content('new'), { force: false });
    expect(listFiles(dir)).toEqual(['generated/payments/main.tf.json', 'irsa.config.json']);
    expect(readdirSync(dir).filter((entry) => entry.startsWith('.'))).toEqual([]);
    expect(readFileSync(join(dir, 'generated/payments/main.tf.json'), 'utf8')).toBe('new\n');
  });

  it('GIVEN a missing parent folder THEN it says so and creates nothing', () => {
    const parent = join(tempDir(), 'missing');
    let error: unknown;
    try {
      writeProject(join(parent, 'irsa'), content('one'), { force: false });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(TargetDirectoryError);
    expect((error as TargetDirectoryError).kind).toBe('unusable');
    expect((error as Error).message).toContain('its parent folder');
    expect(existsSync(parent)).toBe(false);
  });

  it('GIVEN a file where the folder should be THEN it is refused', () => {
    const file = join(tempDir(), 'irsa');
    writeFileSync(file, 'x');
    expect(() => writeProject(file, content('one'), { force: true })).toThrow('is not a folder');
  });
});
