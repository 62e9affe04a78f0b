/**
 * Keeps the text create-irsa writes into Terraform away from cdktf's token scanning.
 *
 * cdktf resolves every string of a stack, object keys, construct paths and the stack name included,
 * and reads markers in them: `${TfToken[...]}`, `#{TfToken[...]}`, `&{TfToken[...]}`, and numbers such
 * as `-8.109562212591379e+298`, which is how it encodes a number token inside a string. A value that
 * merely looks like one of these is replaced by another value or makes synthesis throw, and a
 * prefix (`#`, `{`, `[`, `+`, `.`), a role name (`+`, `.`) or a Terraform name (`-`, digits, `e`) can
 * look like one. So the stack hands cdktf only opaque placeholders for such text, and puts the text
 * back into the configuration cdktf has resolved, before it is written.
 */
import { escapeTerraformLiteral } from '../terraform/terraform-expression';

/**
 * NUL is in no value create-irsa accepts and in none of cdktf's markers, and a placeholder is only
 * NUL, digits, NUL: no run of digits in it is followed by an `e`, so cdktf never reads it as a number.
 */
const PLACEHOLDER = /\u0000(\d+)\u0000/g;

export type ResolvedJson = string | number | boolean | null | ResolvedJson[] | { [key: string]: ResolvedJson };

export class OpaqueText {
  private readonly texts: string[] = [];

  /** Text Terraform must read verbatim: `${` and `%{` are escaped. */
  literal(text: string): string {
    return this.placeholder(escapeTerraformLiteral(text));
  }

  /**
   * Text that goes into the output exactly as given: a Terraform string that may hold references
   * (a rendered policy document), a Terraform name, or a construct id. Every call gives a new
   * placeholder, so two constructs never share an id even when their text is the same.
   */
  exact(text: string): string {
    return this.placeholder(text);
  }

  private placeholder(text: string): string {
    this.texts.push(text);
    return `\u0000${this.texts.length - 1}\u0000`;
  }

  /** The resolved configuration with every placeholder replaced by its text, in values and keys. */
  restore(value: ResolvedJson): ResolvedJson {
    if (typeof value === 'string') return this.restoreString(value);
    if (Array.isArray(value)) return value.map((item) => this.restore(item));
    if (value === null || typeof value !== 'object') return value;
    const restored: { [key: string]: ResolvedJson } = {};
    for (const [key, item] of Object.entries(value)) {
      const restoredKey = this.restoreString(key);
      // Two blocks of one name would silently become one: that is a bug, never output.
      if (Object.prototype.hasOwnProperty.call(restored, restoredKey)) {
        throw new Error(`create-irsa built two Terraform entries named ${JSON.stringify(restoredKey)} in one block`);
      }
      // defineProperty, so a key such as "__proto__" stays a plain key.
      Object.defineProperty(restored, restoredKey, { value: this.restore(item), enumerable: true, writable: true, configurable: true });
    }
    return restored;
  }

  private restoreString(text: string): string {
    // A replacement is never scanned again, so restored text is final whatever it holds.
    return text.replace(PLACEHOLDER, (_placeholder, index: string) => {
      const original = this.texts[Number(index)];
      if (original === undefined) throw new Error('create-irsa found a text placeholder it did not make');
      return original;
    });
  }
}
