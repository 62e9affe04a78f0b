/**
 * Writes a Terraform JSON configuration as HCL with the same meaning, laid out as `terraform fmt`
 * leaves it. It walks the JSON by Terraform's JSON syntax rules
 * (developer.hashicorp.com/terraform/language/syntax/json): a block with N labels is N levels of
 * objects over a body, or a list of such; strings are templates. Which objects are blocks comes
 * from the schema table; anything it cannot classify is refused, never guessed.
 */
import { assignments, Assignment, bracketed, Lines, sections } from './hcl-layout';
import { HclPrintError } from './hcl-print-error';
import { attributeName, blockLabel, objectKey, quotedTemplate, soleInterpolation, templateValue } from './hcl-strings';
import { jsonDocumentOf } from './json-document';
import { BlockSchema, BodySchema, TOP_LEVEL_BLOCKS } from './terraform-schema';

type Json = Record<string, unknown>;

/** The HCL text of a Terraform JSON configuration (one file's worth, or a whole module). */
export function printHcl(terraform: Json): string {
  const known = new Map(TOP_LEVEL_BLOCKS);
  for (const key of Object.keys(terraform)) {
    if (!known.has(key)) throw new HclPrintError(key, 'it is not a top-level block create-irsa knows how to write');
  }
  const blocks = TOP_LEVEL_BLOCKS.filter(([type]) => type in terraform).flatMap(([type, schema]) =>
    blockInstances(terraform[type], schema.labels, type).map(({ labels, body, path }) => printBlock(type, labels, body, schema, path)),
  );
  const lines = sections(blocks);
  return lines.length ? `${lines.join('\n')}\n` : '';
}

interface BlockInstance {
  readonly labels: string[];
  readonly body: Json;
  readonly path: string;
}

/**
 * The blocks a JSON value stands for: each label is one level of object keys, the innermost value
 * is a body or a list of bodies, and a list may stand at any level.
 */
function blockInstances(value: unknown, labelCount: number, path: string, labels: string[] = []): BlockInstance[] {
  if (Array.isArray(value)) return value.flatMap((item, index) => blockInstances(item, labelCount, `${path}[${index}]`, labels));
  if (!isObject(value)) throw new HclPrintError(path, 'a block must be a JSON object');
  if (labels.length === labelCount) return [{ labels, body: value, path }];
  return Object.entries(value).flatMap(([label, inner]) => blockInstances(inner, labelCount, `${path}.${label}`, [...labels, label]));
}

function printBlock(type: string, labels: readonly string[], body: Json, schema: BlockSchema, path: string): Lines {
  const header = [type, ...labels.map((label) => blockLabel(label, path))].join(' ');
  return bracketed(`${header} {`, printBody(body, bodySchemaOf(schema, labels, path), path), '}');
}

function bodySchemaOf(schema: BlockSchema, labels: readonly string[], path: string): BodySchema {
  if (!('byFirstLabel' in schema.body)) return schema.body;
  const body = schema.body.byFirstLabel[labels[0]];
  if (!body) throw new HclPrintError(path, `create-irsa does not know the schema of "${labels[0]}"; add it to the HCL printer's schema table`);
  return body;
}

/** One-line attributes first (aligned), then multi-line attributes, then nested blocks. */
function printBody(body: Json, schema: BodySchema, path: string): Lines {
  const oneLine: Assignment[] = [];
  const multiLine: Assignment[] = [];
  const blocks: Lines[] = [];
  for (const [key, value] of Object.entries(body)) {
    const keyPath = `${path}.${key}`;
    const block = schema.blocks?.[key];
    if (block) {
      for (const instance of blockInstances(value, block.labels, keyPath)) {
        blocks.push(printBlock(key, instance.labels, instance.body, block, instance.path));
      }
      continue;
    }
    const assignment = { name: attributeName(key, keyPath), value: printAttribute(key, value, schema, keyPath) };
    (assignment.value.length === 1 ? oneLine : multiLine).push(assignment);
  }
  return sections([assignments(oneLine), ...multiLine.map((assignment) => assignments([assignment])), ...blocks]);
}

function printAttribute(key: string, value: unknown, schema: BodySchema, path: string): Lines {
  if (schema.expressions?.includes(key)) return printExpressions(value, path);
  if (couldBeBlock(value) && !(schema.objectAttributes === '*' || schema.objectAttributes?.includes(key))) {
    throw new HclPrintError(path, 'create-irsa does not know whether it is a block or an attribute; add it to the HCL printer\'s schema table');
  }
  if (typeof value === 'string' && schema.jsonDocuments?.includes(key)) {
    const document = jsonDocumentOf(value, path);
    if (document) return call('jsonencode', printValue(document, 'quoted', path));
  }
  return printValue(value, 'expression', path);
}

/** Objects, and lists that may be lists of blocks, look the same in JSON whether block or attribute. */
function couldBeBlock(value: unknown): boolean {
  if (Array.isArray(value)) return value.every(isObject);
  return isObject(value);
}

/**
 * How a whole-interpolation string is written: `expression` as the bare expression (same value),
 * `quoted` as a quoted template, which always yields a string, as inside a JSON document.
 */
type StringStyle = 'expression' | 'quoted';

function printValue(value: unknown, strings: StringStyle, path: string): Lines {
  if (typeof value === 'string') return [strings === 'expression' ? templateValue(value, path) : quotedTemplate(value, path)];
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new HclPrintError(path, `${value} is not a number HCL can write`);
    return [String(value)];
  }
  if (typeof value === 'boolean' || value === null) return [String(value)];
  if (Array.isArray(value)) return printList(value.map((item, index) => printValue(item, strings, `${path}[${index}]`)));
  if (isObject(value)) {
    const entries = Object.entries(value).map(([key, item]) => ({
      name: objectKey(key, `${path}.${key}`),
      value: printValue(item, strings, `${path}.${key}`),
    }));
    return bracketed('{', assignments(entries), '}');
  }
  throw new HclPrintError(path, `a ${typeof value} is not a JSON value`);
}

/** A list: `[]`, `[x]` for one simple item, else one item per line, each followed by a comma. */
function printList(items: Lines[]): Lines {
  if (items.length === 1 && items[0].length === 1 && !/^[[{]/.test(items[0][0])) return [`[${items[0][0]}]`];
  const body = items.flatMap((item) => [...item.slice(0, -1), `${item[item.length - 1]},`]);
  return bracketed('[', body, ']');
}

/** Keys whose strings are expressions in JSON too (`"type": "string"`, `"depends_on": ["aws_iam_role.x"]`). */
function printExpressions(value: unknown, path: string): Lines {
  const expression = (text: unknown, at: string): string => {
    if (typeof text !== 'string') throw new HclPrintError(at, 'an expression must be a JSON string');
    return soleInterpolation(text, at) ?? text;
  };
  if (Array.isArray(value)) return printList(value.map((item, index) => [expression(item, `${path}[${index}]`)]));
  return [expression(value, path)];
}

function call(name: string, argument: Lines): Lines {
  const lines = [...argument];
  lines[0] = `${name}(${lines[0]}`;
  lines[lines.length - 1] = `${lines[lines.length - 1]})`;
  return lines;
}

function isObject(value: unknown): value is Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
