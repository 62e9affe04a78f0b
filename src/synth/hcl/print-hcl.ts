/**
 * Writes a Terraform JSON configuration as HCL with the same meaning, laid out as `terraform fmt`
 * leaves it. It walks the JSON by Terraform's JSON syntax rules
 * (developer.hashicorp.com/terraform/language/syntax/json): a block with N labels is N levels of
 * objects over a body, or a list of such; strings are templates. Which objects are blocks comes
 * from the schema table; anything it cannot classify is refused, never guessed.
 */
import { HclPrintError } from './hcl-print-error';
import { attributeName, blockLabel, objectKey, quotedTemplate, soleInterpolation, templateValue } from './hcl-strings';
import { HclWriter } from './hcl-writer';
import { jsonDocumentOf } from './json-document';
import { BlockSchema, BodySchema, TOP_LEVEL_BLOCKS } from './terraform-schema';

type Json = Record<string, unknown>;

/** The HCL text of a Terraform JSON configuration (one file's worth, or a whole module). */
export function printHcl(terraform: Json): string {
  const known = new Map(TOP_LEVEL_BLOCKS);
  for (const key of Object.keys(terraform)) {
    if (!known.has(key)) throw new HclPrintError(key, 'it is not a top-level block create-irsa knows how to write');
  }
  const writer = new HclWriter();
  const section = sectionStarter(writer);
  for (const [type, schema] of TOP_LEVEL_BLOCKS) {
    if (!(type in terraform)) continue;
    for (const { labels, body, path } of blockInstances(terraform[type], schema.labels, type)) {
      section();
      writeBlock(writer, type, labels, body, schema, path);
    }
  }
  return writer.text();
}

/** Sections of a file or body (attributes, each multi-line attribute, each block) are one blank line apart. */
function sectionStarter(writer: HclWriter): () => void {
  let started = false;
  return () => {
    if (started) writer.blank();
    started = true;
  };
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

function writeBlock(writer: HclWriter, type: string, labels: readonly string[], body: Json, schema: BlockSchema, path: string): void {
  let header = type;
  for (const label of labels) header += ` ${blockLabel(label, path)}`;
  if (Object.keys(body).length === 0) {
    writer.line(`${header} {}`);
    return;
  }
  writer.open(`${header} {`);
  writeBody(writer, body, bodySchemaOf(schema, labels, path), path);
  writer.close('}');
}

function bodySchemaOf(schema: BlockSchema, labels: readonly string[], path: string): BodySchema {
  if (!('byFirstLabel' in schema.body)) return schema.body;
  const body = schema.body.byFirstLabel[labels[0]];
  if (!body) throw new HclPrintError(path, `create-irsa does not know the schema of "${labels[0]}"; add it to the HCL printer's schema table`);
  return body;
}

/** An attribute ready to write: on one line (`value`), or by `write` after a lead such as `name = `. */
interface PreparedAttribute {
  readonly name: string;
  readonly value?: string;
  readonly write: (writer: HclWriter, lead: string) => void;
}

/** One-line attributes first (aligned), then multi-line attributes, then nested blocks. */
function writeBody(writer: HclWriter, body: Json, schema: BodySchema, path: string): void {
  const oneLine: Array<{ name: string; value: string }> = [];
  const multiLine: PreparedAttribute[] = [];
  const blocks: Array<() => void> = [];
  for (const [key, value] of Object.entries(body)) {
    const keyPath = `${path}.${key}`;
    const block = schema.blocks?.[key];
    if (block) {
      for (const instance of blockInstances(value, block.labels, keyPath)) {
        blocks.push(() => writeBlock(writer, key, instance.labels, instance.body, block, instance.path));
      }
      continue;
    }
    const attribute = prepareAttribute(key, value, schema, keyPath);
    if (attribute.value === undefined) multiLine.push(attribute);
    else oneLine.push({ name: attribute.name, value: attribute.value });
  }
  const section = sectionStarter(writer);
  if (oneLine.length) {
    section();
    writer.alignedAssignments(oneLine);
  }
  for (const attribute of multiLine) {
    section();
    attribute.write(writer, `${attribute.name} = `);
  }
  for (const writeNestedBlock of blocks) {
    section();
    writeNestedBlock();
  }
}

function prepareAttribute(key: string, value: unknown, schema: BodySchema, path: string): PreparedAttribute {
  const name = attributeName(key, path);
  if (schema.expressions?.includes(key)) {
    const expressions = Array.isArray(value) ? value.map((item, index) => expression(item, `${path}[${index}]`)) : expression(value, path);
    return prepared(name, expressions, 'raw', path);
  }
  if (couldBeBlock(value) && !(schema.objectAttributes === '*' || schema.objectAttributes?.includes(key))) {
    throw new HclPrintError(path, "create-irsa does not know whether it is a block or an attribute; add it to the HCL printer's schema table");
  }
  if (typeof value === 'string' && schema.jsonDocuments?.includes(key)) {
    const document = jsonDocumentOf(value, path);
    if (document) {
      const single = oneLine(document, 'quoted', path);
      return {
        name,
        value: single === undefined ? undefined : `jsonencode(${single})`,
        write: (writer, lead) => writeValue(writer, document, 'quoted', path, `${lead}jsonencode(`, ')'),
      };
    }
  }
  return prepared(name, value, 'expression', path);
}

function prepared(name: string, value: unknown, strings: StringStyle, path: string): PreparedAttribute {
  return { name, value: oneLine(value, strings, path), write: (writer, lead) => writeValue(writer, value, strings, path, lead, '') };
}

/** Objects, and lists that may be lists of blocks, look the same in JSON whether block or attribute. */
function couldBeBlock(value: unknown): boolean {
  if (Array.isArray(value)) return value.every(isObject);
  return isObject(value);
}

/**
 * How strings are written: `expression` writes a whole-interpolation template as the bare
 * expression (same value); `quoted` always as a quoted template, which yields a string, as inside a
 * JSON document; `raw` as they are, for strings that are expressions already.
 */
type StringStyle = 'expression' | 'quoted' | 'raw';

/** The value's text when it is written on one line: scalars, empty collections, a list of one scalar. */
function oneLine(value: unknown, strings: StringStyle, path: string): string | undefined {
  if (typeof value === 'string') {
    if (strings === 'raw') return value;
    return strings === 'expression' ? templateValue(value, path) : quotedTemplate(value, path);
  }
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new HclPrintError(path, `${value} is not a number HCL can write`);
    return String(value);
  }
  if (typeof value === 'boolean' || value === null) return String(value);
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    if (value.length === 1 && !isCollection(value[0])) return `[${oneLine(value[0], strings, `${path}[0]`)}]`;
    return undefined;
  }
  if (isObject(value)) return Object.keys(value).length === 0 ? '{}' : undefined;
  throw new HclPrintError(path, `a ${typeof value} is not a JSON value`);
}

/** Writes a value whose first line starts with `lead` and whose last line ends with `trail`. */
function writeValue(writer: HclWriter, value: unknown, strings: StringStyle, path: string, lead: string, trail: string): void {
  const single = oneLine(value, strings, path);
  if (single !== undefined) {
    writer.line(`${lead}${single}${trail}`);
  } else if (Array.isArray(value)) {
    // One item per line, each followed by a comma.
    writer.open(`${lead}[`);
    value.forEach((item, index) => writeValue(writer, item, strings, `${path}[${index}]`, '', ','));
    writer.close(`]${trail}`);
  } else {
    writer.open(`${lead}{`);
    writeObjectEntries(writer, value as Json, strings, path);
    writer.close(`}${trail}`);
  }
}

function writeObjectEntries(writer: HclWriter, object: Json, strings: StringStyle, path: string): void {
  let run: Array<{ name: string; value: string }> = [];
  for (const [key, item] of Object.entries(object)) {
    const itemPath = `${path}.${key}`;
    const name = objectKey(key, itemPath);
    const single = oneLine(item, strings, itemPath);
    if (single !== undefined) {
      run.push({ name, value: single });
      continue;
    }
    writer.alignedAssignments(run);
    run = [];
    writeValue(writer, item, strings, itemPath, `${name} = `, '');
  }
  writer.alignedAssignments(run);
}

/** A string that is an expression in JSON too (`"type": "string"`, `"depends_on": ["aws_iam_role.x"]`). */
function expression(text: unknown, path: string): string {
  if (typeof text !== 'string') throw new HclPrintError(path, 'an expression must be a JSON string');
  return soleInterpolation(text, path) ?? text;
}

function isCollection(value: unknown): boolean {
  return value !== null && typeof value === 'object';
}

function isObject(value: unknown): value is Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
