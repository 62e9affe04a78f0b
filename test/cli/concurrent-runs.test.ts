/**
 * Two create-irsa processes on the same project at once (two terminals, a CI retry, a loop):
 * one writes at a time, and every run that exits 0 leaves a complete project that is its own
 * output (or, when the other ran after it, the other's), with no binding it reported lost.
 */
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { listFiles, snapshotFiles } from '../helpers/files';
import { ISSUER, tempDir, validRawBinding, validRawConfig } from '../helpers/fixtures';
import { CliResult, runBuiltCli, startBuiltCli } from '../helpers/run-built-cli';

const PAIRS = 20;
/** Pairs started together; each pair's two runs overlap, and a few pairs share the 2 cores. */
const PAIRS_AT_ONCE = 3;
const ENV = { CREATE_IRSA_LOCK_WAIT_SECONDS: '60' };

const CLUSTER = ['--region', 'eu-west-1', '--cluster', 'payments', '--oidc-issuer', ISSUER];
const binding = (serviceAccount: string) => ['--namespace', 'billing', '--service-account', serviceAccount, '--bucket', 'acme-invoices', '--prefix', `${serviceAccount}/`, '--yes'];

/** What Terraform leaves in the module folder: never create-irsa's, always kept. */
const STATE = {
  'generated/payments/terraform.tfstate': '{"version": 4, "serial": 3}\n',
  'generated/payments/.terraform/providers/aws/terraform-provider-aws': 'binary\n',
};

/** irsa.config.json and create-irsa's files in generated/: what a run's output is. */
function output(dir: string): Record<string, string> {
  return Object.fromEntries(
    Object.entries(snapshotFiles(dir)).filter(([path]) => (path === 'irsa.config.json' || path.startsWith('generated/')) && !(path in STATE)),
  );
}

/** Runs `pair(i)` for i < PAIRS, PAIRS_AT_ONCE at a time. */
async function inPairs(pair: (index: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < PAIRS) await pair(next++);
  };
  await Promise.all(Array.from({ length: PAIRS_AT_ONCE }, worker));
}

/** The output of running each argument list in turn in a fresh folder. */
function sequentialOutput(cwd: string, name: string, runs: string[][]): Record<string, string> {
  for (const args of runs) expect(runBuiltCli([name, ...args], cwd).status).toBe(0);
  return output(join(cwd, name));
}

function expectCleanRun(result: CliResult): void {
  expect({ status: result.status, stderr: result.stderr.replace(/^note: waiting for another create-irsa run .*\n/m, '') }).toEqual({ status: 0, stderr: '' });
  expect(result.stdout).toContain('Wrote ');
}

function expectNoLeftovers(dir: string): void {
  expect(listFiles(dir).filter((path) => path.split('/').some((segment) => segment.startsWith('.create-irsa-')))).toEqual([]);
}

describe('two create-irsa runs on one project at once', () => {
  const cwd = tempDir();
  writeFileSync(join(cwd, 'a.json'), JSON.stringify(validRawConfig({ bindings: [validRawBinding({ prefix: 'a/' })] })));
  writeFileSync(join(cwd, 'b.json'), JSON.stringify(validRawConfig({ bindings: [validRawBinding({ prefix: 'b/' }), validRawBinding({ serviceAccount: 'other' })] })));
  const Y = [...CLUSTER, ...binding('yankee')];
  const Z = [...CLUSTER, ...binding('zulu')];

  it(`regenerate (${PAIRS} pairs): each run's output is whole, the later one wins, and Terraform state is kept`, async () => {
    const outputs = { a: sequentialOutput(cwd, 'expect-a', [['--config', 'a.json']]), b: sequentialOutput(cwd, 'expect-b', [['--config', 'b.json']]) };
    expect(runBuiltCli(['base', '--config', 'a.json'], cwd).status).toBe(0);
    await inPairs(async (index) => {
      const dir = join(cwd, `regenerate-${index}`);
      cpSync(join(cwd, 'base'), dir, { recursive: true });
      for (const [path, text] of Object.entries(STATE)) {
        mkdirSync(join(dir, path, '..'), { recursive: true });
        writeFileSync(join(dir, path), text);
      }
      // Every other pair also finds the lock of a run that was killed: both must see it is stale.
      if (index % 2 === 1) {
        const pid = spawnSync(process.execPath, ['-e', '']).pid;
        writeFileSync(join(dir, '.create-irsa-lock'), JSON.stringify({ pid, hostname: hostname(), since: '2026-01-01T00:00:00Z', id: 'killed' }));
      }
      const [first, second] = await Promise.all([
        startBuiltCli([dir, '--config', 'b.json'], cwd, ENV),
        startBuiltCli([dir, '--config', 'a.json'], cwd, ENV),
      ]);
      expectCleanRun(first);
      expectCleanRun(second);
      expect([outputs.a, outputs.b]).toContainEqual(output(dir));
      expect(snapshotFiles(dir)).toEqual(expect.objectContaining(STATE));
      expectNoLeftovers(dir);
    });
  });

  it(`create the same new project (${PAIRS} pairs): one creates it, the other then adds its binding`, async () => {
    const possible = [sequentialOutput(cwd, 'expect-yz', [Y, Z]), sequentialOutput(cwd, 'expect-zy', [Z, Y])];
    const scaffold = listFiles(join(cwd, 'expect-yz'));
    await inPairs(async (index) => {
      const dir = join(cwd, `new-${index}`);
      const results = await Promise.all([startBuiltCli([dir, ...Y], cwd, ENV), startBuiltCli([dir, ...Z], cwd, ENV)]);
      results.forEach(expectCleanRun);
      expect(results.filter((result) => result.stdout.includes('This adds the binding'))).toHaveLength(1);
      expect(possible).toContainEqual(output(dir));
      expect(listFiles(dir)).toEqual(scaffold);
    });
  });

  it(`add a binding each (${PAIRS} pairs): both bindings are in the project, none lost`, async () => {
    const X = [...CLUSTER, ...binding('xray')];
    const possible = [sequentialOutput(cwd, 'expect-xyz', [X, Y, Z]), sequentialOutput(cwd, 'expect-xzy', [X, Z, Y])];
    expect(runBuiltCli(['base-x', ...X], cwd).status).toBe(0);
    await inPairs(async (index) => {
      const dir = join(cwd, `add-${index}`);
      cpSync(join(cwd, 'base-x'), dir, { recursive: true });
      const results = await Promise.all([startBuiltCli([dir, ...binding('yankee')], cwd, ENV), startBuiltCli([dir, ...binding('zulu')], cwd, ENV)]);
      results.forEach(expectCleanRun);
      const config = JSON.parse(readFileSync(join(dir, 'irsa.config.json'), 'utf8'));
      expect(config.bindings.map((entry: { serviceAccount: string }) => entry.serviceAccount).sort()).toEqual(['xray', 'yankee', 'zulu']);
      expect(possible).toContainEqual(output(dir));
      expectNoLeftovers(dir);
    });
  });
});
