/**
 * Maps field flags onto the config-file shape, so that flags and files go through one validator.
 */
import { FIELD_FLAGS } from './flags';

export function flagsToRawConfig(fields: ReadonlyMap<string, string | boolean>): Record<string, unknown> {
  const raw: Record<string, unknown> = { cluster: {}, bindings: [{}] };
  for (const flag of FIELD_FLAGS) {
    const value = fields.get(flag.name);
    if (value !== undefined) setPath(raw, flag.configKey, value);
  }
  return raw;
}

/** Sets `a.b[0].c` style paths on a nested object that already has the containers. */
function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.replace(/\[(\d+)\]/g, '.$1').split('.');
  let node = target as Record<string, unknown>;
  for (const key of keys.slice(0, -1)) node = node[key] as Record<string, unknown>;
  node[keys[keys.length - 1]] = value;
}
