/**
 * The --help text, built from the flag table so it cannot drift from what is parsed.
 */
import { CONTROL_FLAGS, FIELD_FLAGS } from './flags';

export function helpText(version: string): string {
  const fieldLines = FIELD_FLAGS.flatMap((flag) => {
    const name = flag.type === 'boolean' ? `--[no-]${flag.name}` : `--${flag.name} <value>`;
    const example = flag.type === 'boolean' ? flag.example : `--${flag.name} ${flag.example}`;
    return [
      `  ${name.padEnd(30)}${flag.description}${flag.required ? ' (required)' : ''}`,
      `  ${''.padEnd(30)}config: ${flag.configKey}   e.g. ${example}`,
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
    '  create-irsa [dir] --config irsa.config.json [--yes] [--force]',
    '  create-irsa [dir] --region <r> --cluster <c> --namespace <ns> --service-account <sa> --bucket <b> --prefix <p> [options]',
    '',
    'Writes <dir>/irsa.config.json (the normalized answers, re-runnable with --config) and',
    '<dir>/generated/<cluster>/ (Terraform JSON: providers, data, main, outputs, policies/). <dir> defaults to "irsa".',
    '',
    'Answers (each is also a key of the config file):',
    ...fieldLines,
    '',
    'Options:',
    ...controlLines,
    '',
    'Exit codes: 0 written, 2 invalid input or usage (nothing written), 1 any other failure.',
    '',
  ].join('\n');
}
