/**
 * Where the policy templates come from: the ones bundled with create-irsa, unless the project
 * has its own copy under `<dir>/templates/policies/`, which then wins file by file.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../package-root';

export const TRUST_POLICY_TEMPLATE = 'role_trust_relationship.json.hbs';
export const POD_IDENTITY_TRUST_TEMPLATE = 'pod_identity_trust.json.hbs';
export const S3_POLICY_TEMPLATE = 's3_policy.json.hbs';
export const POLICY_TEMPLATE_NAMES = [TRUST_POLICY_TEMPLATE, POD_IDENTITY_TRUST_TEMPLATE, S3_POLICY_TEMPLATE] as const;

/** The templates folder relative to a project or package root. */
export const POLICY_TEMPLATES_SUBDIR = join('templates', 'policies');

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
 * @param overrideDir a project's `templates/policies` folder, if any
 */
export function loadPolicyTemplates(overrideDir?: string): PolicyTemplates {
  const bundled = bundledTemplatesDir();
  const load = (name: string): PolicyTemplate => {
    const override = overrideDir ? join(overrideDir, name) : undefined;
    const path = override && existsSync(override) ? override : join(bundled, name);
    const origin = path === override ? join(POLICY_TEMPLATES_SUBDIR, name) : `create-irsa's bundled ${name}`;
    return { name, origin, source: readFileSync(path, 'utf8') };
  };
  return { trust: load(TRUST_POLICY_TEMPLATE), podIdentityTrust: load(POD_IDENTITY_TRUST_TEMPLATE), s3: load(S3_POLICY_TEMPLATE) };
}
