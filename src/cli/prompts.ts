/**
 * The terminal prompts, through Inquirer. Ctrl-C and Esc at any prompt become a CancelledError,
 * so the caller can stop with nothing written.
 */
// Loaded on first use: runs that ask nothing (flags, config files, CI) never pay for it.
const inquirer = () => import('@inquirer/prompts');

/** The user stopped the run (Ctrl-C, Esc, or declined to continue). */
export class CancelledError extends Error {
  constructor() {
    super('cancelled');
    this.name = 'CancelledError';
  }
}

export interface Prompter {
  text(options: { message: string; default?: string; validate: (value: string) => string | undefined }): Promise<string>;
  choose<T extends string | boolean>(options: { message: string; choices: ReadonlyArray<{ name: string; value: T; description?: string }>; default: T }): Promise<T>;
  confirm(options: { message: string; default: boolean }): Promise<boolean>;
}

/** Runs one Inquirer prompt so that Esc aborts it like Ctrl-C does. */
async function cancellable<T>(ask: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const onKeypress = (_: unknown, key: { name?: string } | undefined) => {
    if (key?.name === 'escape') controller.abort();
  };
  process.stdin.on('keypress', onKeypress);
  try {
    return await ask(controller.signal);
  } catch (error) {
    const name = (error as Error).name;
    if (name === 'ExitPromptError' || name === 'AbortPromptError' || name === 'CancelPromptError') throw new CancelledError();
    throw error;
  } finally {
    process.stdin.off('keypress', onKeypress);
  }
}

export const inquirerPrompter: Prompter = {
  text: async ({ message, default: fallback, validate }) => {
    const { input } = await inquirer();
    return cancellable((signal) =>
      input({ message, default: fallback, validate: (value) => validate(value) ?? true, theme: { validationFailureMode: 'keep' } }, { signal }),
    );
  },
  choose: async ({ message, choices, default: fallback }) => {
    const { select } = await inquirer();
    return cancellable((signal) => select({ message, choices: choices.map((choice) => ({ ...choice })), default: fallback }, { signal }));
  },
  confirm: async ({ message, default: fallback }) => {
    const { confirm } = await inquirer();
    return cancellable((signal) => confirm({ message, default: fallback }, { signal }));
  },
};
