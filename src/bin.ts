#!/usr/bin/env node
/** Entry point of the `create-irsa` command: the only place that ends the process. */
import { runCli } from './cli/run-cli';
import { inquirerPrompter } from './cli/prompts';

runCli(process.argv.slice(2), {
  cwd: process.cwd(),
  env: process.env,
  // Without a terminal, or in CI, nothing is asked: missing answers are an error, never a hang.
  interactive: Boolean(process.stdin.isTTY) && !process.env.CI,
  prompter: inquirerPrompter,
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
}).then((code) => {
  process.exitCode = code;
});
