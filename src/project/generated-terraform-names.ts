/**
 * The Terraform name a project's generated module gives each service account. It is what Terraform
 * has in its state, so it is the name to keep when the project's irsa.config.json records none:
 * a config of create-irsa 0.1, edited in place before it is generated again.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GENERATED_DIR_NAME } from './write-project';

type Block = { metadata?: { name?: unknown; namespace?: unknown } };

/** `<namespace>/<serviceAccount>` → block name; empty when the module is missing or unreadable. */
export function generatedTerraformNames(projectDir: string, clusterName: string): Map<string, string> {
  let resource: Record<string, Record<string, Block> | undefined>;
  try {
    const main = JSON.parse(readFileSync(join(projectDir, GENERATED_DIR_NAME, clusterName, 'main.tf.json'), 'utf8'));
    resource = main?.resource ?? {};
  } catch {
    // Nothing to learn from it: the names are derived as the config records them.
    return new Map();
  }
  const namespaces = resource.kubernetes_namespace_v1 ?? {};
  const names = new Map<string, string>();
  for (const [blockName, account] of Object.entries(resource.kubernetes_service_account_v1 ?? {})) {
    const { name, namespace } = account?.metadata ?? {};
    if (typeof name !== 'string' || typeof namespace !== 'string') continue;
    // A namespace create-irsa creates is referenced: `${kubernetes_namespace_v1.<block>.metadata[0].name}`.
    const created = /^\$\{kubernetes_namespace_v1\.([A-Za-z0-9_-]+)\.metadata\[0\]\.name\}$/.exec(namespace);
    const namespaceName = created ? namespaces[created[1]]?.metadata?.name : namespace;
    if (typeof namespaceName === 'string') names.set(`${namespaceName}/${name}`, blockName);
  }
  return names;
}
