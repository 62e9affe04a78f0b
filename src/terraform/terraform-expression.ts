/**
 * Terraform's own rules for strings, independent of CDKTF: every string in Terraform JSON is a
 * template, so literal text must have `${` and `%{` escaped, and a reference is written `${expr}`.
 */

/** A Terraform expression such as `aws_iam_role.this.arn`, evaluated by Terraform at plan time. */
export class TerraformExpression {
  constructor(readonly expression: string) {}

  /** The expression as it stands inside a Terraform string: `${expression}`. */
  get interpolation(): string {
    return `\${${this.expression}}`;
  }
}

/** A value that is either known now (a literal) or only when Terraform plans. */
export type DeferredString = string | TerraformExpression;

/**
 * Escapes literal text so Terraform reads it verbatim: `${` becomes `$${` and `%{` becomes `%%{`
 * (developer.hashicorp.com/terraform/language/expressions/strings#escape-sequences).
 */
export function escapeTerraformLiteral(text: string): string {
  // Replacement functions, because in a replacement string "$$" itself means "$".
  return text.replace(/\$\{/g, () => '$${').replace(/%\{/g, () => '%%{');
}

/** Writes a value into a Terraform string: literals escaped, expressions interpolated. */
export function toTerraformString(value: DeferredString): string {
  return value instanceof TerraformExpression ? value.interpolation : escapeTerraformLiteral(value);
}

/** A quoted string literal for use inside a Terraform expression, e.g. in a condition. */
export function terraformStringLiteral(text: string): string {
  return `"${escapeTerraformLiteral(text.replace(/\\/g, '\\\\').replace(/"/g, '\\"'))}"`;
}
