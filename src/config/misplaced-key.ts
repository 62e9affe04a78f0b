/**
 * "It belongs elsewhere": a key unknown where it was written but known in another object of the
 * config (a grant's `kmsKey` put on the binding, a binding's `namespace` put at the top level),
 * with the shape that puts it where it belongs.
 */
import { CONFIG_FIELDS, fieldKey, fieldsOf } from './config-fields';

/** The objects of the config, as a message names them. */
const OBJECT_NAMES: Readonly<Record<string, string>> = {
  '': 'the top level of the config',
  cluster: 'the cluster',
  backend: 'the backend',
  'backend.s3': 'the S3 backend',
  role: 'the role settings of every binding',
  'bindings[]': 'a binding',
  'bindings[].s3[]': 'a grant',
  'bindings[].role': 'the role settings of a binding',
};

/**
 * Where `key`, written in the object at `objectPath` (`bindings[]`), belongs, with its shape;
 * undefined when it is known nowhere else, or in several places equally near.
 */
export function misplacedKeyHint(key: string, objectPath: string): string | undefined {
  const here = segments(objectPath);
  const homes = CONFIG_FIELDS.filter((field) => fieldKey(field) === key && parentOf(field.path) !== objectPath).map((field) => {
    const parent = segments(parentOf(field.path));
    const common = commonLength(here, parent);
    return { parent, common, distance: here.length - common + parent.length - common };
  });
  const nearest = Math.min(...homes.map((home) => home.distance));
  const closest = homes.filter((home) => home.distance === nearest);
  if (closest.length !== 1) return undefined;
  const [{ parent, common }] = closest;
  const parentPath = parent.join('.');
  return `it belongs to ${OBJECT_NAMES[parentPath] ?? parentPath}: ${shape(parentPath, parent.slice(common), key)}`;
}

/** `"s3": [ { "bucket": ..., "prefix": ..., "kmsKey": ... } ]`: the object with its required keys and `key`, inside `below`. */
function shape(parentPath: string, below: readonly string[], key: string): string {
  const keys = fieldsOf(parentPath)
    .filter((field) => field.required || fieldKey(field) === key)
    .map(fieldKey);
  const object = `{ ${keys.map((name) => `${JSON.stringify(name)}: ...`).join(', ')} }`;
  const wrapped = below.reduceRight((inner, segment) => {
    const name = JSON.stringify(segment.replace(/\[\]$/, ''));
    return segment.endsWith('[]') ? `{ ${name}: [ ${inner} ] }` : `{ ${name}: ${inner} }`;
  }, object);
  // Inside the object it was written in, the outermost braces are already there.
  return below.length > 0 ? wrapped.slice(2, -2) : wrapped;
}

function parentOf(path: string): string {
  const dot = path.lastIndexOf('.');
  return dot < 0 ? '' : path.slice(0, dot);
}

function segments(path: string): string[] {
  return path === '' ? [] : path.split('.');
}

function commonLength(a: readonly string[], b: readonly string[]): number {
  let length = 0;
  while (length < a.length && length < b.length && a[length] === b[length]) length++;
  return length;
}
