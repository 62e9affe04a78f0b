/**
 * Reading and writing the config file. JSON is the canonical form that create-irsa writes;
 * YAML is accepted on input when the file name ends in .yaml or .yml.
 */
import { readFileSync } from 'node:fs';
import { parse as parseYaml, parseDocument, YAMLParseError } from 'yaml';
import { IrsaConfig } from './irsa-config';

/** The config file could not be read or is not well-formed JSON/YAML. */
export class ConfigFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigFileError';
  }
}

export function readConfigFile(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigFileError(`Cannot read config file ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  return parseConfigText(text, path);
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
    throw new ConfigFileError(`${fileName}${where}: not valid JSON (${message})`);
  }
  rejectDuplicateJsonKeys(text, fileName);
  return parsed;
}

/**
 * JSON.parse keeps the last of two equal keys without a word, so `"prefix": "logs/", "prefix": ""`
 * would silently grant the whole bucket. JSON is YAML, whose parser reports duplicates by line.
 */
function rejectDuplicateJsonKeys(text: string, fileName: string): void {
  const duplicate = parseDocument(text, { uniqueKeys: true, prettyErrors: true }).errors.find((error) => error.code === 'DUPLICATE_KEY');
  if (duplicate) {
    const where = duplicate.linePos ? ` at line ${duplicate.linePos[0].line}, column ${duplicate.linePos[0].col}` : '';
    throw new ConfigFileError(`${fileName}${where}: a key appears twice in the same object; keep one`);
  }
}

function parseYamlText(text: string, fileName: string): unknown {
  try {
    // Duplicate keys and YAML 1.1 surprises (yes/no booleans) are errors, not guesses.
    return parseYaml(text, { uniqueKeys: true, version: '1.2', prettyErrors: true });
  } catch (error) {
    if (error instanceof YAMLParseError && error.linePos) {
      const { line, col } = error.linePos[0];
      throw new ConfigFileError(`${fileName} at line ${line}, column ${col}: not valid YAML (${error.message.split('\n')[0]})`);
    }
    throw new ConfigFileError(`${fileName}: not valid YAML (${(error as Error).message})`);
  }
}

function lineAndColumn(text: string, offset: number): string {
  const before = text.slice(0, offset).split('\n');
  return `line ${before.length}, column ${before[before.length - 1].length + 1}`;
}

/**
 * The normalized config as create-irsa writes it: fixed key order, two-space indent, final newline,
 * so re-running on it is a no-op and a diff shows only what changed.
 */
export function formatConfig(config: IrsaConfig): string {
  const ordered = {
    region: config.region,
    cluster: {
      name: config.cluster.name,
      ...(config.cluster.oidcIssuer !== undefined ? { oidcIssuer: config.cluster.oidcIssuer } : {}),
      createOidcProvider: config.cluster.createOidcProvider,
    },
    bindings: config.bindings.map((binding) => ({
      namespace: binding.namespace,
      serviceAccount: binding.serviceAccount,
      bucket: binding.bucket,
      prefix: binding.prefix,
      access: binding.access,
      roleName: binding.roleName,
      policyName: binding.policyName,
      ...(binding.terraformName !== undefined ? { terraformName: binding.terraformName } : {}),
      createNamespace: binding.createNamespace,
    })),
  };
  return `${JSON.stringify(ordered, null, 2)}\n`;
}
