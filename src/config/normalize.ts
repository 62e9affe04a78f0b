/**
 * Normalizations applied only where the meaning is unambiguous. Everything else is left as typed
 * and judged by the validators, so an ambiguous value is rejected rather than silently "fixed".
 */

/** Surrounding whitespace is never meaningful in any field (values get pasted from wikis, chats and terminals). */
export function trimValue(value: string): string {
  return value.trim();
}

/**
 * `oidc.eks.../id/X`, `https://oidc.eks.../id/X/` and `https://oidc.eks.../id/X` name the same issuer.
 * A URL with another scheme keeps it, so the validator can reject it by name.
 */
export function normalizeOidcIssuer(value: string): string {
  let issuer = value.trim();
  if (issuer !== '' && !issuer.includes('://')) issuer = `https://${issuer}`;
  return issuer.replace(/\/+$/, '');
}

/**
 * A prefix names a folder: `exports`, `/exports` and `/exports/` all mean `exports/`, so that the
 * grant can never reach a sibling such as `exports-private/`. The empty string means the whole bucket.
 */
export function normalizePrefix(value: string): string {
  const folder = value.trim().replace(/^\/+/, '');
  if (folder === '') return '';
  return folder.endsWith('/') ? folder : `${folder}/`;
}
