/**
 * Which output format a cluster's module in generated/ is written in, told by its own files: a
 * format change replaces every Terraform file, and that is one change, not one per binding.
 */
import { OutputFormat } from '../config/irsa-config';

/** The format of create-irsa's Terraform files of `cluster` in `actual`; undefined when it has none, or both. */
export function generatedFormat(actual: ReadonlyMap<string, string>, cluster: string): OutputFormat | undefined {
  const names = [...actual.keys()].filter((path) => path.startsWith(`${cluster}/`) && !path.slice(cluster.length + 1).includes('/'));
  const json = names.some((path) => path.endsWith('.tf.json'));
  const hcl = names.some((path) => path.endsWith('.tf'));
  if (json === hcl) return undefined;
  return json ? 'json' : 'hcl';
}
