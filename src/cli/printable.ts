/**
 * Text bound for the terminal may quote what a user's file contained. Control characters in it
 * (an ESC starting a terminal escape sequence, say) are shown escaped, never sent to the terminal.
 * Newlines and tabs are kept: messages are laid out with them.
 */
export function printable(text: string): string {
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
