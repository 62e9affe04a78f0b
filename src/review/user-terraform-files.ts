/**
 * The files of a cluster's module that Terraform loads but create-irsa did not write: a user's
 * `backend_override.tf`, `zz_override.tf.json` or `extra.tf`. They are kept on purpose (see
 * generated-manifest), but they are part of every plan of the module, so a review names them.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { readOwnership } from '../project/generated-manifest';

/**
 * What Terraform reads from a module folder: its `*.tf` and `*.tf.json`, and the variable files it
 * loads by itself. It skips hidden files and editor backups (`~`, `#...#`), as Terraform does.
 * https://developer.hashicorp.com/terraform/language/files
 */
const LOADED_BY_TERRAFORM = /(\.tf|\.tf\.json|^terraform\.tfvars|^terraform\.tfvars\.json|\.auto\.tfvars|\.auto\.tfvars\.json)$/;
const IGNORED_BY_TERRAFORM = /^\.|~$|^#.*#$/;

/** Names (relative to generated/<cluster>/) of the files Terraform loads there that create-irsa did not write, sorted. */
export function userTerraformFiles(generatedDir: string, cluster: string): string[] {
  let entries;
  try {
    entries = readdirSync(join(generatedDir, cluster), { withFileTypes: true });
  } catch {
    return [];
  }
  const ownership = readOwnership(generatedDir, 'legacy');
  return entries
    .filter((entry) => !entry.isDirectory() && LOADED_BY_TERRAFORM.test(entry.name) && !IGNORED_BY_TERRAFORM.test(entry.name))
    .map((entry) => entry.name)
    .filter((name) => !ownership.owns(`${cluster}/${name}`))
    .sort();
}
