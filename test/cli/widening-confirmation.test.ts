/**
 * The confirmation before a write, in process with a terminal: a change that loosens a role's
 * guardrails asks "This widens access", default No, as a new grant does.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Prompter } from '../../src/cli/prompts';
import { runCli } from '../../src/cli/run-cli';
import { runInProcess } from '../helpers/in-process-cli';
import { tempDir, validRawConfig } from '../helpers/fixtures';

/** Records each confirmation and declines it. */
function decliningPrompter(asked: Array<{ message: string; default?: boolean }>): Prompter {
  const refuse = () => Promise.reject(new Error('unexpected question'));
  return {
    text: refuse,
    choose: refuse,
    confirm: async (options) => {
      asked.push({ message: options.message, default: options.default });
      return false;
    },
  };
}

it('GIVEN the permissions boundary removed from irsa.config.json THEN the write asks "This widens access", default No', async () => {
  const cwd = tempDir();
  writeFileSync(join(cwd, 'config.json'), JSON.stringify(validRawConfig({ role: { permissionsBoundary: 'arn:aws:iam::111122223333:policy/boundary' } })));
  expect((await runInProcess(['p', '--config', 'config.json', '--yes'], cwd)).code).toBe(0);
  const configPath = join(cwd, 'p/irsa.config.json');
  const config = JSON.parse(readFileSync(configPath, 'utf8'));
  delete config.role;
  writeFileSync(configPath, JSON.stringify(config, null, 2));

  const asked: Array<{ message: string; default?: boolean }> = [];
  let stdout = '';
  const code = await runCli(['p', '--config', 'p/irsa.config.json'], {
    cwd,
    env: {},
    interactive: true,
    prompter: decliningPrompter(asked),
    stdout: (text) => (stdout += text),
    stderr: () => undefined,
  });

  expect(code).toBe(130);
  expect(stdout).toContain('  project: role permissionsBoundary arn:aws:iam::111122223333:policy/boundary -> (none)\n');
  expect(asked).toEqual([{ message: 'This widens access. Write these files?', default: false }]);
});
