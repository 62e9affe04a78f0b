/**
 * The names create-irsa gives to what it writes in a project folder.
 */

/** The answers, and the source of truth of a project. */
export const CONFIG_FILE_NAME = 'irsa.config.json';

/** The Terraform create-irsa writes, one folder per cluster. */
export const GENERATED_DIR_NAME = 'generated';

/**
 * The list, inside generated/, of the files create-irsa wrote there: a later run replaces and removes
 * only these, so Terraform state, `.terraform/` and a user's own files in generated/ survive. It is
 * committed with generated/, so a pull request shows when create-irsa takes over or drops a file.
 */
export const MANIFEST_FILE_NAME = 'create-irsa-manifest.json';

/**
 * Every entry create-irsa makes at the top of a project only while it runs starts with this; the
 * scaffolded .gitignore ignores them, and they never make a folder count as non-empty.
 */
export const TRANSIENT_PREFIX = '.create-irsa-';

/** Held by the one run that may write the project; records who holds it. */
export const LOCK_FILE_NAME = `${TRANSIENT_PREFIX}lock`;

/** Where a run prepares everything it will put in place; suffixed with the run's lock id. */
export const STAGING_PREFIX = `${TRANSIENT_PREFIX}staging-`;

/** A staged write being put in place; its presence tells the next run to finish or undo it. */
export const COMMIT_DIR_NAME = `${TRANSIENT_PREFIX}commit`;

/** The previous generated/, set aside while the new one is renamed into place. */
export const PREVIOUS_GENERATED_NAME = `${TRANSIENT_PREFIX}previous-generated`;

export function isTransientEntry(name: string): boolean {
  return name.startsWith(TRANSIENT_PREFIX);
}
