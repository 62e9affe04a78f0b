/**
 * What a change to a project's config means, in words a reviewer reads at a glance:
 *   billing/invoice-exporter: prefix exports/ -> exports/2026/, access read -> read-write
 *   + reporting/report-writer (read-write s3://acme-reports/monthly/)
 * Compares two validated configs, binding by binding (a binding is its namespace/service account).
 */
import { BindingConfig, IdentityKind, IrsaConfig, RoleSettings, S3Grant } from '../config/irsa-config';

export interface ChangeSummary {
  /** One line per binding added, removed or changed, and one for project-wide settings. */
  readonly lines: readonly string[];
  /**
   * Whether any binding gains access: a new binding, a new grant, read -> read-write, a wider
   * prefix, a new KMS key or trust; a role whose permissions boundary is removed or replaced, or
   * whose sessions may last longer; roles that trust another cluster or OIDC issuer.
   */
  readonly widens: boolean;
}

const subjectOf = (binding: BindingConfig) => `${binding.namespace}/${binding.serviceAccount}`;

export function summarizeChanges(before: IrsaConfig | undefined, after: IrsaConfig): ChangeSummary {
  const lines: string[] = [];
  let widens = false;
  if (before) {
    const project = projectChanges(before, after);
    if (project.length > 0) lines.push(`project: ${project.join(', ')}`);
    widens ||= trustsAnotherCluster(before, after);
  }
  const old = new Map((before?.bindings ?? []).map((binding) => [subjectOf(binding), binding]));
  const kept = new Set<string>();
  for (const binding of after.bindings) {
    const subject = subjectOf(binding);
    const previous = old.get(subject);
    if (!previous) {
      lines.push(`+ ${subject} (${binding.s3.map(describeGrant).join(', ')})`);
      widens = true;
      continue;
    }
    kept.add(subject);
    const changes = bindingChanges(previous, binding, before as IrsaConfig, after);
    if (changes.words.length > 0) lines.push(`${subject}: ${changes.words.join(', ')}`);
    widens ||= changes.widens;
  }
  for (const [subject] of old) if (!kept.has(subject)) lines.push(`- ${subject}`);
  return { lines, widens };
}

/** A binding in one line: `billing/invoice-exporter -> read s3://acme-invoices/exports/ (IRSA)`. */
export function describeBinding(binding: BindingConfig, config: IrsaConfig): string {
  const trust = TRUST_NAMES[binding.identity ?? config.cluster.identity].join(' + ');
  return `${subjectOf(binding)} -> ${binding.s3.map(describeGrant).join(', ')} (${trust})`;
}

function describeGrant(grant: S3Grant): string {
  const where = grant.prefix === '' ? `the whole bucket ${grant.bucket}` : `s3://${grant.bucket}/${grant.prefix}`;
  return `${grant.access} ${where}${grant.kmsKey ? ' with its KMS key' : ''}`;
}

const arrow = (from: unknown, to: unknown) => `${shown(from)} -> ${shown(to)}`;

function shown(value: unknown): string {
  if (value === undefined) return '(none)';
  if (typeof value === 'string') return value === '' ? '""' : value;
  return JSON.stringify(value);
}

function projectChanges(before: IrsaConfig, after: IrsaConfig): string[] {
  const words: string[] = [];
  const compare = (name: string, from: unknown, to: unknown) => {
    if (JSON.stringify(from) !== JSON.stringify(to)) words.push(`${name} ${arrow(from, to)}`);
  };
  compare('region', before.region, after.region);
  compare('cluster', before.cluster.name, after.cluster.name);
  compare('OIDC issuer', before.cluster.oidcIssuer, after.cluster.oidcIssuer);
  compare('create OIDC provider', before.cluster.createOidcProvider, after.cluster.createOidcProvider);
  compare('identity', before.cluster.identity, after.cluster.identity);
  compare('backend', before.backend.s3, after.backend.s3);
  compare('tags', before.tags, after.tags);
  compare('format', before.format, after.format);
  words.push(...roleChanges(before.role, after.role, 'role'));
  return words;
}

function roleChanges(before: RoleSettings, after: RoleSettings, label: string): string[] {
  return (['path', 'permissionsBoundary', 'maxSessionDuration'] as const)
    .filter((key) => before[key] !== after[key])
    .map((key) => `${label} ${key} ${arrow(before[key], after[key])}`);
}

/**
 * The roles' trust names the cluster's OIDC issuer (IRSA) and its Pod Identity associations the
 * cluster: another cluster or issuer lets other workloads assume them.
 */
function trustsAnotherCluster(before: IrsaConfig, after: IrsaConfig): boolean {
  return before.cluster.name !== after.cluster.name || before.cluster.oidcIssuer !== after.cluster.oidcIssuer;
}

/** IAM's own maximum session duration when none is set, in seconds. */
const IAM_DEFAULT_SESSION_SECONDS = 3600;

/**
 * Whether a role's guardrails loosen: its permissions boundary removed or replaced by another
 * (which may allow more), or its sessions allowed to last longer. A binding's settings override
 * the project's key by key, so the settings the role gets are compared.
 */
function roleWidens(before: RoleSettings, after: RoleSettings): boolean {
  const boundaryLoosened = before.permissionsBoundary !== undefined && after.permissionsBoundary !== before.permissionsBoundary;
  const longerSessions = (after.maxSessionDuration ?? IAM_DEFAULT_SESSION_SECONDS) > (before.maxSessionDuration ?? IAM_DEFAULT_SESSION_SECONDS);
  return boundaryLoosened || longerSessions;
}

/** The settings the role gets, as the plan gives them (plan/cluster-plan). */
const effectiveRole = (binding: BindingConfig, config: IrsaConfig): RoleSettings => ({ ...config.role, ...binding.role });

const TRUST_NAMES: Readonly<Record<IdentityKind, readonly string[]>> = {
  irsa: ['IRSA'],
  'pod-identity': ['Pod Identity'],
  both: ['IRSA', 'Pod Identity'],
};

function bindingChanges(before: BindingConfig, after: BindingConfig, beforeConfig: IrsaConfig, afterConfig: IrsaConfig): { words: string[]; widens: boolean } {
  const words: string[] = [];
  let widens = false;
  const grants = grantChanges(before.s3, after.s3);
  words.push(...grants.words);
  widens ||= grants.widens;

  const trustBefore = TRUST_NAMES[before.identity ?? beforeConfig.cluster.identity];
  const trustAfter = TRUST_NAMES[after.identity ?? afterConfig.cluster.identity];
  const trust = [
    ...trustAfter.filter((name) => !trustBefore.includes(name)).map((name) => `+ ${name}`),
    ...trustBefore.filter((name) => !trustAfter.includes(name)).map((name) => `- ${name}`),
  ];
  if (trust.length > 0) {
    words.push(`trust: ${trust.join(', ')}`);
    widens ||= trust.some((word) => word.startsWith('+'));
  }
  if (before.createServiceAccount !== after.createServiceAccount) {
    words.push(`service account created by ${after.createServiceAccount ? 'create-irsa' : 'you (Helm, manifests)'}`);
  }
  if (before.createNamespace !== after.createNamespace) words.push(`create namespace ${arrow(before.createNamespace, after.createNamespace)}`);
  if (before.roleName !== after.roleName) words.push(`role name ${arrow(before.roleName, after.roleName)}`);
  if (before.policyName !== after.policyName) words.push(`policy name ${arrow(before.policyName, after.policyName)}`);
  words.push(...roleChanges(before.role, after.role, 'role'));
  widens ||= roleWidens(effectiveRole(before, beforeConfig), effectiveRole(after, afterConfig));
  return { words, widens };
}

/**
 * Grants are matched by bucket: one grant per bucket on each side reads as
 * `prefix a/ -> b/`, `access read -> read-write`; otherwise grants are listed as added and removed.
 */
function grantChanges(before: readonly S3Grant[], after: readonly S3Grant[]): { words: string[]; widens: boolean } {
  const words: string[] = [];
  let widens = false;
  const key = (grant: S3Grant) => `${grant.bucket}/${grant.prefix}`;
  const single = (grants: readonly S3Grant[], bucket: string) => grants.filter((grant) => grant.bucket === bucket);
  const matched = new Set<S3Grant>();
  for (const grant of after) {
    const same = before.find((old) => key(old) === key(grant));
    const sameBucket = single(before, grant.bucket);
    const previous = same ?? (sameBucket.length === 1 && single(after, grant.bucket).length === 1 ? sameBucket[0] : undefined);
    if (!previous) {
      words.push(`+ ${describeGrant(grant)}`);
      widens = true;
      continue;
    }
    matched.add(previous);
    const where = before.length > 1 || after.length > 1 ? ` of ${grant.bucket}` : '';
    if (previous.prefix !== grant.prefix) {
      words.push(`prefix${where} ${arrow(previous.prefix, grant.prefix)}`);
      // A shorter prefix reaches more: `exports/` covers `exports/2026/`; "" is the whole bucket.
      widens ||= !grant.prefix.startsWith(previous.prefix);
    }
    if (previous.access !== grant.access) {
      words.push(`access${where} ${arrow(previous.access, grant.access)}`);
      widens ||= grant.access === 'read-write';
    }
    if (previous.kmsKey !== grant.kmsKey) {
      words.push(`KMS key${where} ${arrow(previous.kmsKey, grant.kmsKey)}`);
      widens ||= grant.kmsKey !== undefined;
    }
  }
  for (const grant of before) if (!matched.has(grant)) words.push(`- ${describeGrant(grant)}`);
  return { words, widens };
}
