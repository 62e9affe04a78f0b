/**
 * Renders a Handlebars template that produces JSON, safely:
 * - no HTML escaping (Handlebars' default would turn `=` into `&#x3D;` and corrupt the JSON);
 * - every field the template names must exist, in helpers and blocks too (see check-template),
 *   and only the helpers a policy document needs exist: no partials, decorators, `log` or `lookup`;
 * - values are inserted through the `json` helper, which writes a complete JSON string;
 * - the output is parsed strictly (a key twice in one object is an error), so a broken template
 *   is reported by line and column, never passed on to Terraform, and its text is never quoted.
 * Values known only to Terraform (TerraformExpression) travel through the template as opaque
 * placeholders and come out as `${...}` references; every literal is escaped for Terraform.
 */
import Handlebars from 'handlebars';
import { escapeTerraformLiteral, TerraformExpression } from '../terraform/terraform-expression';
import { BLOCK_HELPERS, checkTemplate, TemplateCheckError, VALUE_HELPERS } from './check-template';
import { PolicyTemplate } from './policy-templates';
import { TemplateError } from './template-error';
import { JsonSyntaxError, JsonValue, parseStrictJson } from '../text/strict-json';
import { shapeOf } from './template-fields';

export type { JsonValue } from '../text/strict-json';
export { TemplateError } from './template-error';

/** A value a template can be rendered with: text, a flag, a Terraform reference, or lists and objects of them. */
export type TemplateValue =
  | string
  | number
  | boolean
  | TerraformExpression
  | readonly TemplateValue[]
  | { readonly [key: string]: TemplateValue };

export type TemplateData = { readonly [key: string]: TemplateValue };

// NUL cannot occur in any validated value, so it safely marks where a Terraform reference goes.
const PLACEHOLDER = /\u0000(\d+)\u0000/g;

const handlebars = Handlebars.create();
// Only the helpers a policy document needs; the checker refuses the rest by name, and they are
// removed here as well, so nothing a template says can reach them.
for (const name of Object.keys(handlebars.helpers)) {
  if (!BLOCK_HELPERS.includes(name)) handlebars.unregisterHelper(name);
}

handlebars.registerHelper('json', (value: unknown) => {
  if (typeof value !== 'string' && typeof value !== 'boolean' && typeof value !== 'number') {
    throw new Error(`the json helper takes one string, number or boolean, got ${value === undefined ? 'nothing' : typeof value}`);
  }
  return JSON.stringify(value);
});

handlebars.registerHelper('concat', (...args: unknown[]) => {
  const values = args.slice(0, -1); // the last argument is Handlebars' options object
  return values.map((value) => String(value)).join('');
});

const COMPILE_OPTIONS: CompileOptions = {
  noEscape: true,
  strict: true,
  assumeObjects: true,
  knownHelpersOnly: true,
  knownHelpers: Object.fromEntries([
    ...VALUE_HELPERS.map((name) => [name, true]),
    ...['log', 'lookup', 'helperMissing', 'blockHelperMissing'].map((name) => [name, false]),
  ]),
};

interface ParsedTemplate {
  readonly ast: hbs.AST.Program;
  readonly render: HandlebarsTemplateDelegate;
}

// Parsing and compiling are most of the cost; a config renders the same two templates for every binding.
const parsedBySource = new Map<string, ParsedTemplate>();

function parsed(template: PolicyTemplate): ParsedTemplate {
  let entry = parsedBySource.get(template.source);
  if (!entry) {
    let ast: hbs.AST.Program;
    try {
      ast = handlebars.parse(template.source);
    } catch (error) {
      throw new TemplateError(template, handlebarsSyntaxProblem((error as Error).message));
    }
    entry = { ast, render: handlebars.compile(ast, COMPILE_OPTIONS) };
    parsedBySource.set(template.source, entry);
  }
  return entry;
}

/**
 * Handlebars' own message is "Parse error on line 3:", then the template text around the error,
 * then what it expected; the text is left out.
 */
function handlebarsSyntaxProblem(message: string): string {
  const lines = message.split('\n');
  const expected = lines.find((line) => line.startsWith('Expecting '));
  const first = lines[0].replace(/:$/, '').replace(/[^\x20-\x7e]/g, '?').slice(0, 120);
  return `it is not a valid Handlebars template (${first}${expected ? `; ${expected.replace(/[^\x20-\x7e]/g, '?').slice(0, 200)}` : ''})`;
}

/**
 * Renders `template` with `data` and returns the parsed JSON document, in which strings are
 * Terraform string templates: literal text escaped, references as `${...}`.
 */
export function renderJsonTemplate(template: PolicyTemplate, data: TemplateData): JsonValue {
  if (template.source.includes('\u0000')) throw new TemplateError(template, 'it contains a NUL character');
  const expressions: TerraformExpression[] = [];
  const context = withPlaceholders(data, expressions);
  const { ast, render } = parsed(template);

  try {
    checkTemplate(ast, shapeOf(context, () => false));
  } catch (error) {
    if (error instanceof TemplateCheckError) throw new TemplateError(template, error.message);
    throw error;
  }
  let text: string;
  try {
    text = render(context);
  } catch (error) {
    // Handlebars' runtime messages name fields and helpers, not rendered text; keep the first line.
    throw new TemplateError(template, (error as Error).message.split('\n')[0].replace(/[^\x20-\x7e]/g, '?').slice(0, 200));
  }
  let document: JsonValue;
  try {
    document = parseStrictJson(text);
  } catch (error) {
    if (error instanceof JsonSyntaxError) throw new TemplateError(template, `it did not render to valid JSON: ${error.message}`);
    throw new TemplateError(template, 'it did not render to valid JSON (it nests too deeply)');
  }
  return mapStrings(document, (value) => toTerraformTemplate(value, expressions, template));
}

/** The data with every Terraform reference replaced by a placeholder string the template can carry. */
function withPlaceholders(value: TemplateValue, expressions: TerraformExpression[]): TemplateValue;
function withPlaceholders(value: TemplateData, expressions: TerraformExpression[]): TemplateData;
function withPlaceholders(value: TemplateValue | TemplateData, expressions: TerraformExpression[]): TemplateValue | TemplateData {
  if (value instanceof TerraformExpression) {
    expressions.push(value);
    return `\u0000${expressions.length - 1}\u0000`;
  }
  if (Array.isArray(value)) return value.map((item: TemplateValue) => withPlaceholders(item, expressions));
  if (value !== null && typeof value === 'object') {
    const result: { [key: string]: TemplateValue } = {};
    for (const [key, item] of Object.entries(value)) {
      Object.defineProperty(result, key, { value: withPlaceholders(item, expressions), enumerable: true, writable: true, configurable: true });
    }
    return result;
  }
  return value;
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
