// Builds what is published:
// - dist/bin/create-irsa.js: the CLI as one self-contained file (cdktf, constructs, the provider
//   classes it uses, handlebars and yaml inside), so `npx create-irsa` installs almost nothing;
// - dist/lib/index.js: the library entry for CDKTF apps, which leaves cdktf, constructs and the
//   providers to the app (peer dependencies), so an app never carries a second copy of cdktf.
// Each bundle gets a THIRD-PARTY-LICENSES.txt naming every package inside it, with its license.
import { build } from 'esbuild';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  keepNames: true,
  legalComments: 'none',
  metafile: true,
  logLevel: 'warning',
};

const PEERS = ['cdktf', 'constructs', '@cdktf/provider-aws', '@cdktf/provider-aws/*', '@cdktf/provider-kubernetes', '@cdktf/provider-kubernetes/*'];

rmSync('dist/bin', { recursive: true, force: true });
rmSync('dist/lib', { recursive: true, force: true });

const bin = await build({ ...common, entryPoints: ['src/bin.ts'], outfile: 'dist/bin/create-irsa.js', minify: true });
writeThirdPartyLicenses(bin.metafile, 'dist/bin/THIRD-PARTY-LICENSES.txt');

const lib = await build({ ...common, entryPoints: ['src/index.ts'], outfile: 'dist/lib/index.js', external: PEERS });
writeThirdPartyLicenses(lib.metafile, 'dist/lib/THIRD-PARTY-LICENSES.txt');

/** Lists the npm packages whose files went into a bundle, with their license texts. */
function writeThirdPartyLicenses(metafile, outfile) {
  const packageDirs = new Set();
  for (const input of Object.keys(metafile.inputs)) {
    const match = /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(input);
    if (match) packageDirs.add(match[1]);
  }
  const sections = [...packageDirs].sort().map((dir) => {
    const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    const licenseFile = readdirSync(dir).find((name) => /^(licen[cs]e|copying)(\.|$)/i.test(name));
    const text = licenseFile ? readFileSync(join(dir, licenseFile), 'utf8').trim() : `License: ${manifest.license}`;
    const source = `Source: the npm package ${manifest.name}@${manifest.version}`;
    return `${manifest.name}@${manifest.version} (${manifest.license})\n${source}\n\n${text}\n`;
  });
  const header = `${outfile.split('/').slice(-2, -1)[0]} bundle of create-irsa contains code from these packages:\n\n`;
  if (!existsSync(dirname(outfile))) throw new Error(`missing ${dirname(outfile)}`);
  writeFileSync(outfile, header + sections.join(`\n${'-'.repeat(78)}\n\n`));
}
