/**
 * Lays a synthesized stack out as the files of a hand-written Terraform module, in Terraform JSON
 * (`*.tf.json`) or HCL (`*.tf`). Terraform loads every such file in a folder, so splitting changes
 * nothing it sees; the union of the files is exactly the synthesized configuration.
 */
import { ClusterPlan } from '../plan/cluster-plan';
import { printHcl } from './hcl/print-hcl';
import { TerraformJson } from './synthesize-stack';

/** A file of the generated output, by path relative to `generated/`. */
export interface GeneratedFile {
  readonly path: string;
  readonly content: string;
}

/** The two ways to write the same configuration. */
export type TerraformFormat = 'json' | 'hcl';

const PRINTERS: Readonly<Record<TerraformFormat, { readonly extension: string; readonly print: (terraform: TerraformJson) => string }>> = {
  json: { extension: '.tf.json', print: (terraform) => `${JSON.stringify(terraform, null, 2)}\n` },
  hcl: { extension: '.tf', print: printHcl },
};

/** Which file (name without extension) each top-level block goes to, in the order the files are listed. */
const FILE_BY_BLOCK: Readonly<Record<string, string>> = {
  terraform: 'providers',
  provider: 'providers',
  data: 'data',
  // A check block holds its own scoped data source: it reads like the other data sources.
  check: 'data',
  locals: 'main',
  resource: 'main',
  variable: 'vars',
  output: 'outputs',
};

export const TRUST_POLICY_FILE = 'role_trust_relationship.json';
export const S3_POLICY_FILE = 's3_policy.json';

/** The configuration split by file, keyed by file name without extension, sorted by name. */
export function splitTerraformJson(terraform: TerraformJson): Map<string, TerraformJson> {
  const files = new Map<string, TerraformJson>();
  for (const [block, value] of Object.entries(terraform)) {
    const file = FILE_BY_BLOCK[block];
    // Dropping an unknown block would silently change the module: refuse instead.
    if (!file) throw new Error(`create-irsa does not know where to write the Terraform block "${block}"`);
    const content = files.get(file) ?? {};
    content[block] = value;
    files.set(file, content);
  }
  return new Map([...files.entries()].sort(([a], [b]) => a.localeCompare(b)));
}

/** All files of one cluster's module, under `<cluster>/`, with its Terraform in the given format. */
export function clusterModuleFiles(plan: ClusterPlan, terraform: TerraformJson, format: TerraformFormat = 'json'): GeneratedFile[] {
  const root = plan.config.cluster.name;
  const printer = PRINTERS[format];
  const files: GeneratedFile[] = [];
  for (const [name, content] of splitTerraformJson(terraform)) {
    files.push({ path: `${root}/${name}${printer.extension}`, content: printer.print(content) });
  }
  for (const binding of plan.bindings) {
    files.push({ path: `${root}/${binding.policyDir}/${TRUST_POLICY_FILE}`, content: binding.trustPolicy.pretty });
    files.push({ path: `${root}/${binding.policyDir}/${S3_POLICY_FILE}`, content: binding.s3Policy.pretty });
  }
  return files;
}
