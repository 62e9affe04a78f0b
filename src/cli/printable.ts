/**
 * Text bound for the terminal (stdout and stderr alike) may quote what a user typed or a file
 * held. Characters that would act on the terminal or hide and reorder text are shown escaped
 * (`\u001b`), never sent: controls (ESC, CSI U+009B and the other C0 and C1 controls), bidi
 * overrides and isolates, zero-width and other format characters, lone surrogates, noncharacters.
 * Newlines and tabs are kept: messages are laid out with them.
 */
import { INVISIBLE_CHARACTERS, unicodeEscape } from '../text/characters';

export function printable(text: string): string {
  return text.replace(INVISIBLE_CHARACTERS, (char) => (char === '\n' || char === '\t' ? char : unicodeEscape(char)));
}
