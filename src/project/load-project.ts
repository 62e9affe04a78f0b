/**
 * Reads a create-irsa project folder: its irsa.config.json and its policy templates
 * (the project's own copies where present, else the bundled ones).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { readConfigFile } from '../config/config-file';
import { parseConfig, ParsedConfig } from '../config/parse-config';
import { loadPolicyTemplates, POLICY_TEMPLATES_SUBDIR, PolicyTemplates } from '../policies/policy-templates';
import { CONFIG_FILE_NAME } from './project-layout';

export interface LoadedProject {
  readonly parsed: ParsedConfig;
  readonly templates: PolicyTemplates;
}

export function loadProject(dir: string): LoadedProject {
  const parsed = parseConfig(readConfigFile(join(dir, CONFIG_FILE_NAME)), CONFIG_FILE_NAME);
  return { parsed, templates: loadProjectTemplates(dir) };
}

export function loadProjectTemplates(dir: string): PolicyTemplates {
  const overrideDir = join(dir, POLICY_TEMPLATES_SUBDIR);
  return loadPolicyTemplates(existsSync(overrideDir) ? overrideDir : undefined);
}
