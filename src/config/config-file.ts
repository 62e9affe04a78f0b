/**
 * Reading and writing the config file. JSON is the canonical form that create-irsa writes;
 * YAML is accepted on input when the file name ends in .yaml or .yml.
 */
import { readFileSync } from 'node:fs';
import { parseDocument, YAMLError } from 'yaml';
import { boundedText } from '../text/quote-value';
import { JsonSyntaxError, parseStrictJson } from '../text/strict-json';

/** The config file could not be read or is not well-formed JSON/YAML. */
export class ConfigFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigFileError';
  }
}

/** Why a config file cannot be read, in plain words; the code stays for searching. */
const READ_PROBLEMS: Readonly<Record<string, string>> = {
  ENOENT: 'it does not exist',
  ENOTDIR: 'a part of its path is a file, not a folder',
  EISDIR: 'it is a folder, not a file',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
};

/** @param shownPath the file as messages name it (as it was typed); by default `path` */
export function readConfigFile(path: string, shownPath = path): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const problem = code === undefined ? String(error) : READ_PROBLEMS[code] ? `${READ_PROBLEMS[code]} (${code})` : code;
    throw new ConfigFileError(`Cannot read config file ${shownPath}: ${problem}`);
  }
  return parseConfigText(text, shownPath);
}

export function parseConfigText(text: string, fileName: string): unknown {
  // Editors on Windows may save a byte order mark; it is not part of the content.
  const content = text.replace(/^\uFEFF/, '');
  return /\.ya?ml$/i.test(fileName) ? parseYamlText(content, fileName) : parseJsonText(content, fileName);
}

function parseJsonText(text: string, fileName: string): unknown {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    const message = (error as Error).message;
    const position = /at position (\d+)/.exec(message);
    const where = position ? ` at ${lineAndColumn(text, Number(position[1]))}` : '';
    throw new ConfigFileError(`${fileName}${where}: not valid JSON (${boundedText(message)})`);
  }
  rejectDuplicateJsonKeys(text, fileName);
  return parsed;
}

/**
 * JSON.parse keeps the last of two equal keys without a word, so `"prefix": "logs/", "prefix": ""`
 * would silently grant the whole bucket. The strict parser refuses them, by line and column.
 */
function rejectDuplicateJsonKeys(text: string, fileName: string): void {
  try {
    parseStrictJson(text);
  } catch (error) {
    if (!(error instanceof JsonSyntaxError)) throw error;
    // JSON.parse has accepted the text, so what is left to find is a repeated key.
    throw new ConfigFileError(`${fileName} at line ${error.line}, column ${error.column}: ${error.problem}`);
  }
}

/**
 * The yaml library would print its warnings (an unresolved `!tag`, an unknown `%DIRECTIVE`) to the
 * console, quoting the raw source line, escape sequences and all. They are silenced here and
 * each is an error instead, reported like any other: a config file is plain YAML and means one thing.
 */
function parseYamlText(text: string, fileName: string): unknown {
  // Duplicate keys and YAML 1.1 surprises (yes/no booleans) are errors, not guesses.
  const document = parseDocument(text, { uniqueKeys: true, version: '1.2', prettyErrors: true, logLevel: 'silent' });
  const [error] = document.errors;
  if (error) throw yamlProblem(error, fileName, 'not valid YAML');
  const [warning] = document.warnings;
  if (warning) throw yamlProblem(warning, fileName, 'not accepted: a config file is plain YAML, without tags or directives');
  try {
    return document.toJS({ maxAliasCount: 100 });
  } catch (caught) {
    throw new ConfigFileError(`${fileName}: not valid YAML (${boundedText((caught as Error).message.split('\n')[0])})`);
  }
}

/** The parser's first line, without its own position and code frame (which quote the source). */
function yamlProblem(problem: YAMLError, fileName: string, what: string): ConfigFileError {
  const detail = boundedText(problem.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, ''));
  const where = problem.linePos ? ` at line ${problem.linePos[0].line}, column ${problem.linePos[0].col}` : '';
  return new ConfigFileError(`${fileName}${where}: ${what} (${detail})`);
}

function lineAndColumn(text: string, offset: number): string {
  const before = text.slice(0, offset).split('\n');
  return `line ${before.length}, column ${before[before.length - 1].length + 1}`;
}

export { formatConfig } from './format-config';
