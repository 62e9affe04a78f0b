/**
 * A config file read and validated, as `--config` reads it: every problem is reported by field.
 */
import { ConfigFileError, readConfigFile } from './config-file';
import { parseConfig, ParsedConfig } from './parse-config';

/** `shownName` is the file as the user named it, for messages. */
export function readConfig(path: string, shownName: string): ParsedConfig {
  let raw: unknown;
  try {
    raw = readConfigFile(path, shownName);
  } catch (error) {
    // A file nested thousands of levels deep exhausts the parser's stack: it is not a config either.
    if (error instanceof RangeError) throw new ConfigFileError(`${shownName}: nested too deeply to be a create-irsa config`);
    throw error;
  }
  return parseConfig(raw, shownName);
}
