/**
 * Strings of Terraform JSON written as HCL. Every string in Terraform JSON is a template: literal text
 * (where `$${` and `%%{` stand for a literal `${` and `%{`) and `${...}` / `%{...}` sequences. An HCL
 * quoted string is the same template language, plus backslash escapes; so the sequences and the
 * `$${` / `%%{` escapes are copied as they are, and only the literal text is backslash-escaped
 * (developer.hashicorp.com/terraform/language/expressions/strings).
 */
import { HclPrintError } from './hcl-print-error';

export interface TemplatePart {
  readonly kind: 'literal' | 'sequence';
  /** The part as written in the template: a sequence with its `${` and `}`. */
  readonly text: string;
}

/** Cuts a template into literal text and `${...}` / `%{...}` sequences. */
export function splitTemplate(template: string, path: string): TemplatePart[] {
  // Most strings hold no template syntax at all.
  if (!/[$%]\{/.test(template)) return template ? [{ kind: 'literal', text: template }] : [];
  const parts: TemplatePart[] = [];
  let literal = '';
  let index = 0;
  while (index < template.length) {
    if (isEscapedOpener(template, index)) {
      literal += template.slice(index, index + 3);
      index += 3;
    } else if (isOpener(template, index)) {
      const end = endOfSequence(template, index, path);
      if (literal) parts.push({ kind: 'literal', text: literal });
      parts.push({ kind: 'sequence', text: template.slice(index, end) });
      literal = '';
      index = end;
    } else {
      literal += template[index];
      index += 1;
    }
  }
  if (literal) parts.push({ kind: 'literal', text: literal });
  return parts;
}

function isOpener(text: string, index: number): boolean {
  return (text[index] === '$' || text[index] === '%') && text[index + 1] === '{';
}

function isEscapedOpener(text: string, index: number): boolean {
  return (text.startsWith('$${', index) || text.startsWith('%%{', index));
}

/** The index just past the `}` that closes the sequence opened at `start`, skipping nested braces and strings. */
function endOfSequence(text: string, start: number, path: string): number {
  let depth = 0;
  let index = start + 2;
  while (index < text.length) {
    const char = text[index];
    if (char === '"') index = endOfQuoted(text, index + 1, path);
    else if (char === '{') {
      depth += 1;
      index += 1;
    } else if (char === '}') {
      if (depth === 0) return index + 1;
      depth -= 1;
      index += 1;
    } else index += 1;
  }
  throw new HclPrintError(path, `the template sequence at ${JSON.stringify(text.slice(start, start + 40))} is not closed`);
}

/** The index just past the `"` that ends a quoted string inside an expression (itself a template). */
function endOfQuoted(text: string, start: number, path: string): number {
  let index = start;
  while (index < text.length) {
    if (text[index] === '\\') index += 2;
    else if (text[index] === '"') return index + 1;
    else if (isEscapedOpener(text, index)) index += 3;
    else if (isOpener(text, index)) index = endOfSequence(text, index, path);
    else index += 1;
  }
  throw new HclPrintError(path, `a quoted string in ${JSON.stringify(text.slice(0, 60))} is not closed`);
}

/**
 * Backslash escapes for literal text. Everything outside printable ASCII is written as `\uXXXX` /
 * `\UXXXXXXXX`: the file stays plain ASCII, and a reviewer sees exactly which characters a name or
 * prefix holds (a Cyrillic `а` or a right-to-left override cannot pass for something else).
 */
function escapeLiteral(text: string, path: string): string {
  if (/^[\x20-\x7e]*$/.test(text) && !/["\\]/.test(text)) return text;
  let escaped = '';
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (char === '"') escaped += '\\"';
    else if (char === '\\') escaped += '\\\\';
    else if (char === '\n') escaped += '\\n';
    else if (char === '\r') escaped += '\\r';
    else if (char === '\t') escaped += '\\t';
    else if (code >= 0x20 && code < 0x7f) escaped += char;
    else if (code >= 0xd800 && code <= 0xdfff) throw new HclPrintError(path, 'it holds a lone UTF-16 surrogate, which is no character');
    else if (code <= 0xffff) escaped += `\\u${code.toString(16).toUpperCase().padStart(4, '0')}`;
    else escaped += `\\U${code.toString(16).toUpperCase().padStart(8, '0')}`;
  }
  return escaped;
}

/** A template as an HCL quoted string: `"text ${expression}"`. */
export function quotedTemplate(template: string, path: string): string {
  const body = splitTemplate(template, path)
    .map((part) => (part.kind === 'sequence' ? part.text : escapeLiteral(part.text, path)))
    .join('');
  return `"${body}"`;
}

/**
 * The expression of a template that is exactly one interpolation (`${aws_iam_role.x.arn}`), else
 * undefined. Such a template yields the expression's value unchanged, so the bare expression means
 * the same; `terraform fmt` writes it bare too.
 */
export function soleInterpolation(template: string, path: string): string | undefined {
  const parts = splitTemplate(template, path);
  if (parts.length !== 1 || parts[0].kind !== 'sequence' || !parts[0].text.startsWith('${')) return undefined;
  const expression = parts[0].text.slice(2, -1);
  // Strip markers (`${~ x ~}`) only mean something inside a template.
  if (expression.startsWith('~') || expression.endsWith('~')) return undefined;
  if (/[\r\n]/.test(expression)) throw new HclPrintError(path, 'it holds an expression that spans several lines');
  return expression.trim();
}

/** A string attribute value: the bare expression when the template is one interpolation, else a quoted string. */
export function templateValue(template: string, path: string): string {
  return soleInterpolation(template, path) ?? quotedTemplate(template, path);
}

/** Names HCL reads as an identifier (attribute and block names, labels of resources). */
export function isIdentifier(name: string): boolean {
  return /^[A-Za-z_][A-Za-z0-9_-]*$/.test(name);
}

/** Words that mean something else where an object key stands (`{ for ...`, `{ null = ... }`). */
const KEYWORDS = new Set(['true', 'false', 'null', 'for', 'in', 'if']);

/**
 * An object key: bare when it is a plain word, else quoted. Keys with `-` are quoted too: bare,
 * `cost-center` reads to a person like a subtraction.
 */
export function objectKey(template: string, path: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(template) && !KEYWORDS.has(template) ? template : quotedTemplate(template, path);
}

/** A block label (`resource "aws_iam_role" "this"`): Terraform requires identifiers there. */
export function blockLabel(label: string, path: string): string {
  if (!isIdentifier(label)) throw new HclPrintError(path, `the label ${JSON.stringify(label)} is not a Terraform identifier`);
  return `"${label}"`;
}

/** An attribute name inside a block body, which HCL never quotes. */
export function attributeName(name: string, path: string): string {
  if (!isIdentifier(name)) throw new HclPrintError(path, `the attribute name ${JSON.stringify(name)} is not a Terraform identifier`);
  return name;
}
