/**
 * IAM's character rules for the text create-irsa sends it. A policy document may hold only
 * U+0009, U+000A, U+000D and U+0020-U+00FF; a role description only U+0009, U+000A, U+000D,
 * U+0020-U+007E and U+00A1-U+00FF, at most 1,000 characters (docs.aws.amazon.com/IAM/latest/APIReference,
 * CreatePolicy and CreateRole). Anything else makes `terraform apply` fail half way.
 */
import { INVISIBLE_CHARACTER, unicodeEscape } from './characters';

/** IAM's maximum length of a role or policy description. */
export const IAM_DESCRIPTION_MAX_CHARACTERS = 1000;

/**
 * Makes JSON text acceptable to IAM without changing its meaning: every character beyond U+00FF
 * (which can only stand inside a JSON string) becomes a `\uXXXX` escape. An S3 key may be any
 * UTF-8 (`日報/`), so such a prefix is kept and escaped rather than refused; characters up to
 * U+00FF (`données/`) are left as they are, so existing documents keep their exact bytes.
 */
export function escapeJsonForIam(jsonText: string): string {
  return jsonText.replace(/[^\u0000-\u00ff]/g, unicodeEscape);
}

const NOT_IN_DESCRIPTION = /[^\t\n\r\u0020-\u007e\u00a1-\u00ff]/u;

/**
 * A description IAM accepts, from text that may quote user values: a description is plain text,
 * not JSON, so a character IAM refuses (or an invisible one) is written out as the six characters
 * `\uXXXX`; a description over IAM's limit is cut, ending in `...`.
 */
export function iamDescription(text: string): string {
  const pieces = Array.from(text, (char) => (NOT_IN_DESCRIPTION.test(char) || INVISIBLE_CHARACTER.test(char) ? unicodeEscape(char) : char));
  const whole = pieces.join('');
  if (whole.length <= IAM_DESCRIPTION_MAX_CHARACTERS) return whole;
  let description = '';
  for (const piece of pieces) {
    if (description.length + piece.length > IAM_DESCRIPTION_MAX_CHARACTERS - 3) break;
    description += piece;
  }
  return `${description}...`;
}
