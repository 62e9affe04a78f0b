/**
 * The only place that runs CDKTF's App: a cluster plan goes in, the Terraform JSON that cdktf
 * synthesizes for its stack comes out. Synthesis writes to a private temporary folder, which is
 * removed afterwards; callers decide where the result goes. CDKTF's own `"//"` metadata is left out.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'cdktf';
import { ClusterPlan } from '../plan/cluster-plan';
import { IrsaClusterStack } from '../stacks/irsa-cluster-stack';
import { stripCdktfMetadata } from './cdktf-metadata';

/** Terraform JSON configuration, as cdktf writes it to `cdk.tf.json`. */
export type TerraformJson = Record<string, unknown>;

export function synthesizeClusterStack(plan: ClusterPlan): TerraformJson {
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
    app.synth();
    const synthesized = readFileSync(join(outdir, 'stacks', stack.node.id, 'cdk.tf.json'), 'utf8');
    return stripCdktfMetadata(JSON.parse(synthesized) as TerraformJson);
  } finally {
    Error.captureStackTrace = captureStackTrace;
    rmSync(outdir, { recursive: true, force: true });
  }
}
