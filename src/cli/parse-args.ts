/**
 * Command-line parsing. Unknown flags and stray arguments are usage errors, never ignored.
 */
import { parseArgs } from 'node:util';
import { closestKey } from '../config/closest-key';
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
  readonly dryRun: boolean;
  readonly check: boolean;
  readonly help: boolean;
  readonly version: boolean;
  /** Field flags that were given, by flag name; booleans already resolve `--no-` forms; repeatable flags give lists. */
  readonly fields: ReadonlyMap<string, string | boolean | readonly string[]>;
}

type OptionSpec = { type: 'string' | 'boolean'; short?: string; multiple?: boolean };

/** One line for what node's parseArgs refused, with a did-you-mean for an unknown flag. */
function parseErrorMessage(error: NodeJS.ErrnoException, options: Record<string, OptionSpec>): string {
  const help = 'Run create-irsa --help for the list of flags.';
  const named = /'([^']*)'/.exec(error.message)?.[1] ?? '';
  const name = /--([^\s=<,]+)/.exec(named)?.[1] ?? named.replace(/^-+/, '').split('=')[0];
  if (error.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    // A one- or two-letter typo is too short to guess from.
    const suggestion = name.length >= 3 ? closestKey(name, Object.keys(options)) : undefined;
    return `unknown flag ${printableFlag(named)}${suggestion ? `; did you mean --${suggestion}?` : '.'} ${help}`;
  }
  if (error.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    const flag = FIELD_FLAGS.find((candidate) => candidate.name === name);
    if (options[name]?.type === 'boolean') {
      const negatable = flag?.type === 'boolean' ? ` or --no-${name}` : '';
      return `--${name} takes no value; write --${name}${negatable}. ${help}`;
    }
    return `--${name} needs a value${flag ? `. Example: --${name} ${flag.example}` : ''}. ${help}`;
  }
  // Node's message quotes the offending argument, which may be anything: bounded and escaped.
  return `${boundedText(error.message.split('\n')[0])} ${help}`;
}

/** A typed flag as shown back: bounded, and escaped like every other quoted input. */
function printableFlag(flag: string): string {
  return boundedText(JSON.stringify(flag).slice(1, -1), 60);
}

/**
 * A flag given twice would silently keep the last value (`--prefix logs/ ... --prefix ""` would
 * grant the whole bucket): only the repeatable flags may be.
 */
function rejectRepeatedFlags(tokens: NonNullable<ReturnType<typeof parseArgs>['tokens']>, options: Record<string, OptionSpec>): void {
  const seen = new Set<string>();
  for (const token of tokens) {
    if (token.kind !== 'option' || options[token.name]?.multiple) continue;
    if (seen.has(token.name)) throw new UsageError(`--${token.name} is given more than once; give it once.`);
    seen.add(token.name);
  }
}

export function parseCliArgs(argv: readonly string[]): CliArgs {
  const options: Record<string, OptionSpec> = {};
  for (const flag of CONTROL_FLAGS) options[flag.name] = flag.short ? { type: flag.type, short: flag.short } : { type: flag.type };
  for (const flag of FIELD_FLAGS) {
    options[flag.name] = flag.repeatable ? { type: flag.type, multiple: true } : { type: flag.type };
    if (flag.type === 'boolean') options[`no-${flag.name}`] = { type: 'boolean' };
  }

  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: [...argv], options, allowPositionals: true, strict: true, tokens: true });
  } catch (error) {
    throw new UsageError(parseErrorMessage(error as NodeJS.ErrnoException, options));
  }
  rejectRepeatedFlags(parsed.tokens ?? [], options);
  const values = parsed.values as Record<string, string | boolean | string[] | undefined>;
  if (parsed.positionals.length > 1) {
    throw new UsageError(`Expected at most one folder, got ${parsed.positionals.slice(0, 5).map((p) => quoteValue(p)).join(' ')}.`);
  }

  const fields = new Map<string, string | boolean | readonly string[]>();
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
    const given = FIELD_FLAGS.filter((flag) => fields.has(flag.name));
    // Each flag's answer has its key in the config file: say which, so it can be moved there.
    const keys = given.map((flag) => `--${flag.name} is ${JSON.stringify(flag.field.path)}`).join(', ');
    throw new UsageError(
      `--config cannot be combined with ${given.map((flag) => `--${flag.name}`).join(', ')}: ` +
        `put every answer in the config file (${keys} there), or give them all as flags.`,
    );
  }
  if (values.check === true) {
    const others = ['config', 'dry-run', 'force', 'yes'].filter((name) => values[name] !== undefined).map((name) => `--${name}`);
    const extra = [...others, ...[...fields.keys()].map((name) => `--${name}`)];
    if (extra.length > 0) {
      throw new UsageError(`--check reads the project's own irsa.config.json and writes nothing: it takes no ${extra.join(', ')}. Example: create-irsa irsa --check`);
    }
  }
  return {
    dir: parsed.positionals[0],
    configFile,
    yes: values.yes === true,
    force: values.force === true,
    dryRun: values['dry-run'] === true,
    check: values.check === true,
    help: values.help === true,
    version: values.version === true,
    fields,
  };
}
