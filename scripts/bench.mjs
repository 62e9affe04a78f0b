// npm run bench: builds and packs what is published, installs the tarball with production
// dependencies only, then measures install size, and cold wall time and peak memory of the
// installed CLI for 1 / 10 / 100 / 1000 bindings, beside a plain CDKTF program that imports the
// provider packages from their roots. Figures are medians of RUNS cold runs (default 5).
// These are benchmark figures for the README, not pass/fail tests.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';

const repo = resolve(import.meta.dirname, '..');
const runs = Number(process.env.RUNS ?? 5);
const sizes = (process.env.BINDINGS ?? '1,10,100,1000').split(',').map(Number);
const work = mkdtempSync(join(tmpdir(), 'create-irsa-bench-'));
const peakRssPreload = join(repo, 'scripts/bench/report-peak-rss.js');
const baseline = join(repo, 'scripts/bench/naive-cdktf-baseline.js');

function log(text) {
  process.stderr.write(`${text}\n`);
}

function folderBytes(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.size;
  return readdirSync(path).reduce((sum, entry) => sum + folderBytes(join(path, entry)), 0);
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Runs `node args` `runs` times, each a fresh process; returns median wall seconds and peak RSS MiB. */
function measure(args, cwd, prepare) {
  const walls = [];
  const peaks = [];
  for (let run = 0; run < runs; run++) {
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
    walls.push(seconds);
    peaks.push(Number(readFileSync(peakFile, 'utf8')) / 1024);
  }
  return { seconds: median(walls), mib: median(peaks) };
}

function writeConfig(count) {
  const bindings = Array.from({ length: count }, (_, i) => ({
    namespace: `team-${i % 50}`,
    serviceAccount: `svc-${i}`,
    bucket: `acme-data-${i % 20}`,
    prefix: `apps/svc-${i}/`,
    access: i % 2 ? 'read' : 'read-write',
  }));
  const path = join(work, `bindings-${count}.json`);
  const issuer = 'https://oidc.eks.eu-west-1.amazonaws.com/id/0123456789ABCDEF0123456789ABCDEF';
  writeFileSync(path, JSON.stringify({ region: 'eu-west-1', cluster: { name: 'payments', oidcIssuer: issuer }, bindings }));
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
const installedPackages = readdirSync(join(consumer, 'node_modules')).filter((name) => !name.startsWith('.'));
const bin = join(consumer, 'node_modules/create-irsa', JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')).bin['create-irsa']);

const rows = [];
for (const count of sizes) {
  const config = writeConfig(count);
  const out = join(work, `out-${count}`);
  log(`create-irsa, ${count} binding(s)…`);
  const ours = measure([bin, out, '--config', config], work, () => rmSync(out, { recursive: true, force: true }));
  log(`naive CDKTF baseline, ${count} binding(s)…`);
  const baseOut = join(work, `baseline-${count}`);
  const theirs = measure([baseline, baseOut, String(count)], repo, () => rmSync(baseOut, { recursive: true, force: true }));
  rows.push({ count, ours, theirs });
}

const mb = (bytes) => (bytes / 1e6).toFixed(2);
const lines = [
  `create-irsa ${packed.version} benchmark: ${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ${cpus().length} × ${cpus()[0].model.trim()}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB; medians of ${runs} cold runs`,
  '',
  `Packed tarball: ${mb(packed.size)} MB; installed with production dependencies: ${mb(installedBytes)} MB in node_modules (${installedPackages.join(', ')})`,
  '',
  '| bindings | create-irsa wall | create-irsa peak RSS | naive CDKTF wall | naive CDKTF peak RSS | speed-up |',
  '| ---: | ---: | ---: | ---: | ---: | ---: |',
  ...rows.map(({ count, ours, theirs }) =>
    `| ${count} | ${ours.seconds.toFixed(3)} s | ${ours.mib.toFixed(0)} MiB | ${theirs.seconds.toFixed(3)} s | ${theirs.mib.toFixed(0)} MiB | ${(theirs.seconds / ours.seconds).toFixed(1)}× |`,
  ),
];
if (rows.length >= 2) {
  const [first, last] = [rows[0], rows[rows.length - 1]];
  const perBinding = ((last.ours.seconds - first.ours.seconds) / (last.count - first.count)) * 1000;
  lines.push('', `Marginal cost: ${perBinding.toFixed(2)} ms per binding between ${first.count} and ${last.count} bindings.`);
}
process.stdout.write(`${lines.join('\n')}\n`);
rmSync(work, { recursive: true, force: true });
