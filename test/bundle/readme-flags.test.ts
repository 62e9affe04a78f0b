/**
 * The README's flag tables against `create-irsa --help`: a flag that --help lists and the README
 * does not, or lists under another config key, is documentation that has fallen behind; so is a
 * pinned version other than the package's own.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runBuiltCli } from '../helpers/run-built-cli';

const repo = join(__dirname, '../..');

interface HelpFlag {
  /** As --help prints it: `--[no-]create-namespace`, `--dry-run`. */
  readonly flag: string;
  /** The config key --help names on the next line, for answer flags. */
  readonly configKey?: string;
}

/** The long flags of --help, each with the config key printed under it. */
function helpFlags(): HelpFlag[] {
  const help = runBuiltCli(['--help'], repo).stdout.split('\n');
  return help.flatMap((line, i) => {
    const match = /^ {2}(?:-\w, )?(--[\w[\]-]+)/.exec(line);
    if (!match) return [];
    const key = /^\s+config: (\S+)/.exec(help[i + 1] ?? '');
    return [{ flag: match[1], ...(key ? { configKey: key[1] } : {}) }];
  });
}

/** The rows of the tables in the README's "Flags and config files" section. */
function readmeFlagRows(): string[] {
  const readme = readFileSync(join(repo, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('### Flags and config files'), readme.indexOf('## Fitting your platform'));
  return section.split('\n').filter((line) => line.startsWith('| `-'));
}

describe('the README flag tables', () => {
  const flags = helpFlags();
  const rows = readmeFlagRows();

  it('GIVEN --help THEN it lists the answer and control flags the tables are checked against', () => {
    expect(flags.map(({ flag }) => flag)).toEqual(expect.arrayContaining(['--region', '--s3', '--format', '--identity', '--dry-run', '--check']));
  });

  it.each(flags.map((entry) => [entry.flag, entry]))('GIVEN %s in --help THEN a README row names it (and, for an answer, its config key)', (flag, entry) => {
    const row = rows.find((line) => line.split('|')[1].includes(`\`${flag}`));
    expect(row).toBeDefined();
    if (entry.configKey) expect(row?.split('|')[2]).toContain(`\`${entry.configKey}\``);
  });
});

describe('the README CI step', () => {
  it('GIVEN the --check pipeline step THEN it pins the version in package.json, as the README tells users to', () => {
    const readme = readFileSync(join(repo, 'README.md'), 'utf8');
    const { version } = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as { version: string };
    const pinned = [...readme.matchAll(/npx create-irsa@(\S+)/g)].map((match) => match[1]);
    expect(pinned.length).toBeGreaterThan(0);
    expect(new Set(pinned)).toEqual(new Set([version]));
  });
});
