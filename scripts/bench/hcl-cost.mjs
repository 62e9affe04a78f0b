// node scripts/bench/hcl-cost.mjs (after npm run build): what the HCL format adds to generation, for
// BINDINGS bindings (default 1000). Times the whole generation (plan, CDKTF synthesis, module files)
// in JSON and in HCL, each cold in a fresh process as the CLI runs it, and the HCL printer alone,
// cold (first call in a process) and warm. Medians of RUNS runs.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';

const require = createRequire(import.meta.url);
const dist = resolve(import.meta.dirname, '../../dist/src');
const { parseConfig } = require(`${dist}/config/parse-config`);
const { planCluster } = require(`${dist}/plan/cluster-plan`);
const { loadPolicyTemplates } = require(`${dist}/policies/policy-templates`);
const { synthesizeClusterStack } = require(`${dist}/synth/synthesize-stack`);
const { clusterModuleFiles, splitTerraformJson } = require(`${dist}/synth/module-files`);
const { printHcl } = require(`${dist}/synth/hcl/print-hcl`);

const runs = Number(process.env.RUNS ?? 5);
const count = Number(process.env.BINDINGS ?? 1000);
const bindings = Array.from({ length: count }, (_, i) => ({
  namespace: `team-${i % 50}`,
  serviceAccount: `svc-${i}`,
  bucket: `acme-data-${i % 20}`,
  prefix: `apps/svc-${i}/`,
  access: i % 2 ? 'read' : 'read-write',
}));
const issuer = 'https://oidc.eks.eu-west-1.amazonaws.com/id/0123456789ABCDEF0123456789ABCDEF';
const { config } = parseConfig({ region: 'eu-west-1', cluster: { name: 'payments', oidcIssuer: issuer }, bindings });
const templates = loadPolicyTemplates();

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function time(work) {
  const samples = [];
  for (let run = 0; run < runs; run++) {
    const started = process.hrtime.bigint();
    work();
    samples.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  return median(samples);
}

/** One cold measurement in this process: `generate json|hcl` or `printer`. */
function measureOnce(what) {
  const plan = planCluster(config, templates);
  const terraform = synthesizeClusterStack(plan);
  const started = process.hrtime.bigint();
  if (what === 'printer') splitTerraformJson(terraform).forEach((part) => printHcl(part));
  else clusterModuleFiles(plan, terraform, what);
  const filesMs = Number(process.hrtime.bigint() - started) / 1e6;
  return filesMs;
}

if (process.argv[2]) {
  const started = process.hrtime.bigint();
  const filesMs = measureOnce(process.argv[2]);
  process.stdout.write(JSON.stringify({ totalMs: Number(process.hrtime.bigint() - started) / 1e6, filesMs }));
  process.exit(0);
}

function cold(what) {
  const samples = Array.from({ length: runs }, () => {
    const result = spawnSync(process.execPath, [import.meta.filename, what], { encoding: 'utf8', env: process.env });
    if (result.status !== 0) throw new Error(result.stderr);
    return JSON.parse(result.stdout);
  });
  return { totalMs: median(samples.map((sample) => sample.totalMs)), filesMs: median(samples.map((sample) => sample.filesMs)) };
}

const json = cold('json');
const hcl = cold('hcl');
const split = [...splitTerraformJson(synthesizeClusterStack(planCluster(config, templates))).values()];
split.forEach((part) => printHcl(part));
const warm = time(() => split.forEach((part) => printHcl(part)));
const pct = (part, whole) => `${((part / whole) * 100).toFixed(1)}%`;
console.log(`${count} bindings, medians of ${runs} runs, Node ${process.version}`);
console.log(`generation, JSON format (cold process): ${json.totalMs.toFixed(0)} ms, of which writing the files ${json.filesMs.toFixed(0)} ms`);
console.log(`generation, HCL format (cold process):  ${hcl.totalMs.toFixed(0)} ms, of which writing the files ${hcl.filesMs.toFixed(0)} ms`);
console.log(`HCL over JSON: ${(hcl.filesMs - json.filesMs).toFixed(0)} ms, ${pct(hcl.filesMs - json.filesMs, json.totalMs)} of JSON generation`);
console.log(`HCL printer warm: ${warm.toFixed(0)} ms`);
