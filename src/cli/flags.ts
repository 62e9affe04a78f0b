/**
 * The command-line flags. Field flags come from the config's field descriptions (config-fields.ts):
 * each sets one key of a single-binding config, so parsing, --help and the naming of fields in
 * error messages cannot drift from the config file.
 */
import { ConfigField, flagFields } from '../config/config-fields';

export interface FieldFlag {
  /** Flag name without dashes. */
  readonly name: string;
  /** The config key it sets. */
  readonly field: ConfigField;
  readonly type: 'string' | 'boolean';
  readonly repeatable: boolean;
  readonly description: string;
  readonly example: string;
}

export const FIELD_FLAGS: readonly FieldFlag[] = flagFields().map((field) => ({
  name: field.flag.name,
  field,
  type: field.type.kind === 'boolean' ? 'boolean' : 'string',
  repeatable: field.flag.repeatable === true,
  description: field.description,
  example: field.flag.example,
}));

export interface ControlFlag {
  readonly name: string;
  readonly short?: string;
  readonly type: 'string' | 'boolean';
  readonly description: string;
}

export const CONTROL_FLAGS: readonly ControlFlag[] = [
  { name: 'config', short: 'c', type: 'string', description: 'read the answers from a JSON or YAML config file' },
  { name: 'yes', short: 'y', type: 'boolean', description: 'take the defaults of questions not answered by flags, and write without asking' },
  { name: 'force', type: 'boolean', description: 'write into a non-empty folder that is not a create-irsa project' },
  { name: 'dry-run', type: 'boolean', description: 'do everything but write: show what would change, per binding and per file' },
  {
    name: 'check',
    type: 'boolean',
    description: 'for CI: exit 0 when generated/ is what irsa.config.json produces, 1 when it is out of date; writes nothing',
  },
  { name: 'help', short: 'h', type: 'boolean', description: 'show this help' },
  { name: 'version', short: 'v', type: 'boolean', description: 'show the version' },
];

/**
 * The flag that set a config key, for errors about values that came from flags:
 * `bindings[0].namespace` → --namespace, `bindings[0].s3[1].prefix` → --s3, `tags.team` → --tag.
 */
export function flagForConfigKey(configKey: string): FieldFlag | undefined {
  let path = configKey.replace(/\[\d+\]/g, '[]');
  for (;;) {
    const flag = FIELD_FLAGS.find((candidate) => candidate.field.path === path);
    if (flag) return flag;
    const cut = Math.max(path.lastIndexOf('.'), path.endsWith('[]') ? path.length - 2 : -1);
    if (cut <= 0) return undefined;
    path = path.slice(0, cut);
  }
}
