/**
 * The only place that turns a cluster plan into Terraform JSON through CDKTF: the plan's stack is
 * built in an App and asked for its configuration, which comes out as cdktf writes it to
 * `cdk.tf.json`, without CDKTF's own `"//"` metadata. Callers decide where the result goes.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'cdktf';
import { ClusterPlan } from '../plan/cluster-plan';
import { IrsaClusterStack } from '../stacks/irsa-cluster-stack';
import { stripCdktfMetadata } from './cdktf-metadata';

/** Terraform JSON configuration, as cdktf writes it to `cdk.tf.json`. */
export type TerraformJson = Record<string, unknown>;

export function synthesizeClusterStack(plan: ClusterPlan): TerraformJson {
  // An App creates its output folder at once; nothing is written into it.
  const outdir = mkdtempSync(join(tmpdir(), 'create-irsa-synth-'));
  const captureStackTrace = Error.captureStackTrace;
  try {
    // cdktf records a full stack trace for every reference it creates (five per binding), only to
    // explain a failed token resolution; with `stackTraces: false` the trace is never shown. Taking
    // them is a tenth of a large run, so for the duration of this synchronous synthesis none is taken.
    Error.captureStackTrace = (target: object) => {
      (target as { stack?: string }).stack = '';
    };
    // Stack traces would put this machine's paths into the output.
    const app = new App({ outdir, stackTraces: false, context: {} });
    const stack = new IrsaClusterStack(app, plan);
    // app.synth() would resolve every token three times (a preparing pass for cross-stack references,
    // which one stack does not have, then each block, then the whole) and write files to read back;
    // the stack's own configuration is the same document, in half the time of a large run.
    return stripCdktfMetadata(sortedKeys(stack.toTerraform()) as TerraformJson);
  } finally {
    Error.captureStackTrace = captureStackTrace;
    rmSync(outdir, { recursive: true, force: true });
  }
}

/**
 * The document as cdktf writes it to cdk.tf.json and JSON reads it back: keys sorted at every
 * depth (by its stable stringify), and no undefined values.
 */
function sortedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedKeys);
  if (value === null || typeof value !== 'object') return value;
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) {
    const entry = (value as Record<string, unknown>)[key];
    if (entry === undefined) continue;
    // defineProperty, so a key named "__proto__" stays a plain key
    Object.defineProperty(sorted, key, { value: sortedKeys(entry), enumerable: true, writable: true, configurable: true });
  }
  return sorted;
}
