/**
 * One validator per field. Each returns `undefined` when the value is valid, or a message that
 * states the rule and shows a valid example. The same functions serve the config file, the flags
 * and the interactive prompts, so a rule lives in exactly one place.
 */

import { codePointName, INVISIBLE_CHARACTER, SPACE_LIKE_CHARACTER } from '../text/characters';
import { quoteValue } from '../text/quote-value';

type Validator = (value: string) => string | undefined;

const CONTROL_CHARACTER = /\p{Cc}/u;
const RFC1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

const quote = quoteValue;

/**
 * Names the character a reader cannot see or tell apart (`U+200B`, an invisible one; `U+0456`, a
 * Cyrillic letter that looks like "i"), for rules that allow only ASCII.
 */
function unexpectedCharacterNote(value: string): string {
  const invisible = INVISIBLE_CHARACTER.exec(value) ?? SPACE_LIKE_CHARACTER.exec(value);
  if (invisible) return ` (it contains ${codePointName(invisible[0])}, which is invisible or looks like a space)`;
  const foreign = /[^\u0000-\u007f]/u.exec(value);
  return foreign ? ` (it contains ${codePointName(foreign[0])}, which is not an ASCII character)` : '';
}

function rule(value: string, problem: string, example: string): string {
  return `${quote(value)} ${problem}${unexpectedCharacterNote(value)}. Example: ${example}`;
}

/** Kubernetes namespaces are RFC 1123 labels (kubernetes.io/docs/concepts/overview/working-with-objects/names). */
export const validateNamespace: Validator = (value) => {
  const ruleText =
    'must be an RFC 1123 label: 1-63 lowercase letters, digits or "-", starting and ending with a letter or digit';
  if (value.length === 0) return `must not be empty; it ${ruleText}. Example: billing`;
  if (value.length > 63 || !RFC1123_LABEL.test(value)) return rule(value, `is not a valid namespace: it ${ruleText}`, 'billing');
  return undefined;
};

/** Service account names are RFC 1123 subdomains: dot-separated labels, at most 253 characters. */
export const validateServiceAccountName: Validator = (value) => {
  const ruleText =
    'must be an RFC 1123 subdomain: at most 253 lowercase letters, digits, "-" or ".", each dot-separated part starting and ending with a letter or digit';
  if (value.length === 0) return `must not be empty; it ${ruleText}. Example: invoice-exporter`;
  const valid = value.length <= 253 && value.split('.').every((label) => RFC1123_LABEL.test(label));
  if (!valid) return rule(value, `is not a valid service account name: it ${ruleText}`, 'invoice-exporter');
  // Every pod that names no service account runs as "default", so its role would reach them all;
  // Kubernetes also creates it in every namespace, so creating it again would fail.
  if (value === 'default') {
    return rule(value, 'is refused: every pod in the namespace that names no service account runs as it, so the role would reach them all; use a dedicated service account', 'invoice-exporter');
  }
  return undefined;
};

/** Namespaces every cluster has; they cannot be created again. */
export const BUILT_IN_NAMESPACES: readonly string[] = ['default', 'kube-system', 'kube-public', 'kube-node-lease'];

// docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html
const RESERVED_BUCKET_PREFIXES = ['xn--', 'sthree-', 'amzn-s3-demo-'];
const RESERVED_BUCKET_SUFFIXES = ['-s3alias', '--ol-s3', '.mrap', '--x-s3', '--table-s3'];

/** An S3 location as the console or the AWS CLI shows it: an `s3://` URL or an S3 ARN. */
export interface PastedS3Location {
  /** `an S3 URL` or `an S3 ARN`, for messages. */
  readonly kind: string;
  readonly bucket: string;
  /** The folder after the bucket, without its leading "/"; "" when there is none. */
  readonly folder: string;
}

/** People paste what the console or the CLI shows; this names the bucket and folder in it. */
export function pastedS3Location(value: string): PastedS3Location | undefined {
  const pasted = /^(?:s3:\/\/|arn:aws[a-z-]*:s3:::)([^/]*)(?:\/(.*))?$/.exec(value);
  if (!pasted) return undefined;
  return { kind: value.startsWith('s3://') ? 'an S3 URL' : 'an S3 ARN', bucket: pasted[1], folder: pasted[2] ?? '' };
}

/** S3 general purpose bucket naming rules. */
export const validateBucketName: Validator = (value) => {
  const example = 'acme-invoices';
  const problem = (text: string) => rule(value, `is not a valid S3 bucket name: ${text}`, example);
  const pasted = pastedS3Location(value);
  if (pasted) {
    const folder = pasted.folder ? `, and the folder ${quote(pasted.folder)} as the prefix` : '';
    return rule(value, `is ${pasted.kind}, not a bucket name: give the bucket name alone${folder}`, pasted.bucket || example);
  }
  if (value.length < 3 || value.length > 63) return problem('it must be 3-63 characters long');
  if (/[A-Z]/.test(value) && /^[a-z0-9.-]+$/.test(value.toLowerCase())) {
    return rule(value, 'is not a valid S3 bucket name: bucket names are lowercase', value.toLowerCase());
  }
  if (!/^[a-z0-9.-]+$/.test(value)) return problem('it may contain only lowercase letters, digits, "." and "-"');
  if (!/^[a-z0-9].*[a-z0-9]$/.test(value)) return problem('it must start and end with a letter or digit');
  if (value.includes('..')) return problem('it must not contain two adjacent periods');
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(value)) return problem('it must not be formatted as an IP address');
  const reservedPrefix = RESERVED_BUCKET_PREFIXES.find((prefix) => value.startsWith(prefix));
  if (reservedPrefix) return problem(`the prefix ${quote(reservedPrefix)} is reserved by AWS`);
  const reservedSuffix = RESERVED_BUCKET_SUFFIXES.find((suffix) => value.endsWith(suffix));
  if (reservedSuffix) return problem(`the suffix ${quote(reservedSuffix)} is reserved by AWS`);
  return undefined;
};

/** S3 object keys are at most 1024 bytes of UTF-8. */
const MAX_PREFIX_BYTES = 1024;

/**
 * A prefix is a folder inside the bucket. It is checked after normalization (leading "/" removed,
 * trailing "/" added), so `""` is the whole bucket and anything else ends in "/".
 * Wildcards and Terraform interpolation are refused because they would widen the grant or be
 * evaluated by Terraform; `..` and `//` are refused because they make the folder ambiguous, and
 * so are characters a reviewer cannot see (zero-width, bidi, format and control characters) or
 * cannot tell from a space, and folder names that start or end with a space.
 * Any other Unicode is allowed: S3 keys are UTF-8, and `données/` or `日報/` are real folders;
 * the policy documents write characters IAM does not take raw as JSON escapes (see iam-text).
 */
export const validatePrefix: Validator = (value) => {
  const example = 'exports/';
  const problem = (text: string) => `${quote(value)} is not a valid prefix: ${text}. Example: ${example}`;
  if (value === '') return undefined;
  const control = CONTROL_CHARACTER.exec(value);
  if (control) return problem(`it must not contain control characters (it contains ${codePointName(control[0])})`);
  const invisible = INVISIBLE_CHARACTER.exec(value);
  if (invisible) {
    return problem(`it must not contain invisible characters (it contains ${codePointName(invisible[0])}: zero-width, bidi, format characters and the like)`);
  }
  const spaceLike = SPACE_LIKE_CHARACTER.exec(value);
  if (spaceLike) return problem(`it must not contain spaces other than the ASCII space (it contains ${codePointName(spaceLike[0])})`);
  if (/[*?]/.test(value)) return problem('it must not contain the IAM wildcards "*" or "?"');
  if (value.includes('${') || value.includes('%{')) return problem('it must not contain "${" or "%{" (Terraform interpolation)');
  if (value.includes('//')) return problem('it must not contain "//" (an empty folder name)');
  const folders = value.split('/').slice(0, -1);
  if (folders.some((folder) => folder === '..' || folder === '.')) return problem('it must not contain "." or ".." folders');
  if (folders.some((folder) => folder !== folder.trim())) return problem('a folder name must not start or end with a space');
  if (Buffer.byteLength(value, 'utf8') > MAX_PREFIX_BYTES) return problem(`it must be at most ${MAX_PREFIX_BYTES} bytes`);
  return undefined;
};

/** EKS cluster names: 1-100 characters, starting with a letter or digit, then letters, digits, "-" or "_". */
export const validateClusterName: Validator = (value) => {
  if (/^[A-Za-z0-9][A-Za-z0-9_-]{0,99}$/.test(value)) return undefined;
  return rule(
    value,
    'is not a valid EKS cluster name: it must be 1-100 letters, digits, "-" or "_", starting with a letter or digit',
    'payments',
  );
};

/** AWS region codes such as eu-west-1, us-gov-west-1, cn-north-1. */
export const validateRegion: Validator = (value) => {
  if (/^[a-z]{2,4}(-[a-z]+)+-\d{1,2}$/.test(value)) return undefined;
  if (/^[a-z]{2,4}(-[a-z]+)+-\d{1,2}$/.test(value.toLowerCase())) {
    return rule(value, 'is not an AWS region code: region codes are lowercase', value.toLowerCase());
  }
  return rule(value, 'is not an AWS region code: it must look like "<area>-<direction>-<number>"', 'eu-west-1');
};

/**
 * The issuer must be an https URL with a host and an optional path, nothing else: it becomes the
 * IAM OIDC provider URL and, without its scheme, the prefix of the trust policy's condition keys.
 */
export const validateOidcIssuer: Validator = (value) => {
  const example = 'https://oidc.eks.eu-west-1.amazonaws.com/id/0123456789ABCDEF0123456789ABCDEF';
  const problem = (text: string) => rule(value, `is not a valid OIDC issuer URL: ${text}`, example);
  if (!value.startsWith('https://')) return problem('it must start with "https://"');
  // IAM compares the issuer as text: a dot segment or a percent-escape would name the same
  // issuer in another spelling (or, resolved, another path), so neither is accepted.
  const path = value.slice('https://'.length).split('/').slice(1);
  if (path.some((segment) => segment === '.' || segment === '..')) return problem('it must not contain "." or ".." path segments');
  if (value.includes('%')) return problem('it must not contain percent-encoded characters ("%")');
  if (value.length > 255) return problem("it must be at most 255 characters (IAM's limit for an OIDC provider URL)");
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return problem('it is not a URL');
  }
  const authority = value.slice('https://'.length).split('/')[0];
  if (url.username || url.password || authority.includes('@')) return problem('it must not contain credentials');
  if (url.search || value.includes('?')) return problem('it must not have a query string');
  if (url.hash || value.includes('#')) return problem('it must not have a fragment');
  if (url.port || authority.includes(':')) return problem('it must not have a port');
  if (!/^https:\/\/[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+(\/[A-Za-z0-9._~-]+)*$/.test(value)) {
    return problem('it must be a lowercase host name followed by a path of letters, digits, ".", "_", "~" or "-"');
  }
  return undefined;
};

/** IAM role names: 1-64 of [A-Za-z0-9+=,.@_-] (docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html). */
export const validateRoleName: Validator = (value) => {
  if (/^[A-Za-z0-9+=,.@_-]{1,64}$/.test(value)) return undefined;
  return rule(value, 'is not a valid IAM role name: it must be 1-64 letters, digits or "+=,.@_-"', 'payments-billing-invoice-exporter');
};

/** IAM managed policy names: 1-128 of [A-Za-z0-9+=,.@_-]. */
export const validatePolicyName: Validator = (value) => {
  if (/^[A-Za-z0-9+=,.@_-]{1,128}$/.test(value)) return undefined;
  return rule(value, 'is not a valid IAM policy name: it must be 1-128 letters, digits or "+=,.@_-"', 'payments-billing-invoice-exporter-s3');
};

/**
 * Longest Terraform name accepted. Terraform sets no limit; this one admits every name create-irsa
 * derives (a 63-character namespace and a 253-character service account, with a hash and a count).
 */
export const TERRAFORM_NAME_MAX = 512;

/**
 * Terraform identifiers: letters, digits, "_" and "-", starting with a letter or "_"
 * (developer.hashicorp.com/terraform/language/syntax/configuration#identifiers).
 */
export const validateTerraformName: Validator = (value) => {
  if (value.length <= TERRAFORM_NAME_MAX && /^[A-Za-z_][A-Za-z0-9_-]*$/.test(value)) return undefined;
  return rule(
    value,
    `is not a valid Terraform name: it must be 1-${TERRAFORM_NAME_MAX} letters, digits, "_" or "-", starting with a letter or "_"`,
    'billing_invoice_exporter',
  );
};
