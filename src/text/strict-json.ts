/**
 * A strict JSON parser for rendered policy documents and config files. Unlike JSON.parse it refuses a key that
 * appears twice in one object (JSON.parse keeps the last, so a second "Condition" would silently
 * replace the first), and its errors give a line and column and a description of what was
 * expected, never the text itself: a rendered template or a user's file, which an error must not print.
 */

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

export class JsonSyntaxError extends Error {
  constructor(readonly line: number, readonly column: number, readonly problem: string) {
    super(`line ${line}, column ${column}: ${problem}`);
    this.name = 'JsonSyntaxError';
  }
}

const ESCAPES: Readonly<Record<string, string>> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const LITERALS: ReadonlyArray<[string, JsonValue]> = [['true', true], ['false', false], ['null', null]];

export function parseStrictJson(text: string): JsonValue {
  let at = 0;

  const fail = (problem: string, position = at): never => {
    const before = text.slice(0, position).split('\n');
    throw new JsonSyntaxError(before.length, before[before.length - 1].length + 1, problem);
  };
  const skipWhitespace = () => {
    while (at < text.length && ' \t\n\r'.includes(text[at])) at++;
  };
  const expect = (char: string, what: string) => {
    skipWhitespace();
    if (text[at] !== char) fail(at >= text.length ? `the text ends where ${what} was expected` : `expected ${what}`);
    at++;
  };

  const parseString = (): string => {
    const start = at;
    at++; // the opening quote
    let value = '';
    for (;;) {
      if (at >= text.length) fail('a string is not closed', start);
      const char = text[at];
      if (char === '"') {
        at++;
        return value;
      }
      if (char < ' ') fail('a string holds a raw control character (it must be escaped)');
      if (char === '\\') {
        const escape = text[at + 1];
        if (escape === 'u') {
          const hex = text.slice(at + 2, at + 6);
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) fail('a \\u escape needs four hexadecimal digits');
          value += String.fromCharCode(parseInt(hex, 16));
          at += 6;
        } else if (escape !== undefined && escape in ESCAPES) {
          value += ESCAPES[escape];
          at += 2;
        } else {
          fail('a string holds an unknown escape');
        }
        continue;
      }
      value += char;
      at++;
    }
  };

  const parseValue = (): JsonValue => {
    skipWhitespace();
    const char = text[at];
    if (char === undefined) return fail('the text ends where a value was expected');
    if (char === '{') return parseObject();
    if (char === '[') return parseArray();
    if (char === '"') return parseString();
    for (const [word, value] of LITERALS) {
      if (text.startsWith(word, at)) {
        at += word.length;
        return value;
      }
    }
    NUMBER.lastIndex = at;
    const number = NUMBER.exec(text);
    if (number) {
      at += number[0].length;
      return Number(number[0]);
    }
    return fail('expected a value (an object, list, string, number, true, false or null)');
  };

  const parseObject = (): JsonValue => {
    const object: { [key: string]: JsonValue } = {};
    const seen = new Set<string>();
    at++;
    skipWhitespace();
    if (text[at] === '}') {
      at++;
      return object;
    }
    for (;;) {
      skipWhitespace();
      if (text[at] !== '"') fail('expected a key in double quotes');
      const keyAt = at;
      const key = parseString();
      if (seen.has(key)) fail('a key appears twice in the same object (JSON readers would silently keep only the last)', keyAt);
      seen.add(key);
      expect(':', '":" after a key');
      // defineProperty, so a key named "__proto__" stays a plain key
      Object.defineProperty(object, key, { value: parseValue(), enumerable: true, writable: true, configurable: true });
      skipWhitespace();
      if (text[at] === ',') {
        at++;
        continue;
      }
      expect('}', '"," or "}" after a value in an object');
      return object;
    }
  };

  const parseArray = (): JsonValue => {
    const array: JsonValue[] = [];
    at++;
    skipWhitespace();
    if (text[at] === ']') {
      at++;
      return array;
    }
    for (;;) {
      array.push(parseValue());
      skipWhitespace();
      if (text[at] === ',') {
        at++;
        continue;
      }
      expect(']', '"," or "]" after a value in a list');
      return array;
    }
  };

  const value = parseValue();
  skipWhitespace();
  if (at < text.length) fail('unexpected text after the document');
  return value;
}
