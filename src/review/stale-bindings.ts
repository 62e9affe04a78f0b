/**
 * Which bindings a difference in `generated/` belongs to, so that `--check` can say
 * "billing/invoice-exporter is out of date" rather than only "main.tf.json differs".
 */
import { ClusterPlan } from '../plan/cluster-plan';
import { MANIFEST_FILE_NAME } from '../project/project-layout';
import { GeneratedFile } from '../synth/module-files';
import { BINDING_OUTPUTS } from '../terraform/addresses';
import { FileChanges } from './file-changes';
import { terraformEntries } from './terraform-entries';

export interface StaleReport {
  /** `namespace/serviceAccount` of each binding whose Terraform or policy files differ. */
  readonly bindings: readonly string[];
  /** Whether anything else differs: providers, backend, the OIDC provider, a removed binding. */
  readonly other: boolean;
}

export function staleBindings(
  plan: ClusterPlan,
  changes: FileChanges,
  expected: readonly GeneratedFile[],
  actual: ReadonlyMap<string, string>,
): StaleReport {
  const differing = new Set<string>();
  // The record of the config speaks of the bindings that differ elsewhere; it is not one more difference.
  const moduleFiles = [...changes.changed, ...changes.added, ...changes.removed].filter(
    (path) => path !== MANIFEST_FILE_NAME && !path.includes('/policies/'),
  );
  let unattributed = false;
  const root = `${plan.config.cluster.name}/`;
  for (const path of moduleFiles) {
    const before = actual.has(path) ? terraformEntries(path, actual.get(path) as string) : new Map<string, string>();
    const file = expected.find((candidate) => candidate.path === path);
    const after = file ? terraformEntries(path, file.content) : new Map<string, string>();
    if (!before || !after) {
      // Not of create-irsa's shape (edited by hand): every binding may be affected.
      for (const binding of plan.bindings) differing.add(binding.blockName);
      unattributed = true;
      continue;
    }
    for (const address of new Set([...before.keys(), ...after.keys()])) {
      if (before.get(address) === after.get(address)) continue;
      const owner = ownerOf(address, plan);
      if (owner) differing.add(owner);
      else unattributed = true;
    }
  }
  const policyPaths = [...changes.changed, ...changes.added, ...changes.removed].filter((path) => path.startsWith(`${root}policies/`));
  for (const binding of plan.bindings) {
    if (policyPaths.some((path) => path.startsWith(`${root}${binding.policyDir}/`))) differing.add(binding.blockName);
  }
  if (policyPaths.some((path) => !plan.bindings.some((binding) => path.startsWith(`${root}${binding.policyDir}/`)))) unattributed = true;
  return {
    bindings: plan.bindings
      .filter((binding) => differing.has(binding.blockName))
      .map(({ binding }) => `${binding.namespace}/${binding.serviceAccount}`),
    other: unattributed,
  };
}

/** The binding block name an address belongs to, if any. */
function ownerOf(address: string, plan: ClusterPlan): string | undefined {
  const parts = address.split('.');
  if ((parts[0] === 'resource' || parts[0] === 'data') && parts.length === 3) {
    return plan.bindings.find((binding) => binding.blockName === parts[2])?.blockName;
  }
  if (parts[0] === 'output' && parts.length === 2) {
    return plan.bindings.find((binding) => Object.values(BINDING_OUTPUTS).some((suffix) => parts[1] === `${binding.blockName}_${suffix}`))?.blockName;
  }
  return undefined;
}
