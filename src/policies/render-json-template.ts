/**
 * Renders a Handlebars template that produces JSON, safely:
 * - no HTML escaping (Handlebars' default would turn `=` into `&#x3D;` and corrupt the JSON);
 * - strict mode, so a misspelled field is an error instead of an empty string;
 * - values are inserted only through the `json` helper, which writes a complete JSON string;
 * - the output is parsed, so a broken template is reported, never passed on to Terraform.
 * Values known only to Terraform (TerraformExpression) travel through the template as opaque
 * placeholders and come out as `${...}` references; every literal is escaped for Terraform.
 */
import Handlebars from 'handlebars';
import { escapeTerraformLiteral, TerraformExpression } from '../terraform/terraform-expression';
import { PolicyTemplate } from './policy-templates';

export type TemplateData = Record<string, string | boolean | TerraformExpression>;

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** A template did not render to valid JSON, or used a field or helper that does not exist. */
export class TemplateError extends Error {
  constructor(template: PolicyTemplate, detail: string) {
    super(`Policy template ${template.origin} is broken: ${detail}`);
    this.name = 'TemplateError';
  }
}

// NUL cannot occur in any validated value, so it safely marks where a Terraform reference goes.
const PLACEHOLDER = /\u0000(\d+)\u0000/g;

const handlebars = Handlebars.create();

handlebars.registerHelper('json', (value: unknown) => {
  if (value === undefined) throw new Error('the json helper got no value: a field name is misspelled or missing');
  if (typeof value !== 'string' && typeof value !== 'boolean' && typeof value !== 'number') {
    throw new Error(`the json helper takes one string, number or boolean, got ${typeof value}`);
  }
  return JSON.stringify(value);
});

handlebars.registerHelper('concat', (...args: unknown[]) => {
  const values = args.slice(0, -1); // the last argument is Handlebars' options object
  return values.map((value) => String(value)).join('');
});

// Compiling is most of the cost of rendering; a config renders the same two templates for every binding.
const compiledBySource = new Map<string, HandlebarsTemplateDelegate>();

function compiled(source: string): HandlebarsTemplateDelegate {
  let template = compiledBySource.get(source);
  if (!template) {
    template = handlebars.compile(source, { noEscape: true, strict: true });
    compiledBySource.set(source, template);
  }
  return template;
}

/**
 * Renders `template` with `data` and returns the parsed JSON document, in which strings are
 * Terraform string templates: literal text escaped, references as `${...}`.
 */
export function renderJsonTemplate(template: PolicyTemplate, data: TemplateData): JsonValue {
  if (template.source.includes('\u0000')) throw new TemplateError(template, 'it contains a NUL character');
  const expressions: TerraformExpression[] = [];
  const context: Record<string, string | boolean> = {};
  for (const [key, value] of Object.entries(data)) {
    if (value instanceof TerraformExpression) {
      context[key] = `\u0000${expressions.length}\u0000`;
      expressions.push(value);
    } else {
      context[key] = value;
    }
  }

  let text: string;
  try {
    text = compiled(template.source)(context);
  } catch (error) {
    throw new TemplateError(template, (error as Error).message.split('\n')[0]);
  }
  let parsed: JsonValue;
  try {
    parsed = JSON.parse(text) as JsonValue;
  } catch (error) {
    throw new TemplateError(template, `it did not render to valid JSON (${(error as Error).message})`);
  }
  return mapStrings(parsed, (value) => toTerraformTemplate(value, expressions, template));
}

function toTerraformTemplate(value: string, expressions: readonly TerraformExpression[], template: PolicyTemplate): string {
  let result = '';
  let last = 0;
  for (const match of value.matchAll(PLACEHOLDER)) {
    const expression = expressions[Number(match[1])];
    if (!expression) throw new TemplateError(template, 'it contains a NUL character');
    result += escapeTerraformLiteral(value.slice(last, match.index)) + expression.interpolation;
    last = (match.index ?? 0) + match[0].length;
  }
  const rest = value.slice(last);
  if (rest.includes('\u0000')) throw new TemplateError(template, 'it contains a NUL character');
  return result + escapeTerraformLiteral(rest);
}

/** Applies `map` to every string in a JSON value, object keys included. */
function mapStrings(value: JsonValue, map: (text: string) => string): JsonValue {
  if (typeof value === 'string') return map(value);
  if (Array.isArray(value)) return value.map((item) => mapStrings(item, map));
  if (value !== null && typeof value === 'object') {
    const result: { [key: string]: JsonValue } = {};
    for (const [key, item] of Object.entries(value)) {
      // defineProperty, so a key named "__proto__" stays a plain key
      Object.defineProperty(result, map(key), { value: mapStrings(item, map), enumerable: true, writable: true, configurable: true });
    }
    return result;
  }
  return value;
}
