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
  prefix: spec('exports/', validatePrefix, {
    normalize: normalizePrefix,
    // "/" would normalize to "" (the whole bucket); that must be asked for as "", never by accident.
    checkTyped: (value) =>
      value.trim() !== '' && normalizePrefix(value) === ''
        ? `${JSON.stringify(value)} is only slashes; write "" if you mean the whole bucket. Example: exports/`
        : undefined,
  }),
  roleName: spec('payments-billing-invoice-exporter', validateRoleName),
  policyName: spec('payments-billing-invoice-exporter-s3', validatePolicyName),
  terraformName: spec('billing_invoice_exporter', validateTerraformName),
} as const satisfies Record<string, FieldSpec>;

export type FieldName = keyof typeof FIELD_SPECS;

export type FieldCheck = { readonly ok: true; readonly value: string } | { readonly ok: false; readonly problem: string };

/** Normalizes and validates one typed value; a blank optional value comes back as `""`. */
export function checkField(field: FieldName, typed: string): FieldCheck {
  const fieldSpec: FieldSpec = FIELD_SPECS[field];
  if (fieldSpec.blankMeansUnset && typed.trim() === '') return { ok: true, value: '' };
  const typedProblem = fieldSpec.checkTyped?.(typed);
  if (typedProblem) return { ok: false, problem: typedProblem };
  const value = fieldSpec.normalize(typed);
  const problem = fieldSpec.validate(value);
  if (!problem) return { ok: true, value };
  // The rule speaks of the normalized value; show what was typed too when they differ beyond whitespace.
  const shown = value !== typed.trim() ? ` (normalized from ${JSON.stringify(typed)})` : '';
  return { ok: false, problem: `${problem}${shown}` };
}
