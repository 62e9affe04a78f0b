/**
 * What `npm publish` would ship, read from a real packed tarball: the files, the license and the
 * README a user sees on the registry.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { listFiles } from '../helpers/files';
import { tempDir } from '../helpers/fixtures';

const repo = join(__dirname, '../..');

describe('the packed tarball', () => {
  const unpacked = tempDir('create-irsa-pack-');
  let files: string[] = [];

  beforeAll(() => {
    const [{ filename }] = JSON.parse(execFileSync('npm', ['pack', '--json', '--pack-destination', unpacked], { cwd: repo, encoding: 'utf8' })) as Array<{ filename: string }>;
    execFileSync('tar', ['-xzf', join(unpacked, filename), '-C', unpacked]);
    files = listFiles(join(unpacked, 'package'));
  }, 60000);

  it('holds the CLI, the library, the templates, the license and the README, and nothing of the sources or tests', () => {
    expect(files).toEqual(
      expect.arrayContaining([
        'LICENSE',
        'README.md',
        'package.json',
        'dist/bin/create-irsa.js',
        'dist/bin/THIRD-PARTY-LICENSES.txt',
        'dist/lib/index.js',
        'templates/policies/role_trust_relationship.json.hbs',
        'templates/policies/pod_identity_trust.json.hbs',
        'templates/policies/s3_policy.json.hbs',
      ]),
    );
    const outside = files.filter((path) => !/^(LICENSE|README\.md|package\.json|dist\/(bin|lib)\/|dist\/src\/.*\.d\.ts$|templates\/policies\/)/.test(path));
    expect(outside).toEqual([]);
  });

  it('has the license package.json names', () => {
    const manifest = JSON.parse(readFileSync(join(unpacked, 'package', 'package.json'), 'utf8'));
    expect(manifest.license).toBe('MIT');
    expect(readFileSync(join(unpacked, 'package', 'LICENSE'), 'utf8')).toMatch(/^MIT License\n/);
  });

  it('has a README that starts with npx create-irsa, before any clone-only command', () => {
    const readme = readFileSync(join(unpacked, 'package', 'README.md'), 'utf8');
    const firstNpx = readme.indexOf('npx create-irsa');
    expect(firstNpx).toBeGreaterThan(0);
    expect(firstNpx).toBeLessThan(3000);
    for (const cloneOnly of ['npm ci', 'node dist/bin/create-irsa.js', 'npm run build']) {
      expect(readme.indexOf(cloneOnly)).toBeGreaterThan(firstNpx);
    }
  });
});
