// npm run bench: builds and packs what is published, installs the tarball with production
// dependencies only, then measures install size, and cold wall time and peak memory of the
// installed CLI for 1 / 10 / 100 / 1000 bindings, in both output formats (JSON, then HCL, which
// adds printing), beside a plain CDKTF program that imports the provider packages from their
// roots. Figures are medians of RUNS cold runs (default 5); FORMATS=json skips the HCL runs.
// These are benchmark figures for the README, not pass/fail tests.
import { execFileSync, spawnSync } from 'node:child_process';
import { lstatSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';

const repo = resolve(import.meta.dirname, '..');
const runs = Number(process.env.RUNS ?? 5);
const sizes = (process.env.BINDINGS ?? '1,10,100,1000').split(',').map(Number);
const formats = (process.env.FORMATS ?? 'json,hcl').split(',');
// JSON is the reference every other figure is compared with.
if (!formats.includes('json') || formats.some((format) => !['json', 'hcl'].includes(format))) throw new Error('FORMATS must be json or json,hcl');
const work = mkdtempSync(join(tmpdir(), 'create-irsa-bench-'));
const peakRssPreload = join(repo, 'scripts/bench/report-peak-rss.js');
const baseline = join(repo, 'scripts/bench/naive-cdktf-baseline.js');

function log(text) {
  process.stderr.write(`${text}\n`);
}

/** Bytes of the files under path; links (node_modules/.bin) are not followed, so nothing counts twice. */
function folderBytes(path) {
  const stat = lstatSync(path);
  if (!stat.isDirectory()) return stat.size;
  return readdirSync(path).reduce((sum, entry) => sum + folderBytes(join(path, entry)), 0);
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** One cold run of `node args` in a fresh process: wall seconds and peak RSS MiB. */
function runOnce({ args, cwd, prepare }) {
  prepare?.();
  const peakFile = join(work, 'peak-rss');
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, ['--require', peakRssPreload, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, PEAK_RSS_FILE: peakFile },
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (result.status !== 0) throw new Error(`${args.join(' ')} failed:\n${result.stderr}`);
  return { seconds, mib: Number(readFileSync(peakFile, 'utf8')) / 1024 };
}

/**
 * Runs each command `runs` times, taking turns (a, b, a, b, ...) so that a change in the machine's
 * load falls on all of them alike and their ratio stays fair; returns each one's medians.
 */
function measure(commands) {
  const samples = commands.map(() => []);
  for (let run = 0; run < runs; run++) commands.forEach((command, i) => samples[i].push(runOnce(command)));
  return samples.map((results) => ({ seconds: median(results.map((r) => r.seconds)), mib: median(results.map((r) => r.mib)) }));
}

function writeConfig(count, format) {
  const bindings = Array.from({ length: count }, (_, i) => ({
    namespace: `team-${i % 50}`,
    serviceAccount: `svc-${i}`,
    bucket: `acme-data-${i % 20}`,
    prefix: `apps/svc-${i}/`,
    access: i % 2 ? 'read' : 'read-write',
  }));
  const path = join(work, `bindings-${count}-${format}.json`);
  const issuer = 'https://oidc.eks.eu-west-1.amazonaws.com/id/0123456789ABCDEF0123456789ABCDEF';
  // json is the default format; the JSON config leaves it out, as most configs do.
  const formatKey = format === 'json' ? {} : { format };
  writeFileSync(path, JSON.stringify({ region: 'eu-west-1', cluster: { name: 'payments', oidcIssuer: issuer }, ...formatKey, bindings }));
  return path;
}

log('building and packing what is published…');
execFileSync('npm', ['run', '--silent', 'build'], { cwd: repo, stdio: 'inherit' });
const packed = JSON.parse(execFileSync('npm', ['pack', '--json', '--pack-destination', work], { cwd: repo, encoding: 'utf8' }))[0];
const tarball = join(work, packed.filename);

log('installing the tarball with production dependencies only…');
const consumer = join(work, 'consumer');
execFileSync('mkdir', ['-p', consumer]);
writeFileSync(join(consumer, 'package.json'), '{ "name": "consumer", "private": true }\n');
execFileSync('npm', ['install', '--omit=dev', '--no-audit', '--no-fund', '--ignore-scripts', tarball], { cwd: consumer, stdio: 'ignore' });
const installedBytes = folderBytes(join(consumer, 'node_modules'));
// du counts disk blocks, as a user checking the install sees it; the byte sum above counts content.
const installedDu = execFileSync('du', ['-sh', join(consumer, 'node_modules/create-irsa')], { encoding: 'utf8' }).split('\t')[0];
const installedPackages = readdirSync(join(consumer, 'node_modules')).filter((name) => !name.startsWith('.'));
const bin = join(consumer, 'node_modules/create-irsa', JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')).bin['create-irsa']);

const rows = [];
for (const count of sizes) {
  const ours = formats.map((format) => {
    const config = writeConfig(count, format);
    const out = join(work, `out-${count}-${format}`);
    return { args: [bin, out, '--config', config], cwd: work, prepare: () => rmSync(out, { recursive: true, force: true }) };
  });
  const baseOut = join(work, `baseline-${count}`);
  const naive = { args: [baseline, baseOut, String(count)], cwd: repo, prepare: () => rmSync(baseOut, { recursive: true, force: true }) };
  log(`${count} binding(s): create-irsa (${formats.join(', ')}) and the naive CDKTF baseline, in turns…`);
  const [theirs, ...results] = measure([naive, ...ours]);
  rows.push({ count, ours: Object.fromEntries(formats.map((format, i) => [format, results[i]])), theirs });
}

const mb = (bytes) => (bytes / 1e6).toFixed(2);
// As npm pack prints sizes: decimal kB and MB.
const npmSize = (bytes) => (bytes < 1e6 ? `${(bytes / 1e3).toFixed(1)} kB` : `${(bytes / 1e6).toFixed(1)} MB`);
const hcl = formats.includes('hcl');
const wall = (result) => `${result.seconds.toFixed(3)} s`;
const rss = (result) => `${result.mib.toFixed(0)} MiB`;
const overhead = (ours) => {
  const percent = Math.round(((ours.hcl.seconds - ours.json.seconds) / ours.json.seconds) * 100);
  return `${percent > 0 ? '+' : ''}${percent === 0 ? 0 : percent}%`;
};
const lines = [
  `create-irsa ${packed.version} benchmark: ${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ${cpus().length} × ${cpus()[0].model.trim()}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB; medians of ${runs} cold runs`,
  '',
  `npm pack: ${npmSize(packed.size)} packed, ${npmSize(packed.unpackedSize)} unpacked; du -sh of the installed package: ${installedDu}`,
  `Installed with production dependencies: ${mb(installedBytes)} MB in node_modules (${installedPackages.join(', ')})`,
  '',
  `| bindings | JSON wall | JSON peak RSS |${hcl ? ' HCL wall | HCL peak RSS | HCL overhead |' : ''} naive CDKTF wall | naive CDKTF peak RSS | speed-up (JSON) |`,
  `| ---: | ---: | ---: |${hcl ? ' ---: | ---: | ---: |' : ''} ---: | ---: | ---: |`,
  ...rows.map(
    ({ count, ours, theirs }) =>
      `| ${count} | ${wall(ours.json)} | ${rss(ours.json)} |${hcl ? ` ${wall(ours.hcl)} | ${rss(ours.hcl)} | ${overhead(ours)} |` : ''} ${wall(theirs)} | ${rss(theirs)} | ${(theirs.seconds / ours.json.seconds).toFixed(1)}× |`,
  ),
];
if (rows.length >= 2) {
  const [first, last] = [rows[0], rows[rows.length - 1]];
  lines.push('');
  for (const format of formats) {
    const perBinding = ((last.ours[format].seconds - first.ours[format].seconds) / (last.count - first.count)) * 1000;
    lines.push(`Marginal cost (${format}): ${perBinding.toFixed(2)} ms per binding between ${first.count} and ${last.count} bindings.`);
  }
}
process.stdout.write(`${lines.join('\n')}\n`);
rmSync(work, { recursive: true, force: true });
