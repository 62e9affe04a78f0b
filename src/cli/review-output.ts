/**
 * What create-irsa says about a change before (or instead of) writing it: the change summary per
 * binding, the files that would change, and the verdict of `--check`.
 */
import { join } from 'node:path';
import { IrsaConfig } from '../config/irsa-config';
import { ClusterPlan } from '../plan/cluster-plan';
import { GENERATED_DIR_NAME } from '../project/write-project';
import { summarizeChanges } from '../review/change-summary';
import { FileChanges, hasChanges } from '../review/file-changes';
import { StaleReport } from '../review/stale-bindings';
import { GeneratedFile } from '../synth/module-files';

/** The change summary of a config change; empty when nothing changes. */
export function changeLines(before: IrsaConfig | undefined, after: IrsaConfig): string[] {
  return summarizeChanges(before, after).lines.map((line) => `  ${line}`);
}

/** The files that would be added (+), changed (~) or removed (-), as paths below the project. */
export function fileChangeLines(changes: FileChanges, shownDir: string): string[] {
  const shown = (path: string) => join(shownDir, GENERATED_DIR_NAME, path);
  return [
    ...changes.added.map((path) => `  + ${shown(path)}`),
    ...changes.changed.map((path) => `  ~ ${shown(path)}`),
    ...changes.removed.map((path) => `  - ${shown(path)}`),
  ];
}

export function dryRunReport(
  before: IrsaConfig | undefined,
  after: IrsaConfig,
  changes: FileChanges,
  scaffold: readonly GeneratedFile[],
  shownDir: string,
): string {
  const summary = changeLines(before, after);
  const lines = ['Dry run: nothing was written.'];
  if (before) {
    lines.push(summary.length > 0 ? `Changes to ${shownDir}:` : `No change to the bindings of ${shownDir}.`, ...summary);
  } else {
    lines.push(`Would create ${shownDir} with:`, ...summary);
  }
  const files = [...scaffold.map((file) => `  + ${join(shownDir, file.path)}`), ...fileChangeLines(changes, shownDir)];
  lines.push(files.length > 0 ? 'Files that would change:' : 'No file would change.', ...files, '');
  return lines.join('\n');
}

export function checkReport(changes: FileChanges, stale: StaleReport, plan: ClusterPlan, shownDir: string, regenerate: string): string {
  if (!hasChanges(changes)) return `${join(shownDir, GENERATED_DIR_NAME)} is up to date with ${join(shownDir, 'irsa.config.json')}.\n`;
  const lines = [`${join(shownDir, GENERATED_DIR_NAME)} is out of date with ${join(shownDir, 'irsa.config.json')}.`];
  if (stale.bindings.length > 0) lines.push(`Bindings that differ: ${stale.bindings.join(', ')}`);
  if (stale.other) lines.push(`Settings of cluster ${plan.config.cluster.name} that differ too (providers, backend, OIDC provider, or a removed binding).`);
  lines.push('Files (+ missing, ~ different, - no longer generated):', ...fileChangeLines(changes, shownDir), `Run: ${regenerate}`, 'and commit the result.', '');
  return lines.join('\n');
}
