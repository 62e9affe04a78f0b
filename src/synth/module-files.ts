/**
 * Lays a synthesized stack out as the files of a hand-written Terraform module. Terraform loads
 * every `*.tf.json` in a folder, so splitting changes nothing it sees; the union of the files is
 * exactly the synthesized JSON.
 */
import { ClusterPlan } from '../plan/cluster-plan';
import { TerraformJson } from './synthesize-stack';

/** A file of the generated output, by path relative to `generated/`. */
export interface GeneratedFile {
  readonly path: string;
  readonly content: string;
}

/** Which file each top-level block of Terraform JSON goes to, in the order the files are listed. */
const FILE_BY_BLOCK: Readonly<Record<string, string>> = {
  terraform: 'providers.tf.json',
  provider: 'providers.tf.json',
  data: 'data.tf.json',
  locals: 'main.tf.json',
  resource: 'main.tf.json',
  variable: 'vars.tf.json',
  output: 'outputs.tf.json',
};

export const TRUST_POLICY_FILE = 'role_trust_relationship.json';
export const S3_POLICY_FILE = 's3_policy.json';

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

/** All files of one cluster's module, under `<cluster>/`. */
export function clusterModuleFiles(plan: ClusterPlan, terraform: TerraformJson): GeneratedFile[] {
  const root = plan.config.cluster.name;
  const files: GeneratedFile[] = [];
  for (const [name, content] of splitTerraformJson(terraform)) {
    files.push({ path: `${root}/${name}`, content: `${JSON.stringify(content, null, 2)}\n` });
  }
  for (const binding of plan.bindings) {
    files.push({ path: `${root}/${binding.policyDir}/${TRUST_POLICY_FILE}`, content: binding.trustPolicy.pretty });
    files.push({ path: `${root}/${binding.policyDir}/${S3_POLICY_FILE}`, content: binding.s3Policy.pretty });
  }
  return files;
}
