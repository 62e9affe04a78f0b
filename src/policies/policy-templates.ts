/**
 * Where the policy templates come from: the ones bundled with create-irsa, unless the project
 * has its own copy under `<dir>/templates/policies/`, which then wins file by file.
 */
import { closeSync, constants, fstatSync, lstatSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../package-root';
import { TemplateError } from './template-error';

export const TRUST_POLICY_TEMPLATE = 'role_trust_relationship.json.hbs';
export const POD_IDENTITY_TRUST_TEMPLATE = 'pod_identity_trust.json.hbs';
export const S3_POLICY_TEMPLATE = 's3_policy.json.hbs';
export const POLICY_TEMPLATE_NAMES = [TRUST_POLICY_TEMPLATE, POD_IDENTITY_TRUST_TEMPLATE, S3_POLICY_TEMPLATE] as const;

/** The templates folder relative to a project or package root. */
export const POLICY_TEMPLATES_SUBDIR = join('templates', 'policies');

/** Far above any policy template (IAM's largest document is 6,144 characters); a bigger file is not one. */
export const MAX_TEMPLATE_BYTES = 256 * 1024;

export interface PolicyTemplate {
  /** File name, e.g. `s3_policy.json.hbs`. */
  readonly name: string;
  /** Where it was read from, for error messages. */
  readonly origin: string;
  readonly source: string;
}

export interface PolicyTemplates {
  /** The IRSA trust policy (web identity from the cluster's OIDC provider). */
  readonly trust: PolicyTemplate;
  /** The EKS Pod Identity trust policy. */
  readonly podIdentityTrust: PolicyTemplate;
  readonly s3: PolicyTemplate;
}

/** The templates folder shipped with create-irsa. */
export function bundledTemplatesDir(): string {
  return join(packageRoot(), POLICY_TEMPLATES_SUBDIR);
}

/**
 * Loads the templates, each from `overrideDir` when it has that file, else from the bundled set.
 * @param overrideDir a project's `templates/policies` folder, if any (checked by the caller to be
 *   inside the project)
 */
export function loadPolicyTemplates(overrideDir?: string): PolicyTemplates {
  const bundled = bundledTemplatesDir();
  const load = (name: string): PolicyTemplate => {
    const origin = join(POLICY_TEMPLATES_SUBDIR, name);
    const source = overrideDir ? readProjectTemplate(join(overrideDir, name), origin) : undefined;
    if (source !== undefined) return { name, origin, source };
    return { name, origin: `create-irsa's bundled ${name}`, source: readFileSync(join(bundled, name), 'utf8') };
  };
  return { trust: load(TRUST_POLICY_TEMPLATE), podIdentityTrust: load(POD_IDENTITY_TRUST_TEMPLATE), s3: load(S3_POLICY_TEMPLATE) };
}

/**
 * A project's template, or undefined when it has none. It must be a regular file: a symbolic link
 * could make the template (and its error messages) the content of any file the user can read,
 * and a FIFO or device would hang or never end. The file is opened without following links and
 * checked on the open descriptor, so it cannot be swapped between the check and the read.
 */
function readProjectTemplate(path: string, origin: string): string | undefined {
  const refuse = (why: string) => new TemplateError({ origin }, `${why}; a template must be a regular file inside the project`, 'is refused');
  let entry;
  try {
    entry = lstatSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw refuse(`it cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  if (entry.isSymbolicLink()) throw refuse('it is a symbolic link');
  if (!entry.isFile()) throw refuse('it is not a regular file');

  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw refuse(code === 'ELOOP' ? 'it is a symbolic link' : `it cannot be read (${code ?? 'error'})`);
  }
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) throw refuse('it is not a regular file');
    if (stats.size > MAX_TEMPLATE_BYTES) throw refuse(`it is larger than ${MAX_TEMPLATE_BYTES} bytes`);
    return readFileSync(fd, 'utf8');
  } finally {
    closeSync(fd);
  }
}
