/**
 * Turns untrusted input (a parsed config file, or flags mapped onto the same shape) into a
 * validated, normalized IrsaConfig. Every problem is collected, so a user fixes them all in one go.
 */
import { ACCESS_LEVELS, AccessLevel, BindingConfig, ClusterConfig, IrsaConfig } from './irsa-config';
import { BUILT_IN_NAMESPACES } from './field-rules';
import { checkField, FIELD_SPECS, FieldName, FieldSpec } from './field-specs';
import { ConfigIssue, InvalidConfigError } from './invalid-config-error';
import { defaultPolicyName, defaultRoleName } from './names';

/** A value that was changed by normalization, so it can be shown to the user. */
export interface NormalizationNote {
  readonly field: string;
  readonly from: string;
  readonly to: string;
}

export interface ParsedConfig {
  readonly config: IrsaConfig;
  readonly notes: readonly NormalizationNote[];
}

type RawObject = Record<string, unknown>;

const TOP_LEVEL_KEYS = ['region', 'cluster', 'bindings'] as const;
const CLUSTER_KEYS = ['name', 'oidcIssuer', 'createOidcProvider'] as const;
const BINDING_KEYS = [
  'namespace',
  'serviceAccount',
  'bucket',
  'prefix',
  'access',
  'roleName',
  'policyName',
  'terraformName',
  'createNamespace',
] as const;

class IssueCollector {
  readonly issues: ConfigIssue[] = [];
  readonly notes: NormalizationNote[] = [];

  add(field: string, message: string): void {
    this.issues.push({ field, message });
  }

  /** Reports keys that are not part of the schema: a typo must never be silently ignored. */
  rejectUnknownKeys(raw: RawObject, allowed: readonly string[], path: string): void {
    for (const key of Object.keys(raw)) {
      if (allowed.includes(key)) continue;
      const suggestion = closestKey(key, allowed);
      const hint = suggestion ? `; did you mean ${JSON.stringify(suggestion)}?` : '.';
      this.add(joinPath(path, key), `is not a known setting${hint} Known settings here: ${allowed.join(', ')}`);
    }
  }

  object(value: unknown, field: string, example: string): RawObject | undefined {
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) return value as RawObject;
    this.add(field, `must be an object, got ${describe(value)}. Example: ${example}`);
    return undefined;
  }

  /**
   * Reads a required or optional text field and normalizes and validates it (see field-specs).
   * Returns undefined when the value is missing or wrong.
   */
  string(raw: RawObject, key: string, path: string, field: FieldName, required: boolean): string | undefined {
    const fieldPath = joinPath(path, key);
    const value = raw[key];
    const { example } = FIELD_SPECS[field];
    if (value === undefined) {
      if (required) this.add(fieldPath, `is required. Example: ${example}`);
      return undefined;
    }
    if (typeof value !== 'string') {
      this.add(fieldPath, `must be a string, got ${describe(value)}. Example: ${JSON.stringify(example)}`);
      return undefined;
    }
    const check = checkField(field, value);
    if (!check.ok) {
      this.add(fieldPath, check.problem);
      return undefined;
    }
    const unset = check.value === '' && (FIELD_SPECS[field] as FieldSpec).blankMeansUnset;
    if (check.value !== value && !unset) this.notes.push({ field: fieldPath, from: value, to: check.value });
    return check.value;
  }

  boolean(raw: RawObject, key: string, path: string, fallback: boolean): boolean {
    const value = raw[key];
    if (value === undefined) return fallback;
    if (typeof value !== 'boolean') {
      this.add(joinPath(path, key), `must be true or false, got ${describe(value)}. Example: ${fallback}`);
      return fallback;
    }
    return value;
  }
}

/**
 * Validates and normalizes a whole config. Throws InvalidConfigError listing every problem.
 * @param source where the input came from, named in the error (a file name or "flags")
 */
export function parseConfig(raw: unknown, source?: string): ParsedConfig {
  const collector = new IssueCollector();
  const top = collector.object(raw, '(config)', '{ "region": "eu-west-1", "cluster": {...}, "bindings": [...] }');
  if (!top) throw new InvalidConfigError(collector.issues, source);
  collector.rejectUnknownKeys(top, TOP_LEVEL_KEYS, '');

  const region = collector.string(top, 'region', '', 'region', true);
  const cluster = parseCluster(collector, top.cluster);
  const bindings = parseBindings(collector, top.bindings, cluster?.name);
  if (cluster && bindings) checkBindingsAreDistinct(collector, bindings);

  if (collector.issues.length > 0 || region === undefined || !cluster || !bindings) {
    throw new InvalidConfigError(collector.issues, source);
  }
  return { config: { region, cluster, bindings }, notes: collector.notes };
}

function parseCluster(collector: IssueCollector, value: unknown): ClusterConfig | undefined {
  if (value === undefined) {
    collector.add('cluster', 'is required. Example: { "name": "payments", "createOidcProvider": true }');
    return undefined;
  }
  const raw = collector.object(value, 'cluster', '{ "name": "payments", "createOidcProvider": true }');
  if (!raw) return undefined;
  collector.rejectUnknownKeys(raw, CLUSTER_KEYS, 'cluster');
  const name = collector.string(raw, 'name', 'cluster', 'clusterName', true);
  // Blank is the same as leaving it out (see the field spec).
  const oidcIssuer = collector.string(raw, 'oidcIssuer', 'cluster', 'oidcIssuer', false) || undefined;
  const createOidcProvider = collector.boolean(raw, 'createOidcProvider', 'cluster', true);
  if (name === undefined) return undefined;
  return oidcIssuer === undefined ? { name, createOidcProvider } : { name, oidcIssuer, createOidcProvider };
}

function parseBindings(
  collector: IssueCollector,
  value: unknown,
  clusterName: string | undefined,
): BindingConfig[] | undefined {
  const example = '[{ "namespace": "billing", "serviceAccount": "invoice-exporter", "bucket": "acme-invoices", "prefix": "exports/", "access": "read" }]';
  if (value === undefined) {
    collector.add('bindings', `is required. Example: ${example}`);
    return undefined;
  }
  if (!Array.isArray(value) || value.length === 0) {
    collector.add('bindings', `must be a non-empty list, got ${describe(value)}. Example: ${example}`);
    return undefined;
  }
  const bindings = value.map((item, index) => parseBinding(collector, item, `bindings[${index}]`, clusterName));
  return bindings.every((binding): binding is BindingConfig => binding !== undefined) ? bindings : undefined;
}

function parseBinding(
  collector: IssueCollector,
  value: unknown,
  path: string,
  clusterName: string | undefined,
): BindingConfig | undefined {
  const raw = collector.object(value, path, '{ "namespace": "billing", "serviceAccount": "invoice-exporter", ... }');
  if (!raw) return undefined;
  collector.rejectUnknownKeys(raw, BINDING_KEYS, path);

  const namespace = collector.string(raw, 'namespace', path, 'namespace', true);
  const serviceAccount = collector.string(raw, 'serviceAccount', path, 'serviceAccount', true);
  const bucket = collector.string(raw, 'bucket', path, 'bucket', true);
  const prefix = parsePrefix(collector, raw, path);
  const access = parseAccess(collector, raw, path);
  const createNamespace = collector.boolean(raw, 'createNamespace', path, false);
  if (createNamespace && namespace !== undefined && BUILT_IN_NAMESPACES.includes(namespace)) {
    collector.add(joinPath(path, 'createNamespace'), `must be false for ${JSON.stringify(namespace)}: every cluster has that namespace already, and creating it again fails. Example: false`);
  }
  const roleName = collector.string(raw, 'roleName', path, 'roleName', false);
  const policyName = collector.string(raw, 'policyName', path, 'policyName', false);
  const terraformName = collector.string(raw, 'terraformName', path, 'terraformName', false);

  if (
    namespace === undefined ||
    serviceAccount === undefined ||
    bucket === undefined ||
    prefix === undefined ||
    access === undefined ||
    clusterName === undefined ||
    (raw.roleName !== undefined && roleName === undefined) ||
    (raw.policyName !== undefined && policyName === undefined) ||
    (raw.terraformName !== undefined && terraformName === undefined)
  ) {
    return undefined;
  }
  const identity = { cluster: clusterName, namespace, serviceAccount };
  return {
    namespace,
    serviceAccount,
    bucket,
    prefix,
    access,
    roleName: roleName ?? defaultRoleName(identity),
    policyName: policyName ?? defaultPolicyName(identity),
    // Left out when not given: it is decided with the other bindings and the project (plan/terraform-names).
    ...(terraformName !== undefined ? { terraformName } : {}),
    createNamespace,
  };
}

/**
 * The prefix is required so that "the whole bucket" is always an explicit choice (`"prefix": ""`).
 */
function parsePrefix(collector: IssueCollector, raw: RawObject, path: string): string | undefined {
  if (raw.prefix === undefined) {
    collector.add(joinPath(path, 'prefix'), 'is required; give the folder the workload may use, or "" to grant the whole bucket. Example: exports/');
    return undefined;
  }
  return collector.string(raw, 'prefix', path, 'prefix', true);
}

function parseAccess(collector: IssueCollector, raw: RawObject, path: string): AccessLevel | undefined {
  const value = raw.access;
  if (value === undefined) return 'read';
  const access = typeof value === 'string' ? value.trim() : value;
  if (typeof access === 'string' && (ACCESS_LEVELS as readonly string[]).includes(access)) return access as AccessLevel;
  collector.add(joinPath(path, 'access'), `must be one of ${ACCESS_LEVELS.map((a) => JSON.stringify(a)).join(' or ')}, got ${describe(value)}. Example: read`);
  return undefined;
}

/** Two bindings for one service account, or two that share an IAM name, would fight over the same objects. */
function checkBindingsAreDistinct(collector: IssueCollector, bindings: readonly BindingConfig[]): void {
  const seen = { subject: new Map<string, number>(), roleName: new Map<string, number>(), policyName: new Map<string, number>() };
  bindings.forEach((binding, index) => {
    const subject = `${binding.namespace}/${binding.serviceAccount}`;
    const checks: Array<[keyof typeof seen, string, string]> = [
      ['subject', subject, `binds service account ${subject} again`],
      ['roleName', binding.roleName.toLowerCase(), `has the role name ${JSON.stringify(binding.roleName)} again`],
      ['policyName', binding.policyName.toLowerCase(), `has the policy name ${JSON.stringify(binding.policyName)} again`],
    ];
    for (const [kind, key, what] of checks) {
      const first = seen[kind].get(key);
      if (first === undefined) {
        seen[kind].set(key, index);
        continue;
      }
      const field = kind === 'subject' ? `bindings[${index}]` : `bindings[${index}].${kind}`;
      const fix = kind === 'subject' ? 'merge them into one binding' : `set a distinct "${kind}" on one of them`;
      collector.add(field, `${what} (already in bindings[${first}]); IAM names are case-insensitive and each must be unique: ${fix}`);
      if (kind === 'subject') return;
    }
  });
}

/** `bindings[0].prefix`; a key that is not a plain name is quoted, so an odd key reads unambiguously. */
function joinPath(path: string, key: string): string {
  const shown = /^[A-Za-z_][A-Za-z0-9_-]*$/.test(key) ? key : JSON.stringify(key);
  return path ? `${path}.${shown}` : shown;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return `the string ${JSON.stringify(value)}`;
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${JSON.stringify(value)}`;
}

/** Suggests the known key a typo was probably meant to be (edit distance at most 2). */
function closestKey(key: string, allowed: readonly string[]): string | undefined {
  let best: { key: string; distance: number } | undefined;
  for (const candidate of allowed) {
    const distance = editDistance(key.toLowerCase(), candidate.toLowerCase());
    if (distance <= 2 && (!best || distance < best.distance)) best = { key: candidate, distance };
  }
  return best?.key;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}
