import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigFileError, formatConfig, parseConfigText, readConfigFile } from '../../src/config/config-file';
import { parseConfig } from '../../src/config/parse-config';
import { tempDir, validRawConfig } from '../helpers/fixtures';

describe('config files', () => {
  it('GIVEN a YAML config THEN it reads the same as the JSON one', () => {
    const yaml = [
      'region: eu-west-1',
      'cluster:',
      '  name: payments',
      '  oidcIssuer: https://oidc.eks.eu-west-1.amazonaws.com/id/0123456789ABCDEF0123456789ABCDEF',
      '  createOidcProvider: true',
      'bindings:',
      '  - namespace: billing',
      '    serviceAccount: invoice-exporter',
      '    bucket: acme-invoices',
      '    prefix: exports/',
      '    access: read',
      '',
    ].join('\n');
    expect(parseConfigText(yaml, 'irsa.config.yaml')).toEqual(validRawConfig());
  });

  it('GIVEN malformed JSON THEN the error points at the line and column', () => {
    const text = '{\n  "region": "eu-west-1",\n  "cluster": { "name": "payments" },,\n}\n';
    expect(() => parseConfigText(text, 'irsa.config.json')).toThrow(/irsa\.config\.json at line 3, column 3\d?: not valid JSON/);
  });

  it('GIVEN malformed YAML THEN the error points at the line', () => {
    const text = 'region: eu-west-1\ncluster:\n  name: payments\n   bad: indent\n';
    expect(() => parseConfigText(text, 'irsa.config.yml')).toThrow(/irsa\.config\.yml at line 3, column 9: not valid YAML/);
  });

  it('GIVEN JSON with a key twice in one object THEN it is an error pointing at the line, never "last one wins"', () => {
    const text = '{\n  "bindings": [{\n    "prefix": "logs/",\n    "prefix": ""\n  }]\n}\n';
    expect(() => parseConfigText(text, 'irsa.config.json')).toThrow(/irsa\.config\.json at line 4, column 5: a key appears twice in the same object/);
  });

  it('GIVEN JSON with the same key spelled once with an escape THEN it is still a key twice', () => {
    const text = '{ "bindings": [ { "prefix": "logs/", "pre\\u0066ix": "" } ] }';
    expect(() => parseConfigText(text, 'irsa.config.json')).toThrow(/irsa\.config\.json at line 1, column 38: a key appears twice in the same object/);
  });

  it('GIVEN a file saved with a byte order mark THEN it reads normally', () => {
    expect(parseConfigText(`\uFEFF${JSON.stringify(validRawConfig())}`, 'irsa.config.json')).toEqual(validRawConfig());
  });

  it('GIVEN YAML with a duplicate key THEN it is an error, not a silent overwrite', () => {
    expect(() => parseConfigText('region: eu-west-1\nregion: us-east-1\n', 'c.yaml')).toThrow(ConfigFileError);
  });

  it('GIVEN a YAML 1.1 style "yes" THEN it stays a string, and the validator rejects it as a boolean', () => {
    const raw = parseConfigText('cluster:\n  createOidcProvider: yes\n', 'c.yaml') as { cluster: { createOidcProvider: unknown } };
    expect(raw.cluster.createOidcProvider).toBe('yes');
  });

  it('GIVEN a missing file THEN the error names it', () => {
    expect(() => readConfigFile(join(tempDir(), 'nope.json'))).toThrow(/Cannot read config file .*nope\.json: it does not exist \(ENOENT\)/);
  });

  it('GIVEN a normalized config WHEN written and read back THEN nothing changes', () => {
    const dir = tempDir();
    const { config } = parseConfig(validRawConfig({ bindings: [{ namespace: 'billing', serviceAccount: 'a', bucket: 'acme-invoices', prefix: '/x' }] }));
    const text = formatConfig(config);
    writeFileSync(join(dir, 'irsa.config.json'), text);
    const again = parseConfig(readConfigFile(join(dir, 'irsa.config.json')));
    expect(formatConfig(again.config)).toBe(text);
    expect(again.notes).toEqual([]);
    expect(text.endsWith('}\n')).toBe(true);
  });
});
