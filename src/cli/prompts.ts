/**
 * The terminal prompts, through Inquirer. Ctrl-C and Esc at any prompt become a CancelledError,
 * so the caller can stop with nothing written.
 */
import { printable } from './printable';

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
  // Inquirer writes to the terminal itself, so everything it shows is made printable here: the
  // message, the default (it may come from $AWS_REGION) and a rule's message (it quotes the answer).
  // A default with such characters comes back escaped, and is then refused by its rule.
  text: async ({ message, default: fallback, validate }) => {
    const { input } = await inquirer();
    return cancellable((signal) =>
      input(
        {
          message: printable(message),
          default: fallback === undefined ? undefined : printable(fallback),
          validate: (value) => {
            const problem = validate(value);
            return problem === undefined ? true : printable(problem);
          },
          theme: { validationFailureMode: 'keep' },
        },
        { signal },
      ),
    );
  },
  choose: async ({ message, choices, default: fallback }) => {
    const { select } = await inquirer();
    const shown = choices.map((choice) => ({ ...choice, name: printable(choice.name), description: choice.description && printable(choice.description) }));
    return cancellable((signal) => select({ message: printable(message), choices: shown, default: fallback }, { signal }));
  },
  confirm: async ({ message, default: fallback }) => {
    const { confirm } = await inquirer();
    return cancellable((signal) => confirm({ message: printable(message), default: fallback }, { signal }));
  },
};
