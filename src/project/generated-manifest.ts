/**
 * Which files of generated/ are create-irsa's. Each run lists the files it wrote in
 * generated/create-irsa-manifest.json; the next run replaces and removes only those, and keeps
 * everything else there (Terraform state, `.terraform/`, `.terraform.lock.hcl`, a user's
 * `backend.tf` or `*_override.tf`) byte for byte.
 *
 * A manifest can only claim files of the shapes create-irsa writes (a cluster's `*.tf` or
 * `*.tf.json`, other than Terraform's override files, and `policies/**.json`), so an edited
 * manifest can never make a run drop Terraform state or `.terraform/`. A project written before
 * manifests existed has none: there, create-irsa's files are the ones it has always written, by name.
 */
import { lstatSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GeneratedFile } from '../synth/module-files';
import { GENERATED_DIR_NAME, MANIFEST_FILE_NAME } from './project-layout';
import { isErrnoException, TargetDirectoryError } from './target-errors';

/** Which files and folders of generated/ (paths relative to it) are create-irsa's. */
export interface Ownership {
  /** Whether create-irsa wrote this file. */
  owns(path: string): boolean;
  /** Whether this folder may hold files create-irsa wrote, so it must be looked into. */
  mayHold(dirPath: string): boolean;
}

const TERRAFORM_OVERRIDE = /(^|_)override\.tf(\.json)?$/;

/** Terraform's override files (`override.tf`, `*_override.tf.json`) replace parts of other files' blocks. */
export function isTerraformOverride(name: string): boolean {
  return TERRAFORM_OVERRIDE.test(name);
}

/** The shapes of every file create-irsa writes in generated/. */
export function isCreateIrsaFileShape(path: string): boolean {
  const segments = path.split('/');
  // No hidden names: `.terraform/`, `.terraform.lock.hcl` and the like are never create-irsa's.
  if (segments.some((segment) => segment === '' || segment.startsWith('.'))) return false;
  const name = segments[segments.length - 1];
  if (segments.length === 2) return /\.tf(\.json)?$/.test(name) && !isTerraformOverride(name);
  return segments.length >= 3 && segments[1] === 'policies' && name.endsWith('.json');
}

/**
 * The manifest of a set of generated files, deterministic: the paths sorted. It also records the
 * normalized config the files were generated from, so that a later run can say what a change to
 * irsa.config.json changes (`--dry-run`), even after the file was edited in place.
 */
export function manifestFile(files: readonly GeneratedFile[], config: string): GeneratedFile {
  const paths = files.map((file) => file.path).sort();
  const odd = paths.find((path) => !isCreateIrsaFileShape(path));
  // A file of another shape would not be recognized as create-irsa's by the next run.
  if (odd !== undefined) throw new Error(`create-irsa would write generated/${odd}, which is not the shape of a create-irsa file`);
  const manifest = {
    about:
      'The files of generated/ that create-irsa wrote, and the config they were generated from. It replaces and removes only these files; ' +
      'other files here (Terraform state, .terraform/, your own *.tf) are kept. Written by create-irsa: do not edit.',
    files: paths,
    config: JSON.parse(config) as unknown,
  };
  return { path: MANIFEST_FILE_NAME, content: `${JSON.stringify(manifest, null, 2)}\n` };
}

/** The config a manifest records, as written; undefined when there is none that reads. */
export function manifestConfig(generatedDir: string): unknown {
  try {
    const path = join(generatedDir, MANIFEST_FILE_NAME);
    if (!lstatSync(path).isFile()) return undefined;
    return (JSON.parse(readFileSync(path, 'utf8')) as { config?: unknown }).config;
  } catch {
    return undefined;
  }
}

/**
 * The ownership recorded in `generatedDir`: its manifest's files; without a manifest, for a
 * project written before manifests, the files create-irsa has always written (`legacy`), and for
 * a folder create-irsa did not make, none.
 */
export function readOwnership(generatedDir: string, withoutManifest: 'legacy' | 'none'): Ownership {
  const path = join(generatedDir, MANIFEST_FILE_NAME);
  let text: string;
  try {
    if (!lstatSync(path).isFile()) throw invalidManifest('it is not a regular file');
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if (isErrnoException(error) && (error.code === 'ENOENT' || error.code === 'ENOTDIR')) {
      return withoutManifest === 'legacy' ? LEGACY_OWNERSHIP : NO_OWNERSHIP;
    }
    throw error;
  }
  let files: unknown;
  try {
    files = (JSON.parse(text) as { files?: unknown }).files;
  } catch {
    throw invalidManifest('it is not valid JSON');
  }
  if (!Array.isArray(files) || !files.every((file) => typeof file === 'string')) throw invalidManifest('"files" is not a list of paths');
  return ownershipOf(files.filter(isCreateIrsaFileShape));
}

function invalidManifest(problem: string): TargetDirectoryError {
  return new TargetDirectoryError(
    `${GENERATED_DIR_NAME}/${MANIFEST_FILE_NAME} is not a create-irsa manifest: ${problem}. Restore it from version control; ` +
      `or delete it, and create-irsa will recognize the files it wrote by their names.`,
    'invalid',
  );
}

function ownershipOf(files: readonly string[]): Ownership {
  const owned = new Set([...files, MANIFEST_FILE_NAME]);
  const folders = new Set(files.flatMap(ancestors));
  return { owns: (path) => owned.has(path), mayHold: (dirPath) => folders.has(dirPath) };
}

/** The folders that lead to `path`, outermost first: `a/b/c.json` → `a`, `a/b`. */
export function ancestors(path: string): string[] {
  const segments = path.split('/');
  return segments.slice(1).map((_, index) => segments.slice(0, index + 1).join('/'));
}

const LEGACY_FILE = [
  /^[^/]+\/(providers|data|main|vars|outputs)\.tf\.json$/,
  /^[^/]+\/policies\/[^/]+\/[^/]+\/(role_trust_relationship|s3_policy)\.json$/,
];
const LEGACY_FOLDER = /^[^/]+(\/policies(\/[^/]+(\/[^/]+)?)?)?$/;

const LEGACY_OWNERSHIP: Ownership = {
  owns: (path) => path === MANIFEST_FILE_NAME || (isCreateIrsaFileShape(path) && LEGACY_FILE.some((pattern) => pattern.test(path))),
  mayHold: (dirPath) => !dirPath.split('/').some((segment) => segment.startsWith('.')) && LEGACY_FOLDER.test(dirPath),
};

const NO_OWNERSHIP: Ownership = { owns: () => false, mayHold: () => false };
