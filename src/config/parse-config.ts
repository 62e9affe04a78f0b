/**
 * Turns untrusted input (a parsed config file, or flags mapped onto the same shape) into a
 * validated, normalized IrsaConfig. Keys, types, defaults and examples come from config-fields.ts;
 * what is here is how the objects fit together and the rules that span several keys. Every
 * problem is collected, so a user fixes them all in one go.
 */
import { closestKey } from './closest-key';
import { ConfigField, configField, fieldKey, fieldsOf } from './config-fields';
import { BUILT_IN_NAMESPACES } from './field-rules';
import { checkField, FIELD_SPECS, FieldSpec } from './field-specs';
import { ConfigIssue, InvalidConfigError } from './invalid-config-error';
import { misplacedKeyHint } from './misplaced-key';
import {
  AccessLevel,
  BackendConfig,
  BindingConfig,
  ClusterConfig,
  ClusterIdentity,
  IdentityKind,
  IrsaConfig,
  OutputFormat,
  RoleSettings,
  S3BackendConfig,
  S3Grant,
} from './irsa-config';
import { defaultPolicyName, defaultRoleName, fullPolicyName, fullRoleName, IAM_POLICY_NAME_MAX, IAM_ROLE_NAME_MAX } from './names';
import { partitionForRegion } from './partition';
import { arnPartition, kmsKeyLocation, MAX_TAGS } from './platform-rules';
import { quoteValue } from '../text/quote-value';

/** A value that was changed by normalization, so it can be shown to the user. */
export interface NormalizationNote {
  readonly field: string;
  readonly from: string;
  readonly to: string;
  /** Why it changed, when it is not plain normalization (a default name shortened to IAM's limit). */
  readonly reason?: string;
}

export interface ParsedConfig {
  readonly config: IrsaConfig;
  readonly notes: readonly NormalizationNote[];
}

type RawObject = Record<string, unknown>;
type Values = Record<string, unknown>;

class IssueCollector {
  readonly issues: ConfigIssue[] = [];
  readonly notes: NormalizationNote[] = [];

  add(field: string, message: string): void {
    this.issues.push({ field, message });
  }

  /**
   * Reads the object at `objectPath` of the schema, shown to the user as `shownPath`: unknown keys
   * are reported, and every plain field is read, normalized and validated, with its default
   * filled in. Nested objects and lists are returned as given, for their own parser.
   * Returns undefined when the value is not an object.
   */
  object(value: unknown, objectPath: string, shownPath: string): Values | undefined {
    const field = objectPath === '' ? undefined : configField(objectPath.replace(/\[\]$/, ''));
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      this.add(shownPath || '(config)', `must be an object, got ${describe(value)}. Example: ${field?.example ?? '{ "region": "eu-west-1", "cluster": {...}, "bindings": [...] }'}`);
      return undefined;
    }
    const raw = value as RawObject;
    const fields = fieldsOf(objectPath);
    this.rejectUnknownKeys(raw, fields.map(fieldKey), objectPath, shownPath);
    const values: Values = {};
    for (const child of fields) {
      const key = fieldKey(child);
      values[key] = this.field(raw[key], child, joinPath(shownPath, key));
    }
    return values;
  }

  /** Reports keys that are not part of the schema: a typo must never be silently ignored. */
  private rejectUnknownKeys(raw: RawObject, allowed: readonly string[], objectPath: string, path: string): void {
    for (const key of Object.keys(raw)) {
      if (allowed.includes(key)) continue;
      const suggestion = closestKey(key, allowed);
      const misplaced = suggestion ? undefined : misplacedKeyHint(key, objectPath);
      const hint = suggestion ? `; did you mean ${JSON.stringify(suggestion)}?` : misplaced ? ` here; ${misplaced}.` : '.';
      this.add(joinPath(path, key), `is not a known setting${hint} Known settings here: ${allowed.join(', ')}`);
    }
  }

  field(value: unknown, field: ConfigField, path: string): unknown {
    if (value === undefined) {
      if (field.required && field.type.kind !== 'object' && field.type.kind !== 'list') this.missing(field, path);
      return field.default;
    }
    switch (field.type.kind) {
      case 'text':
        return this.text(value, field, path);
      case 'boolean':
        if (typeof value === 'boolean') return value;
        this.add(path, `must be true or false, got ${describe(value)}. Example: ${field.example}`);
        return undefined;
      case 'choice': {
        const { values } = field.type;
        const trimmed = typeof value === 'string' ? value.trim() : value;
        if (typeof trimmed === 'string' && values.includes(trimmed)) return trimmed;
        this.add(path, `must be one of ${alternatives(values)}, got ${describe(value)}. Example: ${field.example}`);
        return undefined;
      }
      case 'integer': {
        const { min, max } = field.type;
        if (typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max) return value;
        this.add(path, `must be a whole number from ${min} to ${max}, got ${describe(value)}. Example: ${field.example}`);
        return undefined;
      }
      case 'tags':
        return this.tags(value, field, path);
      case 'object':
      case 'list':
        return value;
    }
  }

  /** Reports a required key that is missing. */
  missing(field: ConfigField, path: string): void {
    const hint = field.requiredHint ? `; ${field.requiredHint}` : '';
    this.add(path, `is required${hint}. Example: ${field.example}`);
  }

  /** A text field, normalized and validated by its field spec (see field-specs). */
  private text(value: unknown, field: ConfigField, path: string): string | undefined {
    if (field.type.kind !== 'text') return undefined;
    const rule = field.type.rule;
    const spec: FieldSpec = FIELD_SPECS[rule];
    if (typeof value !== 'string') {
      this.add(path, `must be a string, got ${describe(value)}. Example: ${JSON.stringify(spec.example)}`);
      return undefined;
    }
    const check = checkField(rule, value);
    if (!check.ok) {
      this.add(path, check.problem);
      return undefined;
    }
    const unset = check.value === '' && spec.blankMeansUnset;
    if (check.value !== value && !unset) this.notes.push({ field: path, from: value, to: check.value });
    // Blank is the same as leaving it out (see the field spec).
    return unset ? undefined : check.value;
  }

  private tags(value: unknown, field: ConfigField, path: string): Record<string, string> | undefined {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      this.add(path, `must be an object of tag keys and values, got ${describe(value)}. Example: ${field.example}`);
      return undefined;
    }
    const entries = Object.entries(value as RawObject);
    if (entries.length > MAX_TAGS) this.add(path, `has ${entries.length} tags; IAM allows at most ${MAX_TAGS} on a role. Example: ${field.example}`);
    const tags: Record<string, string> = {};
    let valid = true;
    for (const [rawKey, rawValue] of entries) {
      const key = checkField('tagKey', rawKey);
      const shown = joinPath(path, rawKey);
      if (!key.ok) {
        this.add(shown, key.problem);
        valid = false;
        continue;
      }
      if (typeof rawValue !== 'string') {
        this.add(shown, `must be a string, got ${describe(rawValue)}. Example: ${JSON.stringify(FIELD_SPECS.tagValue.example)}`);
        valid = false;
        continue;
      }
      const tagValue = checkField('tagValue', rawValue);
      if (!tagValue.ok) {
        this.add(shown, tagValue.problem);
        valid = false;
        continue;
      }
      // IAM compares the tag keys of a role without case: "Team" and "team" are one key there.
      const same = Object.keys(tags).find((known) => known.toLowerCase() === key.value.toLowerCase());
      if (same !== undefined) {
        this.add(shown, `repeats the tag key ${JSON.stringify(same)} (IAM tag keys ignore case); keep one`);
        valid = false;
        continue;
      }
      Object.defineProperty(tags, key.value, { value: tagValue.value, enumerable: true, writable: true, configurable: true });
    }
    return valid ? tags : undefined;
  }
}

/**
 * Judges one answer on its own (a flag's value, before any question is asked), by the rules of
 * the key at `schemaPath` (`bindings[].s3`, `tags`, `region`). Returns the problems found.
 */
export function checkAnswer(schemaPath: string, value: unknown, shownPath: string): readonly ConfigIssue[] {
  const collector = new IssueCollector();
  const field = configField(schemaPath);
  if (field.type.kind === 'list' && schemaPath === 'bindings[].s3') parseGrantList(collector, value, shownPath, undefined);
  else if (field.type.kind !== 'object' && field.type.kind !== 'list') collector.field(value, field, shownPath);
  return collector.issues;
}

/** One answer as the config would hold it (normalized, defaults filled); undefined when it is invalid or unset. */
export function normalizedAnswer(schemaPath: string, value: unknown): unknown {
  const collector = new IssueCollector();
  const normalized = collector.field(value, configField(schemaPath), schemaPath);
  return collector.issues.length > 0 ? undefined : normalized;
}

/**
 * Validates and normalizes a whole config. Throws InvalidConfigError listing every problem.
 * @param source where the input came from, named in the error (a file name or "flags")
 */
export function parseConfig(raw: unknown, source?: string): ParsedConfig {
  const collector = new IssueCollector();
  const top = collector.object(raw, '', '');
  if (!top) throw new InvalidConfigError(collector.issues, source);

  const region = top.region as string | undefined;
  const cluster = parseCluster(collector, top.cluster);
  if (cluster?.oidcIssuer !== undefined && region !== undefined) checkIssuerRegion(collector, cluster, region);
  const backend = parseBackend(collector, top.backend, region);
  const role = parseRole(collector, top.role, 'role', 'role', region) ?? {};
  const bindings = parseBindings(collector, top.bindings, cluster?.name, region);
  if (bindings) checkBindingsAreDistinct(collector, bindings);

  const tags = (top.tags ?? {}) as Record<string, string>;
  const format = top.format as OutputFormat | undefined;
  if (collector.issues.length > 0 || region === undefined || !cluster || !bindings || !backend || !tags || !format) {
    throw new InvalidConfigError(collector.issues, source);
  }
  return { config: { region, cluster, backend, tags, role, format, bindings }, notes: collector.notes };
}

function parseCluster(collector: IssueCollector, value: unknown): ClusterConfig | undefined {
  if (value === undefined) {
    collector.missing(configField('cluster'), 'cluster');
    return undefined;
  }
  const raw = collector.object(value, 'cluster', 'cluster');
  if (!raw) return undefined;
  const { name, oidcIssuer, createOidcProvider, identity } = raw as {
    name?: string;
    oidcIssuer?: string;
    createOidcProvider?: boolean;
    identity?: ClusterIdentity;
  };
  if (name === undefined || createOidcProvider === undefined || identity === undefined) return undefined;
  return { name, ...(oidcIssuer === undefined ? {} : { oidcIssuer }), createOidcProvider, identity };
}

/**
 * An EKS issuer names its region (`oidc.eks.<region>.amazonaws.com`): one of another region is
 * another cluster's, pasted by mistake. The plan-time check would stop it too, but only at plan.
 */
function checkIssuerRegion(collector: IssueCollector, cluster: ClusterConfig, region: string): void {
  const issuerRegion = /^https:\/\/oidc\.eks\.([a-z0-9-]+)\.amazonaws\.com(\.cn)?\//.exec(cluster.oidcIssuer ?? '')?.[1];
  if (issuerRegion === undefined || issuerRegion === region) return;
  collector.add(
    'cluster.oidcIssuer',
    `is the issuer of a cluster in ${issuerRegion}, but region is ${region}: give the issuer of cluster ${cluster.name}, printed by ` +
      `aws eks describe-cluster --name ${cluster.name} --region ${region} --query cluster.identity.oidc.issuer --output text`,
  );
}

function parseBackend(collector: IssueCollector, value: unknown, region: string | undefined): BackendConfig | undefined {
  if (value === undefined) return {};
  const raw = collector.object(value, 'backend', 'backend');
  if (!raw) return undefined;
  if (raw.s3 === undefined) {
    collector.add('backend', `names no backend; give "s3". Example: ${configField('backend.s3').example}`);
    return undefined;
  }
  const s3 = collector.object(raw.s3, 'backend.s3', 'backend.s3');
  if (!s3) return undefined;
  const values = s3 as Partial<S3BackendConfig>;
  const dynamodbTable = values.dynamodbTable;
  // One lock is enough: with a DynamoDB table named, the S3 lock file is off unless asked for.
  const useLockfile = values.useLockfile ?? dynamodbTable === undefined;
  if (values.bucket === undefined || values.key === undefined || values.encrypt === undefined) return undefined;
  const backendRegion = values.region ?? region;
  if (backendRegion === undefined) return undefined;
  return {
    s3: {
      bucket: values.bucket,
      key: values.key,
      region: backendRegion,
      encrypt: values.encrypt,
      useLockfile,
      ...(dynamodbTable === undefined ? {} : { dynamodbTable }),
    },
  };
}

/** Role settings, at the top level or of one binding; ARNs must be in the config's partition. */
function parseRole(collector: IssueCollector, value: unknown, objectPath: string, shownPath: string, region: string | undefined): RoleSettings | undefined {
  if (value === undefined) return {};
  const raw = collector.object(value, objectPath, shownPath);
  if (!raw) return undefined;
  const { path, permissionsBoundary, maxSessionDuration } = raw as RoleSettings;
  if (permissionsBoundary !== undefined && region !== undefined) {
    checkPartition(collector, joinPath(shownPath, 'permissionsBoundary'), arnPartition(permissionsBoundary), region, FIELD_SPECS.permissionsBoundary.example);
  }
  return {
    ...(path === undefined ? {} : { path }),
    ...(permissionsBoundary === undefined ? {} : { permissionsBoundary }),
    ...(maxSessionDuration === undefined ? {} : { maxSessionDuration }),
  };
}

/** An ARN of another partition names something the role can never reach from this region. */
function checkPartition(collector: IssueCollector, path: string, partition: string, region: string, example: string): void {
  const expected = partitionForRegion(region);
  if (partition === expected) return;
  // The field's example, moved into the config's partition and region.
  const shown = example.replace(/^arn:aws:/, `arn:${expected}:`).replace(/:eu-west-1:/, `:${region}:`);
  collector.add(path, `is in the partition ${JSON.stringify(partition)}, but region ${region} is in ${JSON.stringify(expected)}; give an ARN that starts with arn:${expected}:. Example: ${shown}`);
}

function parseBindings(
  collector: IssueCollector,
  value: unknown,
  clusterName: string | undefined,
  region: string | undefined,
): BindingConfig[] | undefined {
  const { example } = configField('bindings');
  if (value === undefined) {
    collector.missing(configField('bindings'), 'bindings');
    return undefined;
  }
  if (!Array.isArray(value) || value.length === 0) {
    collector.add('bindings', `must be a non-empty list, got ${describe(value)}. Example: ${example}`);
    return undefined;
  }
  const bindings = value.map((item, index) => parseBinding(collector, item, `bindings[${index}]`, clusterName, region));
  return bindings.every((binding): binding is BindingConfig => binding !== undefined) ? bindings : undefined;
}

const SHORTHAND_KEYS = ['bucket', 'prefix', 'access'] as const;

function parseBinding(
  collector: IssueCollector,
  value: unknown,
  path: string,
  clusterName: string | undefined,
  region: string | undefined,
): BindingConfig | undefined {
  const values = collector.object(value, 'bindings[]', path);
  if (!values) return undefined;
  const raw = value as RawObject;
  const { namespace, serviceAccount, roleName, policyName, terraformName, createNamespace, createServiceAccount, identity } = values as {
    namespace?: string;
    serviceAccount?: string;
    roleName?: string;
    policyName?: string;
    terraformName?: string;
    createNamespace?: boolean;
    createServiceAccount?: boolean;
    identity?: IdentityKind;
  };
  if (createNamespace && namespace !== undefined && BUILT_IN_NAMESPACES.includes(namespace)) {
    collector.add(joinPath(path, 'createNamespace'), `must be false for ${JSON.stringify(namespace)}: every cluster has that namespace already, and creating it again fails. Example: false`);
  }
  const s3 = parseGrants(collector, raw, values, path, region);
  const role = parseRole(collector, raw.role, 'bindings[].role', joinPath(path, 'role'), region);

  if (
    namespace === undefined ||
    serviceAccount === undefined ||
    s3 === undefined ||
    role === undefined ||
    clusterName === undefined ||
    createNamespace === undefined ||
    createServiceAccount === undefined ||
    (raw.roleName !== undefined && roleName === undefined) ||
    (raw.policyName !== undefined && policyName === undefined) ||
    (raw.identity !== undefined && identity === undefined) ||
    (raw.terraformName !== undefined && terraformName === undefined)
  ) {
    return undefined;
  }
  const names = { cluster: clusterName, namespace, serviceAccount };
  return {
    namespace,
    serviceAccount,
    s3,
    roleName: roleName ?? shortenedDefault(collector, joinPath(path, 'roleName'), defaultRoleName(names), fullRoleName(names), IAM_ROLE_NAME_MAX),
    policyName:
      policyName ?? shortenedDefault(collector, joinPath(path, 'policyName'), defaultPolicyName(names), fullPolicyName(names), IAM_POLICY_NAME_MAX),
    // Left out when not given: it is decided with the other bindings and the project (plan/terraform-names).
    ...(terraformName !== undefined ? { terraformName } : {}),
    createNamespace,
    createServiceAccount,
    ...(identity === undefined ? {} : { identity }),
    role,
  };
}

/** A default IAM name that had to be shortened is worth a note: it is not the name the user would guess. */
function shortenedDefault(collector: IssueCollector, field: string, name: string, full: string, limit: number): string {
  if (name !== full) collector.notes.push({ field, from: full, to: name, reason: `is longer than IAM's ${limit} characters, so the default name is shortened` });
  return name;
}

/**
 * A binding's S3 grants: the `s3` list, or the one-grant shorthand `bucket`/`prefix`/`access`.
 * The prefix is required in both, so that "the whole bucket" is always an explicit `""`.
 */
function parseGrants(collector: IssueCollector, raw: RawObject, values: Values, path: string, region: string | undefined): S3Grant[] | undefined {
  const shorthand = SHORTHAND_KEYS.filter((key) => raw[key] !== undefined);
  if (raw.s3 !== undefined) {
    if (shorthand.length > 0) {
      collector.add(
        joinPath(path, 's3'),
        `is given together with ${shorthand.map((key) => JSON.stringify(key)).join(', ')}; ` +
          'say it one way: move that grant into the "s3" list. Example: "s3": [{ "bucket": "acme-raw", "prefix": "landing/", "access": "read" }]',
      );
      return undefined;
    }
    return parseGrantList(collector, raw.s3, joinPath(path, 's3'), region);
  }
  let complete = true;
  for (const key of ['bucket', 'prefix'] as const) {
    if (raw[key] === undefined) {
      collector.missing(configField(`bindings[].${key}`), joinPath(path, key));
      complete = false;
    }
  }
  const { bucket, prefix, access } = values as { bucket?: string; prefix?: string; access?: AccessLevel };
  if (!complete || bucket === undefined || prefix === undefined || access === undefined) return undefined;
  return [{ bucket, prefix, access }];
}

function parseGrantList(collector: IssueCollector, value: unknown, path: string, region: string | undefined): S3Grant[] | undefined {
  const { example } = configField('bindings[].s3');
  if (!Array.isArray(value) || value.length === 0) {
    collector.add(path, `must be a non-empty list of grants, got ${describe(value)}. Example: ${example}`);
    return undefined;
  }
  const grants = value.map((item, index): S3Grant | undefined => {
    const grantPath = `${path}[${index}]`;
    const grant = collector.object(item, 'bindings[].s3[]', grantPath) as Partial<S3Grant> | undefined;
    if (!grant || grant.bucket === undefined || grant.prefix === undefined || grant.access === undefined) return undefined;
    if (grant.kmsKey !== undefined && region !== undefined) {
      checkPartition(collector, `${grantPath}.kmsKey`, kmsKeyLocation(grant.kmsKey).partition, region, FIELD_SPECS.kmsKey.example);
    }
    const { bucket, prefix, access, kmsKey } = grant;
    return kmsKey === undefined ? { bucket, prefix, access } : { bucket, prefix, access, kmsKey };
  });
  if (!grants.every((grant): grant is S3Grant => grant !== undefined)) return undefined;
  // One folder granted twice is either redundant or contradictory (read and read-write): say which to keep.
  const seen = new Map<string, number>();
  grants.forEach((grant, index) => {
    const where = `s3://${grant.bucket}/${grant.prefix}`;
    const first = seen.get(where);
    if (first === undefined) seen.set(where, index);
    else collector.add(`${path}[${index}]`, `grants ${where} again (already in ${path}[${first}]); keep one grant per bucket folder`);
  });
  return grants;
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
  const shown = /^[A-Za-z_][A-Za-z0-9_-]*$/.test(key) ? key : quoteValue(key);
  return path ? `${path}.${shown}` : shown;
}

/** `"a" or "b"`; `"a", "b" or "c"`. */
function alternatives(values: readonly string[]): string {
  const quoted = values.map((value) => JSON.stringify(value));
  return quoted.length < 2 ? quoted.join('') : `${quoted.slice(0, -1).join(', ')} or ${quoted[quoted.length - 1]}`;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return value.length === 0 ? 'an empty list' : 'a list';
  if (typeof value === 'string') return `the string ${quoteValue(value)}`;
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${JSON.stringify(value)}`;
}
