/**
 * Command-line parsing. Unknown flags and stray arguments are usage errors, never ignored.
 */
import { parseArgs } from 'node:util';
import { CONTROL_FLAGS, FIELD_FLAGS } from './flags';
import { boundedText, quoteValue } from '../text/quote-value';

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export interface CliArgs {
  /** Target folder, if given. */
  readonly dir?: string;
  readonly configFile?: string;
  readonly yes: boolean;
  readonly force: boolean;
  readonly help: boolean;
  readonly version: boolean;
  /** Field flags that were given, by flag name; booleans already resolve `--no-` forms. */
  readonly fields: ReadonlyMap<string, string | boolean>;
}

type OptionSpec = { type: 'string' | 'boolean'; short?: string };

export function parseCliArgs(argv: readonly string[]): CliArgs {
  const options: Record<string, OptionSpec> = {};
  for (const flag of CONTROL_FLAGS) options[flag.name] = flag.short ? { type: flag.type, short: flag.short } : { type: flag.type };
  for (const flag of FIELD_FLAGS) {
    options[flag.name] = { type: flag.type };
    if (flag.type === 'boolean') options[`no-${flag.name}`] = { type: 'boolean' };
  }

  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: [...argv], options, allowPositionals: true, strict: true });
  } catch (error) {
    // Node's message quotes the offending argument, which may be anything: bounded and escaped.
    throw new UsageError(`${boundedText((error as Error).message.split('\n')[0])}. Run create-irsa --help for the list of flags.`);
  }
  const values = parsed.values as Record<string, string | boolean | undefined>;
  if (parsed.positionals.length > 1) {
    throw new UsageError(`Expected at most one folder, got ${parsed.positionals.slice(0, 5).map((p) => quoteValue(p)).join(' ')}.`);
  }

  const fields = new Map<string, string | boolean>();
  for (const flag of FIELD_FLAGS) {
    const value = values[flag.name];
    if (flag.type === 'boolean') {
      const negated = values[`no-${flag.name}`];
      if (value !== undefined && negated !== undefined) {
        throw new UsageError(`--${flag.name} and --no-${flag.name} contradict each other; give one.`);
      }
      if (value !== undefined) fields.set(flag.name, true);
      if (negated !== undefined) fields.set(flag.name, false);
    } else if (value !== undefined) {
      fields.set(flag.name, value);
    }
  }

  const configFile = values.config as string | undefined;
  if (configFile !== undefined && fields.size > 0) {
    throw new UsageError(
      `--config cannot be combined with ${[...fields.keys()].map((name) => `--${name}`).join(', ')}: ` +
        'put every answer in the config file, or give them all as flags.',
    );
  }
  return {
    dir: parsed.positionals[0],
    configFile,
    yes: values.yes === true,
    force: values.force === true,
    help: values.help === true,
    version: values.version === true,
    fields,
  };
}
