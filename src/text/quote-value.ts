/**
 * How a value typed by a user is quoted in a message: as a JSON string with every invisible or
 * space-like character escaped (`"billing\u200b"`), and at most a bounded part of it, so a hostile
 * or mistaken value (an escape sequence, a 50 MB line) can neither drive the terminal nor flood it.
 * Every validator and every message that quotes input goes through here.
 */
import { INVISIBLE_CHARACTERS, SPACE_LIKE_CHARACTER, unicodeEscape } from './characters';

/** Values up to this many characters are quoted whole. */
export const MAX_QUOTED_CHARACTERS = 80;
/** Of a longer value, this many characters are quoted, followed by `…(N characters)`. */
export const QUOTED_HEAD_CHARACTERS = 60;

const SPACE_LIKE_CHARACTERS = new RegExp(SPACE_LIKE_CHARACTER.source, 'gu');

/** The text of a value with its invisible and space-like characters written as `\uXXXX` (unquoted). */
export function escapeInvisible(text: string): string {
  return text.replace(INVISIBLE_CHARACTERS, unicodeEscape).replace(SPACE_LIKE_CHARACTERS, unicodeEscape);
}

/** `"value"`, escaped; a long value as `"its first 60 characters"…(N characters)`. */
export function quoteValue(value: string): string {
  const long = value.length > MAX_QUOTED_CHARACTERS;
  const shown = long ? value.slice(0, QUOTED_HEAD_CHARACTERS) : value;
  // JSON.stringify escapes quotes, backslashes, C0 controls and lone surrogates; the rest here.
  const quoted = escapeInvisible(JSON.stringify(shown));
  return long ? `${quoted}…(${value.length} characters)` : quoted;
}

/** Text (not a value) from elsewhere, such as a parser's message: escaped and bounded the same way, unquoted. */
export function boundedText(text: string, maxCharacters = 200): string {
  const shown = text.length > maxCharacters ? `${text.slice(0, maxCharacters)}…(${text.length} characters)` : text;
  return escapeInvisible(shown);
}
