/**
 * The normalized config as create-irsa writes it to irsa.config.json: the keys in the order of
 * config-fields.ts, two-space indent, final newline, so re-running on it is a no-op and a diff
 * shows only what changed. Keys of the first release are always written with their defaults;
 * newer keys only when they differ from their default, so an existing project's config stays
 * the same when create-irsa is upgraded.
 */
import { ConfigField, fieldKey, fieldsOf } from './config-fields';
import { BindingConfig, IrsaConfig } from './irsa-config';

type Written = Record<string, unknown>;

export function formatConfig(config: IrsaConfig): string {
  const written = { ...config, bindings: config.bindings.map(writtenBinding) };
  return `${JSON.stringify(writeObject('', written as unknown as Written), null, 2)}\n`;
}

/** A binding with one plain grant is written in the one-grant shorthand, as the first release wrote it. */
function writtenBinding(binding: BindingConfig): Written {
  const [first, ...more] = binding.s3;
  if (more.length > 0 || first.kmsKey !== undefined) return { ...binding };
  const { s3: _grants, ...rest } = binding;
  return { ...rest, bucket: first.bucket, prefix: first.prefix, access: first.access };
}

function writeObject(objectPath: string, value: Written): Written {
  const out: Written = {};
  for (const field of fieldsOf(objectPath)) {
    const key = fieldKey(field);
    const written = writeValue(field, value[key]);
    if (written !== undefined) out[key] = written;
  }
  return out;
}

function writeValue(field: ConfigField, value: unknown): unknown {
  if (value === undefined) return undefined;
  switch (field.type.kind) {
    case 'object': {
      const object = writeObject(field.path, value as Written);
      return field.written === 'when-set' && Object.keys(object).length === 0 ? undefined : object;
    }
    case 'list':
      return (value as Written[]).map((item) => writeObject(`${field.path}[]`, item));
    case 'tags':
      return field.written === 'when-set' && Object.keys(value as Written).length === 0 ? undefined : value;
    default:
      return field.written === 'when-set' && value === field.default ? undefined : value;
  }
}
