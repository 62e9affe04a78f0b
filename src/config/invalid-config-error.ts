/** One problem with one field of the input. */
export interface ConfigIssue {
  /** Path of the field in the config file, e.g. `bindings[0].namespace`. */
  readonly field: string;
  /** What is wrong and what rule applies, with an example of a valid value. */
  readonly message: string;
}

/** Thrown when the input breaks one or more rules; carries every problem found, not just the first. */
export class InvalidConfigError extends Error {
  constructor(readonly issues: readonly ConfigIssue[], readonly source?: string) {
    super(
      `Invalid configuration${source ? ` in ${source}` : ''}:\n` +
        issues.map((issue) => `  - ${issue.field}: ${issue.message}`).join('\n'),
    );
    this.name = 'InvalidConfigError';
  }
}
