/**
 * Normalizations applied only where the meaning is unambiguous. Everything else is left as typed
 * and judged by the validators, so an ambiguous value is rejected rather than silently "fixed".
 */
import { TRIMMED_WHITESPACE } from '../text/characters';

const SURROUNDING_WHITESPACE = new RegExp(`^[${TRIMMED_WHITESPACE}]+|[${TRIMMED_WHITESPACE}]+$`, 'g');

/**
 * Surrounding ASCII spaces, tabs and line breaks are never meaningful in any field (values get
 * pasted from wikis, chats and terminals). Only those: String.prototype.trim would also remove
 * U+3000, U+00A0 and U+FEFF, hiding them; left in place, they are shown and rejected by name.
 */
export function trimValue(value: string): string {
  return value.replace(SURROUNDING_WHITESPACE, '');
}

/**
 * `oidc.eks.../id/X`, `https://oidc.eks.../id/X/` and `https://oidc.eks.../id/X` name the same issuer.
 * A URL with another scheme keeps it, so the validator can reject it by name.
 */
export function normalizeOidcIssuer(value: string): string {
  let issuer = trimValue(value);
  if (issuer !== '' && !issuer.includes('://')) issuer = `https://${issuer}`;
  return issuer.replace(/\/+$/, '');
}

/**
 * A prefix names a folder: `exports`, `/exports` and `/exports/` all mean `exports/`, so that the
 * grant can never reach a sibling such as `exports-private/`. The empty string means the whole
 * bucket; a value that only looks empty is refused before this (see the prefix's field spec).
 */
export function normalizePrefix(value: string): string {
  const folder = trimValue(value).replace(/^\/+/, '');
  if (folder === '') return '';
  return folder.endsWith('/') ? folder : `${folder}/`;
}
