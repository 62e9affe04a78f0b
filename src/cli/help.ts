/**
 * The --help text, built from the flag table so it cannot drift from what is parsed.
 */
import { CONTROL_FLAGS, FIELD_FLAGS } from './flags';

/** @param required flags without a default in this environment, marked "(required)" */
export function helpText(version: string, required: ReadonlySet<string>): string {
  const fieldLines = FIELD_FLAGS.flatMap((flag) => {
    const name = flag.type === 'boolean' ? `--[no-]${flag.name}` : `--${flag.name} <value>`;
    const example = flag.type === 'boolean' ? flag.example : `--${flag.name} ${flag.example}`;
    const { field } = flag;
    const fallback = field.defaultText ?? (field.default === undefined ? undefined : String(field.default));
    const said = fallback?.startsWith('required') ? fallback : `default: ${fallback}`;
    const fallbackText = required.has(flag.name) ? ' (required)' : fallback ? ` (${said})` : '';
    return [
      // A name longer than the column still gets a space before its description.
      `  ${name.padEnd(29)} ${flag.description}${flag.repeatable ? ', repeatable' : ''}${fallbackText}`,
      `  ${''.padEnd(30)}config: ${field.path}   e.g. ${example}`,
    ];
  });
  const controlLines = CONTROL_FLAGS.map((flag) => {
    const name = `${flag.short ? `-${flag.short}, ` : ''}--${flag.name}${flag.type === 'string' ? ' <file>' : ''}`;
    return `  ${name.padEnd(30)}${flag.description}`;
  });
  return [
    `create-irsa ${version}: least-privilege S3 access for an EKS service account (IAM Roles for Service Accounts), as reviewable Terraform.`,
    '',
    'Usage:',
    '  create-irsa [dir]                                     asks the questions, on a terminal',
    '  create-irsa [dir] --config irsa.config.json [--yes]   reads the answers from a file',
    '  create-irsa [dir] --region <r> --cluster <c> --service-account <sa> --bucket <b> --prefix <p> [options]',
    '',
    'Writes the project <dir> (default "irsa"): irsa.config.json (the normalized answers, re-runnable with',
    '--config), generated/<cluster>/ (Terraform JSON, or HCL with --format hcl: providers, data, main, outputs,',
    'policies/), and, for a new project, a CDKTF app (package.json, cdktf.json, main.ts), editable',
    'templates/policies/ and a README. --dry-run shows what would change; --check tells CI whether generated/',
    'is up to date.',
    'Flags answer their questions. Without a terminal, or with CI set, nothing is asked: defaults are taken',
    'and missing answers are an error.',
    '',
    'Answers (each is also a key of the config file):',
    ...fieldLines,
    '',
    'Options:',
    ...controlLines,
    '',
    'Exit codes: 0 written, 2 invalid input or usage (nothing written), 130 cancelled, 1 any other failure.',
    '',
  ].join('\n');
}
