/**
 * What is published: the self-contained CLI bundle and the library entry for CDKTF apps.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stripCdktfMetadata } from '../../src/synth/cdktf-metadata';
import { snapshotFiles } from '../helpers/files';
import { ISSUER, tempDir, validRawBinding, validRawConfig } from '../helpers/fixtures';

const repo = join(__dirname, '../..');
const manifest = require('../../package.json');
const BUNDLE = join(repo, manifest.bin['create-irsa']);
const UNBUNDLED = join(repo, 'dist/src/bin.js');
const LIBRARY = join(repo, manifest.main);

function run(cli: string, args: string[], cwd: string) {
  return spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8', timeout: 30000 });
}

describe('the bundled CLI', () => {
  const configs: Array<[string, string[], Record<string, unknown> | undefined]> = [
    ['the repository example', ['--config', join(repo, 'irsa.config.json')], undefined],
    ['flags', ['--region', 'eu-west-1', '--cluster', 'payments', '--oidc-issuer', ISSUER, '--namespace', 'billing', '--service-account', 'invoice-exporter', '--bucket', 'acme-invoices', '--prefix', 'exports', '--yes'], undefined],
    ['an issuer read at plan time, an existing provider, a China region', ['--config', 'c.json'], validRawConfig({ region: 'cn-north-1', cluster: { oidcIssuer: undefined, createOidcProvider: false } })],
    ['many bindings', ['--config', 'c.json'], validRawConfig({ bindings: Array.from({ length: 30 }, (_, i) => validRawBinding({ serviceAccount: `svc-${i}`, prefix: i % 3 ? `p${i}/` : '', access: i % 2 ? 'read' : 'read-write', createNamespace: i % 5 === 0 })) })],
  ];

  it.each(configs)('writes byte-identical output to the unbundled code (%s)', (_, args, config) => {
    const cwd = tempDir();
    if (config) writeFileSync(join(cwd, 'c.json'), JSON.stringify(config));
    const bundled = run(BUNDLE, ['bundled', ...args], cwd);
    const unbundled = run(UNBUNDLED, ['unbundled', ...args], cwd);
    expect(bundled.status).toBe(0);
    expect(unbundled.status).toBe(0);
    expect(bundled.stderr).toBe(unbundled.stderr);
    expect(snapshotFiles(join(cwd, 'bundled'))).toEqual(snapshotFiles(join(cwd, 'unbundled')));
  });

  it('runs from the published files alone, with no node_modules', () => {
    const installed = join(tempDir(), 'node_modules', 'create-irsa');
    mkdirSync(installed, { recursive: true });
    cpSync(join(repo, 'package.json'), join(installed, 'package.json'));
    cpSync(join(repo, 'templates'), join(installed, 'templates'), { recursive: true });
    cpSync(join(repo, 'dist/bin'), join(installed, 'dist/bin'), { recursive: true });
    const cwd = tempDir();
    const result = run(join(installed, manifest.bin['create-irsa']), ['out', '--config', join(repo, 'irsa.config.json')], cwd);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(snapshotFiles(join(cwd, 'out/generated'))).toEqual(snapshotFiles(join(repo, 'generated')));
  });

  it('names every bundled package and its license', () => {
    const notices = readFileSync(join(repo, 'dist/bin/THIRD-PARTY-LICENSES.txt'), 'utf8');
    for (const name of ['cdktf@', 'constructs@', '@cdktf/provider-aws@', '@cdktf/provider-kubernetes@', 'handlebars@', 'yaml@']) {
      expect(notices).toContain(name);
    }
  });
});

describe('the library entry', () => {
  it("leaves cdktf and the providers to the app: one copy of cdktf is loaded, the app's", () => {
    const outdir = tempDir('create-irsa-lib-out-');
    const script = `
      const { App } = require('cdktf');
      const { addIrsaStacks } = require(${JSON.stringify(LIBRARY)});
      const app = new App({ outdir: ${JSON.stringify(outdir)}, stackTraces: false });
      addIrsaStacks(app, ${JSON.stringify(repo)});
      app.synth();
      const loaded = Object.keys(require.cache).filter((file) => /[\\\\/]cdktf[\\\\/]lib[\\\\/]index\\.js$/.test(file));
      process.stdout.write(JSON.stringify(loaded));
    `;
    const result = spawnSync(process.execPath, ['-e', script], { cwd: repo, encoding: 'utf8', timeout: 30000 });
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout)).toEqual([require.resolve('cdktf')]);

    const synthesized = JSON.parse(readFileSync(join(outdir, 'stacks/payments/cdk.tf.json'), 'utf8'));
    const moduleFiles = snapshotFiles(join(repo, 'generated/payments'));
    const union = Object.assign({}, ...Object.entries(moduleFiles).filter(([path]) => path.endsWith('.tf.json')).map(([, text]) => JSON.parse(text)));
    // generated/ leaves out CDKTF's "//" metadata, which cdktf synth writes.
    expect(stripCdktfMetadata(synthesized)).toStrictEqual(union);
  });

  it('requires cdktf, constructs and the providers instead of bundling them', () => {
    const library = readFileSync(LIBRARY, 'utf8');
    expect(library).toContain('require("cdktf")');
    expect(library).toContain('require("constructs")');
    expect(library).toContain('require("@cdktf/provider-aws/lib/iam-role")');
    expect(library).not.toMatch(/class TerraformStack\b/);
  });
});
