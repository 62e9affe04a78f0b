/**
 * Configs written for an earlier create-irsa keep generating the Terraform they always did:
 * a changed block name would make Terraform destroy and re-create the resource.
 * Each case is a folder under test/fixtures/legacy-<version>/ (see the README there).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readConfigFile } from '../../src/config/config-file';
import { parseConfig } from '../../src/config/parse-config';
import { generateModules } from '../../src/generate';
import { loadPolicyTemplates } from '../../src/policies/policy-templates';
import { listFiles } from '../helpers/files';

const FIXTURES = join(__dirname, '..', 'fixtures');

const CASES: Array<[version: string, name: string, dir: string]> = readdirSync(FIXTURES)
  .filter((entry) => entry.startsWith('legacy-'))
  .flatMap((versionDir) =>
    readdirSync(join(FIXTURES, versionDir), { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry): [string, string, string] => [versionDir.slice('legacy-'.length), entry.name, join(FIXTURES, versionDir, entry.name)]),
  );

/** CDKTF's `"//"` blocks only describe how the file was made; Terraform ignores them. */
function withoutCdktfMetadata(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutCdktfMetadata);
  if (value === null || typeof value !== 'object') return value;
  const result: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    if (key !== '//') Object.defineProperty(result, key, { value: withoutCdktfMetadata(item), enumerable: true });
  }
  return result;
}

/** What a file says to Terraform or to a reviewer, as text that keeps key order. */
function meaning(path: string, content: string): string {
  return path.endsWith('.tf.json') ? JSON.stringify(withoutCdktfMetadata(JSON.parse(content)), null, 2) : content;
}

describe('configs of earlier versions', () => {
  it('there are cases to check', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(3);
  });

  it.each(CASES)('GIVEN the %s config %j WHEN it is generated again THEN the Terraform is the same', (_version, _name, dir) => {
    const { config } = parseConfig(readConfigFile(join(dir, 'irsa.config.json')));
    const generated = new Map(generateModules(config, loadPolicyTemplates()).map((file) => [file.path, file.content]));

    const expectedDir = join(dir, 'generated');
    const expectedPaths = listFiles(expectedDir);
    expect([...generated.keys()].sort()).toEqual(expectedPaths);
    for (const path of expectedPaths) {
      expect({ path, content: meaning(path, generated.get(path) ?? '') }).toEqual({
        path,
        content: meaning(path, readFileSync(join(expectedDir, path), 'utf8')),
      });
    }
  });
});
