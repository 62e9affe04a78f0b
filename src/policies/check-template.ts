/**
 * Checks a parsed Handlebars template before it is rendered, because Handlebars' `strict` mode
 * covers only `{{field}}`: a misspelled field given to a helper (`{{#if prefx}}`, `{{#each x}}`,
 * `(concat prefx "a")`) is silently undefined, and `{{#if prefx}}` would silently drop the
 * `s3:prefix` condition. Here every path names a known field, or the template is refused, and only
 * what policy documents need is available:
 * - `{{json value}}` (a complete JSON value) and `(concat a b ...)`, the value helpers;
 * - `{{#if}}`, `{{#unless}}`, `{{#each list}}` and `{{#with object}}`, with `{{else}}`;
 * - `{{field}}`, `this`, `../field`, `@root.field`, `@index`/`@first`/`@last` inside `each`, and
 *   block parameters (`{{#each grants as |grant|}}`).
 * Partials, decorators, named arguments, `lookup`, `log` and every other helper are refused.
 */
import { TemplateShape } from './template-fields';
import { quoteValue } from '../text/quote-value';

type Node = hbs.AST.Node;

/** A rule of this file was broken; the message gives the line and column, never rendered text. */
export class TemplateCheckError extends Error {
  constructor(node: Node | undefined, problem: string) {
    const where = node?.loc ? `line ${node.loc.start.line}, column ${node.loc.start.column + 1}: ` : '';
    super(`${where}${problem}`);
    this.name = 'TemplateCheckError';
  }
}

export const VALUE_HELPERS: readonly string[] = ['json', 'concat'];
export const BLOCK_HELPERS: readonly string[] = ['if', 'unless', 'each', 'with'];
const LOOP_VARIABLES = ['index', 'first', 'last'];

interface Scope {
  /** The context `this` refers to; `..` goes one scope up. */
  readonly context: TemplateShape | undefined;
  readonly blockParams: ReadonlyMap<string, TemplateShape | undefined>;
  readonly inLoop: boolean;
}

type Use = 'value' | 'condition' | 'list' | 'object';

export function checkTemplate(program: hbs.AST.Program, data: TemplateShape): void {
  checkProgram(program, [{ context: data, blockParams: new Map(), inLoop: false }]);
}

function checkProgram(program: hbs.AST.Program | undefined, scopes: readonly Scope[]): void {
  for (const statement of program?.body ?? []) checkStatement(statement, scopes);
}

function checkStatement(statement: hbs.AST.Statement, scopes: readonly Scope[]): void {
  switch (statement.type) {
    case 'ContentStatement':
    case 'CommentStatement':
      return;
    case 'MustacheStatement':
      return checkMustache(statement as hbs.AST.MustacheStatement, scopes);
    case 'BlockStatement':
      return checkBlock(statement as hbs.AST.BlockStatement, scopes);
    case 'PartialStatement':
    case 'PartialBlockStatement':
      throw new TemplateCheckError(statement, 'partials ({{> name}}) are not available in policy templates');
    case 'Decorator':
    case 'DecoratorBlock':
      throw new TemplateCheckError(statement, 'decorators ({{* name}}) are not available in policy templates');
    default:
      throw new TemplateCheckError(statement, `${statement.type} is not available in policy templates`);
  }
}

/** `{{field}}` inserts a value; `{{json x}}` / `{{concat a b}}` call a value helper. */
function checkMustache(mustache: hbs.AST.MustacheStatement, scopes: readonly Scope[]): void {
  if (mustache.path.type !== 'PathExpression') {
    throw new TemplateCheckError(mustache, 'a literal cannot stand alone in {{ }}; write it in the template text');
  }
  const path = mustache.path as hbs.AST.PathExpression;
  if (mustache.params.length > 0 || mustache.hash) return checkHelperCall(mustache, path, scopes);
  const name = helperName(path);
  if (name && VALUE_HELPERS.includes(name)) throw new TemplateCheckError(mustache, `{{${name}}} needs a value, as in {{${name} bucket}}`);
  if (name && BLOCK_HELPERS.includes(name)) throw new TemplateCheckError(mustache, `{{${name}}} is a block: write {{#${name} field}}...{{/${name}}}`);
  checkPath(path, scopes, 'value');
}

function checkHelperCall(call: hbs.AST.MustacheStatement | hbs.AST.SubExpression, path: hbs.AST.PathExpression, scopes: readonly Scope[]): void {
  const name = helperName(path);
  if (name && BLOCK_HELPERS.includes(name)) {
    throw new TemplateCheckError(call, `${name} is a block helper: write {{#${name} field}}...{{/${name}}}`);
  }
  if (!name || !VALUE_HELPERS.includes(name)) {
    throw new TemplateCheckError(call, `${quoteValue(path.original)} is not a helper policy templates may use; they may use ${[...VALUE_HELPERS, ...BLOCK_HELPERS].join(', ')}`);
  }
  rejectHash(call.hash);
  if (name === 'json' && call.params.length !== 1) throw new TemplateCheckError(call, 'json takes exactly one value, as in {{json bucket}}');
  if (name === 'concat' && call.params.length === 0) throw new TemplateCheckError(call, 'concat needs values, as in (concat prefix "*")');
  for (const param of call.params) checkExpression(param, scopes, 'value');
}

function checkBlock(block: hbs.AST.BlockStatement, scopes: readonly Scope[]): void {
  const name = helperName(block.path);
  if (!name || !BLOCK_HELPERS.includes(name)) {
    throw new TemplateCheckError(block, `{{#${String(block.path.original)}}} is not a block policy templates may use; write {{#if field}}, {{#unless field}}, {{#each list}} or {{#with object}}`);
  }
  rejectHash(block.hash);
  if (block.params.length !== 1) throw new TemplateCheckError(block, `{{#${name}}} takes exactly one field, as in {{#${name} field}}`);
  const [param] = block.params;
  const blockParams = block.program?.blockParams ?? [];
  const scope = scopes[scopes.length - 1];

  if (name === 'if' || name === 'unless') {
    if (blockParams.length > 0) throw new TemplateCheckError(block, `{{#${name}}} has no block parameters`);
    checkExpression(param, scopes, 'condition');
    checkProgram(block.program, scopes);
  } else if (name === 'each') {
    const list = checkExpression(param, scopes, 'list');
    const item = list?.kind === 'list' ? list.item : undefined;
    if (blockParams.length > 2) throw new TemplateCheckError(block, '{{#each}} takes at most two block parameters: as |item index|');
    const params = new Map(scope.blockParams);
    if (blockParams[0] !== undefined) params.set(blockParams[0], item);
    if (blockParams[1] !== undefined) params.set(blockParams[1], { kind: 'value' });
    checkProgram(block.program, [...scopes, { context: item, blockParams: params, inLoop: true }]);
  } else {
    const object = checkExpression(param, scopes, 'object');
    if (blockParams.length > 1) throw new TemplateCheckError(block, '{{#with}} takes at most one block parameter: as |object|');
    const params = new Map(scope.blockParams);
    if (blockParams[0] !== undefined) params.set(blockParams[0], object);
    checkProgram(block.program, [...scopes, { context: object, blockParams: params, inLoop: scope.inLoop }]);
  }
  // {{else}} renders in the scope outside the block.
  checkProgram(block.inverse, scopes);
}

function checkExpression(expression: hbs.AST.Expression, scopes: readonly Scope[], use: Use): TemplateShape | undefined {
  switch (expression.type) {
    case 'PathExpression':
      return checkPath(expression as hbs.AST.PathExpression, scopes, use);
    case 'SubExpression': {
      const call = expression as hbs.AST.SubExpression;
      checkHelperCall(call, call.path, scopes);
      if (use === 'list' || use === 'object') throw new TemplateCheckError(expression, `a helper's result is a single value, not ${use === 'list' ? 'a list' : 'an object'}`);
      return { kind: 'value' };
    }
    case 'StringLiteral':
    case 'NumberLiteral':
    case 'BooleanLiteral':
      if (use === 'list' || use === 'object') throw new TemplateCheckError(expression, `a literal is not ${use === 'list' ? 'a list' : 'an object'}`);
      return { kind: 'value' };
    default:
      // `undefined` and `null` would render nothing, or make a block silently false.
      throw new TemplateCheckError(expression, `${expression.type.replace('Literal', '').toLowerCase()} is not a value policy templates may use`);
  }
}

/** Resolves a path the way Handlebars does, and refuses it unless it names a known field of the right kind. */
function checkPath(path: hbs.AST.PathExpression, scopes: readonly Scope[], use: Use): TemplateShape | undefined {
  const scope = scopes[scopes.length - 1];
  const shown = quoteValue(String(path.original));
  let shape: TemplateShape | undefined;
  let parts = path.parts;
  let fieldsOf: TemplateShape | undefined;
  const scoped = /^\.|^this\b/.test(String(path.original));

  if (path.data) {
    const [variable, ...rest] = parts;
    if (variable === 'root') {
      shape = scopes[0].context;
      parts = rest;
    } else if (LOOP_VARIABLES.includes(variable) && rest.length === 0 && scope.inLoop) {
      shape = { kind: 'value' };
      parts = [];
    } else {
      throw new TemplateCheckError(path, `${shown} is not available here; policy templates may use @root, and @index, @first and @last inside {{#each}}`);
    }
  } else if (path.depth === 0 && !scoped && parts.length > 0 && scope.blockParams.has(parts[0])) {
    shape = scope.blockParams.get(parts[0]);
    if (!shape) return undefined; // an item of an empty list: never rendered
    parts = parts.slice(1);
  } else {
    const target = scopes[scopes.length - 1 - path.depth];
    if (!target) throw new TemplateCheckError(path, `${shown} goes above the top of the template`);
    shape = target.context;
  }
  if (!shape) return undefined; // inside {{#each}} over an empty list: never rendered

  for (const part of parts) {
    fieldsOf = shape;
    if (shape?.kind !== 'object' || !shape.fields.has(part)) {
      const known = fieldsOf?.kind === 'object' ? [...fieldsOf.fields.keys()] : [];
      const list = known.length > 0 ? ` (the fields here are ${known.join(', ')})` : ' (nothing here has fields)';
      throw new TemplateCheckError(path, `unknown field ${shown}${list}`);
    }
    shape = shape.fields.get(part);
    if (!shape) return undefined;
  }

  if (use === 'value' && shape.kind !== 'value') {
    throw new TemplateCheckError(path, `${shown} is ${shape.kind === 'list' ? 'a list: use {{#each}}' : 'an object: use {{#with}} or name one of its fields'}`);
  }
  if (use === 'list' && shape.kind !== 'list') throw new TemplateCheckError(path, `${shown} is not a list, so {{#each}} cannot go through it`);
  if (use === 'object' && shape.kind !== 'object') throw new TemplateCheckError(path, `${shown} is not an object, so {{#with}} cannot open it`);
  return shape;
}

function rejectHash(hash: hbs.AST.Hash | undefined): void {
  if (hash && hash.pairs.length > 0) throw new TemplateCheckError(hash, 'named arguments (name=value) are not available in policy templates');
}

/** The helper a path names, if it could name one: a plain single-part name. */
function helperName(path: hbs.AST.PathExpression): string | undefined {
  return !path.data && path.depth === 0 && path.parts.length === 1 && !/^\.|^this\b/.test(String(path.original)) ? path.parts[0] : undefined;
}
