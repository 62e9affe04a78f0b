/**
 * Runs the create-irsa command in this process, as without a terminal: fast enough for property
 * tests that write a project and then change it.
 */
import { runCli } from '../../src/cli/run-cli';
import { Prompter } from '../../src/cli/prompts';

export interface InProcessResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

const noQuestions: Prompter = {
  text: () => Promise.reject(new Error('create-irsa asked a question without a terminal')),
  choose: () => Promise.reject(new Error('create-irsa asked a question without a terminal')),
  confirm: () => Promise.reject(new Error('create-irsa asked a question without a terminal')),
};

export async function runInProcess(argv: readonly string[], cwd: string): Promise<InProcessResult> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, {
    cwd,
    env: {},
    interactive: false,
    prompter: noQuestions,
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
  });
  return { code, stdout, stderr };
}
