/**
 * Character classes shared by the validators, the policy renderer and the terminal output.
 */

/**
 * Characters that do not show as themselves on a terminal or in a pull request: controls (C0, DEL,
 * C1, among them ESC and CSI), format characters (zero-width spaces and joiners, the byte order
 * mark, bidi overrides and isolates, which reorder the text around them), lone surrogates,
 * noncharacters, the line and paragraph separators, and the other default-ignorable code points
 * (variation selectors, Hangul fillers, ...), which render as nothing.
 */
export const INVISIBLE_CHARACTER =
  /[\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}\p{Noncharacter_Code_Point}\p{Default_Ignorable_Code_Point}]/u;

/** The same class, to replace every occurrence. */
export const INVISIBLE_CHARACTERS = new RegExp(INVISIBLE_CHARACTER.source, 'gu');

/** Spaces that look like U+0020 but are not (no-break space, ideographic space, en space, ...). */
export const SPACE_LIKE_CHARACTER = /(?! )\p{Zs}/u;

/** The whitespace create-irsa trims from the ends of a value: ASCII space, tab, carriage return, line feed. */
export const TRIMMED_WHITESPACE = ' \t\r\n';

/** `U+200B`: how a character is named in messages, so an invisible one can be found and removed. */
export function codePointName(char: string): string {
  return `U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
}

/** `\u200b` (two escapes for a character beyond U+FFFF), as JSON and JavaScript write it. */
export function unicodeEscape(char: string): string {
  let escaped = '';
  for (let index = 0; index < char.length; index++) escaped += `\\u${char.charCodeAt(index).toString(16).padStart(4, '0')}`;
  return escaped;
}
