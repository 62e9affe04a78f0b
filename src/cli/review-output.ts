/**
 * What create-irsa says about a change before (or instead of) writing it: the change summary per
 * binding, the files that would change, and the verdict of `--check`.
 */
import { join } from 'node:path';
import { IrsaConfig, OutputFormat } from '../config/irsa-config';
import { ClusterPlan } from '../plan/cluster-plan';
import { isTerraformOverride } from '../project/generated-manifest';
import { CONFIG_FILE_NAME, GENERATED_DIR_NAME } from '../project/write-project';
import { summarizeChanges } from '../review/change-summary';
import { FileChanges, hasChanges } from '../review/file-changes';
import { ProjectFileChanges } from '../review/project-changes';
import { StaleReport } from '../review/stale-bindings';
import { escapeInvisible } from '../text/quote-value';

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

/** The config, project files and generated/ files a write adds (+) or changes (~), and those it removes (-). */
export function projectFileChangeLines(changes: ProjectFileChanges, shownDir: string): string[] {
  const config = changes.config === undefined ? [] : [`  ${changes.config === 'added' ? '+' : '~'} ${join(shownDir, CONFIG_FILE_NAME)}`];
  return [...changes.scaffold.map((path) => `  + ${join(shownDir, path)}`), ...config, ...fileChangeLines(changes.generated, shownDir)];
}

/** After a write: the files it changed, then how many it left as they were. */
export function writtenFileLines(changes: ProjectFileChanges, shownDir: string): string[] {
  const { unchanged } = changes;
  return [...projectFileChangeLines(changes, shownDir), ...(unchanged > 0 ? [`  ${unchanged} file${unchanged === 1 ? '' : 's'} unchanged`] : [])];
}

/**
 * Terraform files of the cluster's module that create-irsa did not write, with the override files
 * marked: they change what create-irsa's own blocks do. Names come from disk, so they are escaped.
 */
export function userTerraformLines(names: readonly string[], cluster: string, shownDir: string): string[] {
  if (names.length === 0) return [];
  const module = join(shownDir, GENERATED_DIR_NAME, cluster);
  return [
    `Terraform files in ${module} that create-irsa did not write (they are part of the plan; review them):`,
    ...names.map((name) => `  ${join(module, escapeInvisible(name))}${isTerraformOverride(name) ? " (override file: it changes create-irsa's blocks)" : ''}`),
  ];
}

export function dryRunReport(
  before: IrsaConfig | undefined,
  after: IrsaConfig,
  changes: ProjectFileChanges,
  userFiles: readonly string[],
  shownDir: string,
): string {
  const summary = changeLines(before, after);
  const lines = ['Dry run: nothing was written.'];
  if (before) {
    lines.push(summary.length > 0 ? `Changes to ${shownDir}:` : `No change to the bindings of ${shownDir}.`, ...summary);
  } else {
    lines.push(`Would create ${shownDir} with:`, ...summary);
  }
  const files = projectFileChangeLines(changes, shownDir);
  lines.push(files.length > 0 ? 'Files that would change:' : 'No file would change.', ...files);
  lines.push(...userTerraformLines(userFiles, after.cluster.name, shownDir), '');
  return lines.join('\n');
}

export interface CheckFindings {
  readonly changes: FileChanges;
  readonly stale: StaleReport;
  /** The output format generated/ is written in, and the one the config asks for, when they differ. */
  readonly format?: { readonly from: OutputFormat; readonly to: OutputFormat };
  /** Terraform files of the module that create-irsa did not write. */
  readonly userFiles: readonly string[];
  readonly plan: ClusterPlan;
  readonly shownDir: string;
  readonly regenerate: string;
}

export function checkReport({ changes, stale, format, userFiles, plan, shownDir, regenerate }: CheckFindings): string {
  const generated = join(shownDir, GENERATED_DIR_NAME);
  const config = join(shownDir, CONFIG_FILE_NAME);
  const user = userTerraformLines(userFiles, plan.config.cluster.name, shownDir);
  if (!hasChanges(changes)) return [`${generated} is up to date with ${config}.`, ...user, ''].join('\n');
  const lines = [`${generated} is out of date with ${config}.`];
  if (format) lines.push(`Output format changed: ${format.from} -> ${format.to} (every Terraform file is written again in the new format).`);
  if (stale.bindings.length > 0) lines.push(`Bindings that differ: ${stale.bindings.join(', ')}`);
  if (stale.other) lines.push(`Settings of cluster ${plan.config.cluster.name} that differ too (providers, backend, OIDC provider, or a removed binding).`);
  lines.push('Files (+ missing, ~ different, - no longer generated):', ...fileChangeLines(changes, shownDir), `Run: ${regenerate}`, 'and commit the result.');
  lines.push(...user, '');
  return lines.join('\n');
}
