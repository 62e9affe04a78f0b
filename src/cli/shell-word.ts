/**
 * A path as one word for a POSIX shell, for the `cd` line of the next steps: bare when it holds
 * only characters no shell treats specially, else in single quotes (`'my project'`), and, when it
 * holds control or invisible characters, in bash/zsh ANSI-C quotes (`$'a\u202eb'`), so that what
 * is printed is both safe for the terminal and what the user can paste.
 */
import { INVISIBLE_CHARACTER, INVISIBLE_CHARACTERS } from '../text/characters';

export function shellWord(path: string): string {
  // `cd -x` would be read as an option.
  const text = path.startsWith('-') ? `./${path}` : path;
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(text)) return text;
  if (!INVISIBLE_CHARACTER.test(text)) return `'${text.replace(/'/g, `'\\''`)}'`;
  const escaped = text.replace(/[\\']/g, (char) => `\\${char}`).replace(INVISIBLE_CHARACTERS, ansiCEscape);
  return `$'${escaped}'`;
}

function ansiCEscape(char: string): string {
  const code = char.codePointAt(0) ?? 0;
  return code > 0xffff ? `\\U${code.toString(16).padStart(8, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}
