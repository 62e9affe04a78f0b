/**
 * Answers given as flags or in the wizard describe one binding. Aimed at an existing project,
 * they add that binding to it (or replace the binding of the same service account), so the
 * project's other bindings, and the roles Terraform manages for them, are never dropped.
 * Project-wide settings (cluster, region, organisation settings) are the project's: flags may
 * repeat them but not change them, since that would change every binding; --config does that.
 */
import { formatConfig } from '../config/config-file';
import { ConfigField } from '../config/config-fields';
import { IrsaConfig } from '../config/irsa-config';
import { ConfigIssue, InvalidConfigError } from '../config/invalid-config-error';
import { normalizedAnswer, parseConfig } from '../config/parse-config';
import { FIELD_FLAGS } from './flags';
import { AnswerValue, flagsToRawConfig } from './flags-to-config';
import { CLUSTER_IDENTITY_KEY } from './wizard-questions';

export interface AddedBinding {
  readonly config: IrsaConfig;
  /** What happened to the project, for the user: added, or replaced. */
  readonly change: string;
}

const PROJECT_FLAGS = FIELD_FLAGS.filter((flag) => flag.field.scope === 'project');

/** The value a config holds at a field's path (`cluster.oidcIssuer`, `role.path`, `tags`). */
function valueAt(config: IrsaConfig, field: ConfigField): unknown {
  return field.path.split('.').reduce<unknown>((node, key) => (node === undefined ? undefined : (node as Record<string, unknown>)[key]), config);
}

/** The project-wide answers a project holds, by flag name, so the wizard does not ask them again. */
export function projectClusterAnswers(existing: IrsaConfig): Map<string, AnswerValue> {
  const answers = new Map<string, AnswerValue>();
  for (const flag of PROJECT_FLAGS) {
    const value = valueAt(existing, flag.field);
    if (flag.field.type.kind === 'tags') {
      const tags = Object.entries(value as Record<string, string>);
      if (tags.length > 0) answers.set(flag.name, tags.map(([key, tagValue]) => `${key}=${tagValue}`));
    } else if (typeof value === 'string' || typeof value === 'boolean') {
      answers.set(flag.name, value);
    } else if (typeof value === 'number') {
      answers.set(flag.name, String(value));
    }
  }
  answers.set(CLUSTER_IDENTITY_KEY, existing.cluster.identity);
  // Blank means "read from the cluster", and the wizard offers it that way.
  if (!answers.has('oidc-issuer')) answers.set('oidc-issuer', '');
  return answers;
}

/**
 * Refuses project-wide flags that disagree with the project, before the answers are read as a
 * whole: the project's issuer with another --region would otherwise be reported as a wrong issuer.
 */
export function refuseProjectChanges(existing: IrsaConfig, fields: ReadonlyMap<string, AnswerValue>, projectDir: string): void {
  const raw = flagsToRawConfig(fields);
  const issues: ConfigIssue[] = [];
  for (const flag of PROJECT_FLAGS) {
    if (!fields.has(flag.name)) continue;
    const value = normalizedAnswer(flag.field.path, valueAtPath(raw, flag.field.path));
    if (canonical(valueAt(existing, flag.field)) === canonical(value)) continue;
    const answered = setValueAt(flag.field.path, value);
    issues.push(conflict(flag.name, flag.field, existing, { ...existing, ...answered } as IrsaConfig, projectDir));
  }
  if (issues.length > 0) throw new InvalidConfigError(issues, 'flags');
}

/** A config-shaped object holding `value` at `path` (only what conflict() reads). */
function setValueAt(path: string, value: unknown): Record<string, unknown> {
  const keys = path.split('.');
  return keys.reduceRight<unknown>((inner, key) => ({ [key]: inner }), value) as Record<string, unknown>;
}

function valueAtPath(raw: Record<string, unknown>, path: string): unknown {
  return path.split('.').reduce<unknown>((node, key) => (node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined), raw);
}

/**
 * Adds the one binding of `answered` to `existing`.
 * @param given the flags that were given, by name: a project-wide one must agree with the project
 */
export function addBinding(existing: IrsaConfig, answered: IrsaConfig, projectDir: string, given: ReadonlySet<string>): AddedBinding {
  const conflicts = PROJECT_FLAGS.filter(
    (flag) => given.has(flag.name) && canonical(valueAt(existing, flag.field)) !== canonical(valueAt(answered, flag.field)),
  );
  if (conflicts.length > 0) throw new InvalidConfigError(conflicts.map((flag) => conflict(flag.name, flag.field, existing, answered, projectDir)), 'flags');

  const [binding] = answered.bindings;
  const index = existing.bindings.findIndex(
    (candidate) => candidate.namespace === binding.namespace && candidate.serviceAccount === binding.serviceAccount,
  );
  const bindings = index < 0 ? [...existing.bindings, binding] : existing.bindings.map((candidate, i) => (i === index ? binding : candidate));
  const subject = `${binding.namespace}/${binding.serviceAccount}`;
  const others = existing.bindings.length - (index < 0 ? 0 : 1);
  const change =
    index < 0
      ? `adds the binding of ${subject} to the ${others} already in ${projectDir}`
      : `replaces the binding of ${subject} in ${projectDir}${others > 0 ? `, keeping the ${others} other(s)` : ''}`;
  // Re-validated as a whole: the new binding's IAM names must not collide with the others'.
  const { config } = parseConfig(JSON.parse(formatConfig({ ...existing, bindings })), 'flags');
  return { config, change };
}

/** A value as JSON with object keys sorted: tags given in another order are the same tags. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_, item: unknown) =>
    item !== null && typeof item === 'object' && !Array.isArray(item)
      ? Object.fromEntries(Object.entries(item).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : item,
  );
}

function conflict(flagName: string, field: ConfigField, existing: IrsaConfig, answered: IrsaConfig, projectDir: string): ConfigIssue {
  const shown = (value: unknown) => (value === undefined ? 'not set' : JSON.stringify(value));
  const cluster =
    field.path === 'region' || field.path === 'cluster.name'
      ? ` A project holds one cluster: for ${answered.cluster.name} in ${answered.region}, choose another folder. Example: ${answered.cluster.name}-irsa`
      : ` It is a project setting, shared by every binding: to change it, set ${JSON.stringify(field.path)} in ${projectDir}/irsa.config.json and run create-irsa ${projectDir} --config ${projectDir}/irsa.config.json`;
  return {
    field: field.path,
    message:
      `is ${shown(valueAt(existing, field))} in the project ${projectDir}, but --${flagName} says ${shown(valueAt(answered, field))}.` + cluster,
  };
}
