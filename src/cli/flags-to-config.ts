/**
 * Maps field flags (and the wizard's answers, which are keyed the same way) onto the config-file
 * shape, so that flags and files go through one validator.
 */
import { InvalidConfigError, ConfigIssue } from '../config/invalid-config-error';
import { FIELD_FLAGS } from './flags';
import { parseGrantFlag, parseTagFlag, RawGrant } from './grant-flag';

/** An answer to one flag or question. Repeatable flags give lists; the wizard gives grants as objects. */
export type AnswerValue = string | boolean | readonly string[] | readonly RawGrant[];

/** Throws InvalidConfigError when a repeatable flag's value is not of its shape. */
export function flagsToRawConfig(fields: ReadonlyMap<string, AnswerValue>): Record<string, unknown> {
  // The containers exist even when empty, so a missing answer is reported as e.g. `cluster.name`.
  const raw: Record<string, unknown> = { cluster: {}, bindings: [{}] };
  const issues: ConfigIssue[] = [];
  for (const flag of FIELD_FLAGS) {
    const value = fields.get(flag.name);
    if (value === undefined) continue;
    const path = flag.field.path.replace(/\[\]/g, '[0]');
    switch (flag.field.type.kind) {
      case 'list':
        setPath(raw, path, grantsOf(value, path, issues));
        break;
      case 'tags':
        setPath(raw, path, tagsOf(value, path, issues));
        break;
      case 'integer':
        // A number typed on the command line; anything else goes on to be rejected by the rule.
        setPath(raw, path, typeof value === 'string' && /^\s*\d{1,9}\s*$/.test(value) ? Number(value) : value);
        break;
      default:
        setPath(raw, path, value);
    }
  }
  if (issues.length > 0) throw new InvalidConfigError(issues, 'flags');
  return raw;
}

function grantsOf(value: AnswerValue, path: string, issues: ConfigIssue[]): unknown[] {
  const items = Array.isArray(value) ? value : [value];
  return items.map((item: string | RawGrant, index) => {
    if (typeof item !== 'string') return item;
    const grant = parseGrantFlag(item);
    if (typeof grant === 'string') issues.push({ field: `${path}[${index}]`, message: grant });
    return grant;
  });
}

function tagsOf(value: AnswerValue, path: string, issues: ConfigIssue[]): Record<string, string> {
  const tags: Record<string, string> = {};
  for (const item of (Array.isArray(value) ? value : [value]) as string[]) {
    const tag = parseTagFlag(item);
    if (typeof tag === 'string') {
      issues.push({ field: path, message: tag });
    } else if (Object.prototype.hasOwnProperty.call(tags, tag.key)) {
      issues.push({ field: path, message: `repeats the tag key ${JSON.stringify(tag.key)}; give each key once. Example: --tag ${tag.key}=${tag.value}` });
    } else {
      Object.defineProperty(tags, tag.key, { value: tag.value, enumerable: true, writable: true, configurable: true });
    }
  }
  return tags;
}

/** Sets `a.b[0].c` style paths, creating the objects and lists on the way. */
function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.replace(/\[(\d+)\]/g, '.$1').split('.');
  let node: Record<string, unknown> = target;
  keys.slice(0, -1).forEach((key, index) => {
    if (node[key] === undefined) node[key] = /^\d+$/.test(keys[index + 1]) ? [] : {};
    node = node[key] as Record<string, unknown>;
  });
  node[keys[keys.length - 1]] = value;
}
