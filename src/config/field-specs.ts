/**
 * How each text field is read: normalized, then validated. The config file, the flags and the
 * wizard's prompts all go through `checkField`, so a value is judged the same way wherever it
 * was typed.
 */
import {
  validateBucketName,
  validateClusterName,
  validateNamespace,
  validateOidcIssuer,
  validatePolicyName,
  validatePrefix,
  validateRegion,
  validateRoleName,
  validateServiceAccountName,
  validateTerraformName,
} from './field-rules';
import { normalizeOidcIssuer, normalizePrefix, trimValue } from './normalize';
import { codePointName, INVISIBLE_CHARACTERS } from '../text/characters';
import { quoteValue } from '../text/quote-value';
import {
  DYNAMODB_TABLE_EXAMPLE,
  KMS_KEY_EXAMPLE,
  normalizeRolePath,
  PERMISSIONS_BOUNDARY_EXAMPLE,
  ROLE_PATH_EXAMPLE,
  STATE_KEY_EXAMPLE,
  TAG_KEY_EXAMPLE,
  TAG_VALUE_EXAMPLE,
  validateDynamodbTable,
  validateKmsKeyArn,
  validatePolicyArn,
  validateRolePath,
  validateStateKey,
  validateTagKey,
  validateTagValue,
} from './platform-rules';

export interface FieldSpec {
  readonly example: string;
  readonly normalize: (value: string) => string;
  readonly validate: (value: string) => string | undefined;
  /** A rule about the value as typed, checked before normalization. */
  readonly checkTyped?: (value: string) => string | undefined;
  /** A blank value is valid and means "not set". */
  readonly blankMeansUnset?: true;
}

const spec = (example: string, validate: FieldSpec['validate'], extra: Partial<FieldSpec> = {}): FieldSpec => ({
  example,
  validate,
  normalize: trimValue,
  ...extra,
});

export const FIELD_SPECS = {
  region: spec('eu-west-1', validateRegion),
  clusterName: spec('payments', validateClusterName),
  // Blank: Terraform reads the issuer from the cluster at plan time.
  oidcIssuer: spec('https://oidc.eks.eu-west-1.amazonaws.com/id/0123456789ABCDEF0123456789ABCDEF', validateOidcIssuer, {
    normalize: normalizeOidcIssuer,
    blankMeansUnset: true,
  }),
  namespace: spec('billing', validateNamespace),
  serviceAccount: spec('invoice-exporter', validateServiceAccountName),
  bucket: spec('acme-invoices', validateBucketName),
  prefix: spec('exports/', validatePrefix, { normalize: normalizePrefix, checkTyped: checkPrefixIsNotBlankLooking }),
  roleName: spec('payments-billing-invoice-exporter', validateRoleName),
  policyName: spec('payments-billing-invoice-exporter-s3', validatePolicyName),
  kmsKey: spec(KMS_KEY_EXAMPLE, validateKmsKeyArn),
  rolePath: spec(ROLE_PATH_EXAMPLE, validateRolePath, { normalize: normalizeRolePath }),
  permissionsBoundary: spec(PERMISSIONS_BOUNDARY_EXAMPLE, validatePolicyArn),
  tagKey: spec(TAG_KEY_EXAMPLE, validateTagKey),
  tagValue: spec(TAG_VALUE_EXAMPLE, validateTagValue),
  stateKey: spec(STATE_KEY_EXAMPLE, validateStateKey),
  dynamodbTable: spec(DYNAMODB_TABLE_EXAMPLE, validateDynamodbTable),
  terraformName: spec('billing_invoice_exporter', validateTerraformName),
} as const satisfies Record<string, FieldSpec>;

/**
 * Only the empty string grants the whole bucket. A value that merely looks empty (spaces, a tab,
 * U+3000, a byte order mark, a zero-width space, slashes) or is a pair of quotes typed literally
 * must never turn into it, nor into a folder nobody meant: it is refused, naming the way to ask.
 */
function checkPrefixIsNotBlankLooking(typed: string): string | undefined {
  if (typed === '') return undefined;
  const wholeBucket = 'to grant the whole bucket, give an empty prefix ("prefix": "", --prefix "", or an empty answer in the wizard). Example: exports/';
  const visible = typed.replace(INVISIBLE_CHARACTERS, '').replace(/\p{White_Space}/gu, '');
  if (visible === '') return `${quoteValue(typed)} is only whitespace or invisible characters; ${wholeBucket}`;
  if (visible.replace(/\//g, '') === '') return `${quoteValue(typed)} is only slashes; ${wholeBucket}`;
  if (visible === '""' || visible === "''") return `${quoteValue(typed)} is a pair of quotes, not an empty value; ${wholeBucket}`;
  return undefined;
}

/**
 * Terraform converts every string to Unicode NFC, so a value NFC changes (U+2126 OHM SIGN becomes
 * U+03A9, U+212B ANGSTROM SIGN becomes U+00C5, CJK compatibility ideographs become their unified
 * forms) would reach AWS as other characters than the config says. It is refused, naming the
 * character and giving the NFC form.
 */
function checkNfc(typed: string): string | undefined {
  const nfc = typed.normalize('NFC');
  if (nfc === typed) return undefined;
  const changed = [...typed].find((char) => char.normalize('NFC') !== char) ?? [...typed].find((char, index) => char !== [...nfc][index]) ?? typed;
  const into = [...changed.normalize('NFC')].map(codePointName).join(' ');
  return (
    `${quoteValue(typed)} is not in Unicode normalization form NFC (it contains ${codePointName(changed)}, which NFC turns into ${into}); ` +
    `Terraform normalizes every string to NFC, so AWS would receive other characters. Example: ${quoteValue(nfc)}`
  );
}

export type FieldName = keyof typeof FIELD_SPECS;

export type FieldCheck = { readonly ok: true; readonly value: string } | { readonly ok: false; readonly problem: string };

/** Normalizes and validates one typed value; a blank optional value comes back as `""`. */
export function checkField(field: FieldName, typed: string): FieldCheck {
  const fieldSpec: FieldSpec = FIELD_SPECS[field];
  if (fieldSpec.blankMeansUnset && trimValue(typed) === '') return { ok: true, value: '' };
  const nfcProblem = checkNfc(typed);
  if (nfcProblem) return { ok: false, problem: nfcProblem };
  const typedProblem = fieldSpec.checkTyped?.(typed);
  if (typedProblem) return { ok: false, problem: typedProblem };
  const value = fieldSpec.normalize(typed);
  const problem = fieldSpec.validate(value);
  if (!problem) return { ok: true, value };
  // An empty answer is missing, not malformed: say so, rather than quote the rule of a value.
  if (trimValue(typed) === '') return { ok: false, problem: `is required. Example: ${fieldSpec.example}` };
  // The rule quotes the normalized value; the user should read back what they typed.
  return { ok: false, problem: value === typed ? problem : problem.split(quoteValue(value)).join(quoteValue(trimValue(typed))) };
}
