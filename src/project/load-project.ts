/**
 * Reads a create-irsa project folder: its irsa.config.json and its policy templates
 * (the project's own copies where present, else the bundled ones).
 */
import { lstatSync, realpathSync } from 'node:fs';
import { isAbsolute, join, relative, sep } from 'node:path';
import { readConfigFile } from '../config/config-file';
import { parseConfig, ParsedConfig } from '../config/parse-config';
import { loadPolicyTemplates, POLICY_TEMPLATES_SUBDIR, PolicyTemplates } from '../policies/policy-templates';
import { TemplateError } from '../policies/template-error';
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
  return loadPolicyTemplates(projectTemplatesDir(dir));
}

/**
 * The project's templates folder, if it has one. It must be inside the project: a `templates` or
 * `templates/policies` that links elsewhere would render (and quote in errors) files from outside it.
 * A link that stays inside the project is fine.
 */
function projectTemplatesDir(dir: string): string | undefined {
  const templatesDir = join(dir, POLICY_TEMPLATES_SUBDIR);
  const refuse = (why: string) =>
    new TemplateError({ origin: `folder ${POLICY_TEMPLATES_SUBDIR}` }, `${why}; it must be a folder inside the project`, 'is refused');
  try {
    lstatSync(templatesDir);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    throw refuse(`it cannot be read (${code ?? 'error'})`);
  }
  let real: string;
  try {
    real = realpathSync(templatesDir);
  } catch (error) {
    throw refuse(`it is a link that leads nowhere (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  const inside = relative(realpathSync(dir), real);
  if (inside === '' || inside === '..' || inside.startsWith(`..${sep}`) || isAbsolute(inside)) throw refuse('it is a link to a folder outside the project');
  if (!lstatSync(real).isDirectory()) throw refuse('it is not a folder');
  return templatesDir;
}
