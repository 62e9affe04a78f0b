/**
 * Rules of the settings that fit a binding to an organisation's platform: KMS keys, role
 * guardrails, tags and the state backend. Like field-rules.ts, each validator returns `undefined`
 * for a valid value, or a message stating the rule with a valid example.
 */

type Validator = (value: string) => string | undefined;

const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f]/;

function rule(value: string, problem: string, example: string): string {
  return `${JSON.stringify(value)} ${problem}. Example: ${example}`;
}

/** The partition field of an ARN: `aws`, `aws-cn`, `aws-us-gov`, ... */
const PARTITION = 'aws(?:-[a-z]+(?:-[a-z])?)*';
const KEY_ID = '(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|mrk-[0-9a-f]{32})';
const KMS_KEY_ARN = new RegExp(`^arn:(${PARTITION}):kms:([a-z]{2,4}(?:-[a-z]+)+-\\d{1,2}):(\\d{12}):key/${KEY_ID}$`);

export const KMS_KEY_EXAMPLE = 'arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';

/**
 * A KMS key is named by its full key ARN: an alias can be re-pointed at another key after review,
 * and a wildcard would reach every key of the account.
 */
export const validateKmsKeyArn: Validator = (value) => {
  const problem = (text: string) => rule(value, `is not a KMS key ARN: ${text}`, KMS_KEY_EXAMPLE);
  if (/:alias\//.test(value)) return problem('an alias can be pointed at another key later; give the key ARN the alias points to');
  if (/[*?]/.test(value)) return problem('it must name one key, without "*" or "?"');
  if (/^[0-9a-f-]{36}$|^mrk-/.test(value)) return problem('give the whole ARN, not only the key id');
  if (!KMS_KEY_ARN.test(value)) return problem('it must be arn:<partition>:kms:<region>:<12-digit account>:key/<key id>');
  return undefined;
};

/** The partition and region a KMS key ARN names (after validation). */
export function kmsKeyLocation(arn: string): { readonly partition: string; readonly region: string } {
  const match = KMS_KEY_ARN.exec(arn);
  if (!match) throw new Error(`not a KMS key ARN: ${arn}`);
  return { partition: match[1], region: match[2] };
}

export const ROLE_PATH_EXAMPLE = '/irsa/';

/**
 * IAM paths are `/` or `/<segments>/`, at most 512 printable ASCII characters
 * (docs.aws.amazon.com/IAM/latest/APIReference/API_CreateRole.html). Wildcards are refused
 * because the path is part of the role's ARN, and policies that match ARNs treat them as patterns.
 */
export const validateRolePath: Validator = (value) => {
  const problem = (text: string) => rule(value, `is not a valid IAM path: ${text}`, ROLE_PATH_EXAMPLE);
  if (value.length > 512) return problem('it must be at most 512 characters');
  if (!/^\/([\x21-\x7e]+\/)?$/.test(value)) return problem('it must start and end with "/" and hold only printable ASCII characters without spaces');
  if (value.includes('//')) return problem('it must not contain "//"');
  if (/[*?]/.test(value)) return problem('it must not contain "*" or "?"');
  if (value.includes('${') || value.includes('%{')) return problem('it must not contain "${" or "%{"');
  return undefined;
};

/** `irsa`, `/irsa` and `irsa/` all mean the path `/irsa/`. */
export function normalizeRolePath(value: string): string {
  const trimmed = value.trim();
  if (trimmed === '') return trimmed;
  return `/${trimmed.replace(/^\/+/, '').replace(/\/+$/, '')}/`.replace(/^\/\/$/, '/');
}

export const PERMISSIONS_BOUNDARY_EXAMPLE = 'arn:aws:iam::111122223333:policy/boundary';

const POLICY_ARN = new RegExp(`^arn:(${PARTITION}):iam::(\\d{12}|aws):policy(/[\\x21-\\x7e]*)?/[A-Za-z0-9+=,.@_-]{1,128}$`);

/** A permissions boundary is a managed policy, named by its ARN (customer managed or AWS managed). */
export const validatePolicyArn: Validator = (value) => {
  const problem = (text: string) => rule(value, `is not an IAM policy ARN: ${text}`, PERMISSIONS_BOUNDARY_EXAMPLE);
  if (/[*?]/.test(value)) return problem('it must name one policy, without "*" or "?"');
  if (!POLICY_ARN.test(value) || value.includes('//')) return problem('it must be arn:<partition>:iam::<12-digit account>:policy/<path/><name>');
  return undefined;
};

/** The partition an ARN names (after validation). */
export function arnPartition(arn: string): string {
  return arn.split(':')[1];
}

export const MAX_SESSION_DURATION = { min: 3600, max: 43200, example: 7200 } as const;

// docs.aws.amazon.com/IAM/latest/UserGuide/id_tags.html: letters, numbers and spaces in UTF-8, and _ . : / = + - @
const TAG_CHARACTERS = /^[\p{L}\p{N}\p{Zs}_.:/=+\-@]*$/u;

export const TAG_KEY_EXAMPLE = 'cost-center';
export const TAG_VALUE_EXAMPLE = 'cc-42';

export const validateTagKey: Validator = (value) => {
  const problem = (text: string) => rule(value, `is not a valid tag key: ${text}`, TAG_KEY_EXAMPLE);
  if (value.length < 1 || value.length > 128) return problem('it must be 1-128 characters');
  if (/^aws:/i.test(value)) return problem('the prefix "aws:" is reserved by AWS');
  if (!TAG_CHARACTERS.test(value)) return problem('it may contain only letters, digits, spaces and _ . : / = + - @');
  return undefined;
};

export const validateTagValue: Validator = (value) => {
  const problem = (text: string) => rule(value, `is not a valid tag value: ${text}`, TAG_VALUE_EXAMPLE);
  if (value.length > 256) return problem('it must be at most 256 characters');
  if (!TAG_CHARACTERS.test(value)) return problem('it may contain only letters, digits, spaces and _ . : / = + - @');
  return undefined;
};

/** IAM allows 50 tags on a role or policy; default tags count against that. */
export const MAX_TAGS = 50;

export const STATE_KEY_EXAMPLE = 'irsa/payments.tfstate';

/** The S3 object key of the state file. */
export const validateStateKey: Validator = (value) => {
  const problem = (text: string) => rule(value, `is not a valid state file key: ${text}`, STATE_KEY_EXAMPLE);
  if (value.length === 0) return problem('it must not be empty');
  if (Buffer.byteLength(value, 'utf8') > 1024) return problem('it must be at most 1024 bytes');
  if (CONTROL_CHARACTERS.test(value)) return problem('it must not contain control characters');
  if (value.startsWith('/') || value.endsWith('/')) return problem('it must not start or end with "/"');
  if (value.includes('//')) return problem('it must not contain "//"');
  if (value.includes('${') || value.includes('%{')) return problem('it must not contain "${" or "%{"');
  return undefined;
};

export const DYNAMODB_TABLE_EXAMPLE = 'terraform-locks';

/** DynamoDB table names: 3-255 of letters, digits, "_", "-" and ".". */
export const validateDynamodbTable: Validator = (value) => {
  if (/^[A-Za-z0-9_.-]{3,255}$/.test(value)) return undefined;
  return rule(value, 'is not a valid DynamoDB table name: it must be 3-255 letters, digits, "_", "-" or "."', DYNAMODB_TABLE_EXAMPLE);
};
