#!/usr/bin/env node
/** Entry point of the `create-irsa` command: the only place that ends the process. */
import { runCli } from './cli/run-cli';

const code = runCli(process.argv.slice(2), {
  cwd: process.cwd(),
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
});
process.exitCode = code;
