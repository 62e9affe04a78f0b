/**
 * Policy documents in Terraform JSON are one string: a template whose text is compact JSON, with
 * `${...}` references inside its JSON strings. Written as `jsonencode({ ... })` they read as policies
 * and mean the same: each JSON string becomes an HCL quoted template holding the same literal text
 * and the same references, and jsonencode turns the object back into JSON at apply time. That JSON
 * differs only in ways JSON parsers (and IAM) ignore: keys sorted, and `<`, `>`, `&` written as
 * `\u003c`, `\u003e`, `\u0026`. One real difference is for the better: a referenced value holding
 * `"` or `\` is escaped by jsonencode, where the template would have spliced it in raw.
 */
import { splitTemplate } from './hcl-strings';

/**
 * The document inside a policy string, when it can be written as jsonencode with the same meaning;
 * undefined otherwise (the caller then writes the string as it is, which is always faithful).
 */
export function jsonDocumentOf(template: string, path: string): object | undefined {
  let document: unknown;
  try {
    document = JSON.parse(template);
  } catch {
    return undefined;
  }
  if (document === null || typeof document !== 'object') return undefined;
  // Compact JSON as JSON.stringify writes it has no escape that could spell `$`, `{` or `%`, so the
  // template sequences of the string and of the parsed document are the same. A document whose
  // characters beyond U+00FF are written `\uXXXX` (as IAM needs them) fails this too, and rightly:
  // jsonencode would write those characters raw, and IAM would refuse the policy.
  if (JSON.stringify(document) !== template) return undefined;
  return everyStringIsPlain(document, path) ? document : undefined;
}

/** True when no sequence inside the document's strings holds a character JSON would have escaped. */
function everyStringIsPlain(value: unknown, path: string): boolean {
  if (typeof value === 'string') {
    return splitTemplate(value, path).every((part) => part.kind === 'literal' || !/["\\\u0000-\u001f]/.test(part.text));
  }
  if (Array.isArray(value)) return value.every((item) => everyStringIsPlain(item, path));
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).every(([key, item]) => everyStringIsPlain(key, path) && everyStringIsPlain(item, path));
  }
  return true;
}
