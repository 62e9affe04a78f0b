/**
 * Where templates may come from: regular files inside the project, never through a link to
 * another file or to a folder outside the project.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { bundledTemplatesDir, S3_POLICY_TEMPLATE } from '../../src/policies/policy-templates';
import { TemplateError } from '../../src/policies/template-error';
import { loadProjectTemplates } from '../../src/project/load-project';
import { tempDir } from '../helpers/fixtures';

const bundledS3 = readFileSync(join(bundledTemplatesDir(), S3_POLICY_TEMPLATE), 'utf8');

function project(): { dir: string; templates: string; secret: string } {
  const root = tempDir();
  const dir = join(root, 'project');
  const templates = join(dir, 'templates', 'policies');
  mkdirSync(templates, { recursive: true });
  const secret = join(root, 'secret.txt');
  writeFileSync(secret, 'aws_secret_access_key = TOP-SECRET\n');
  return { dir, templates, secret };
}

function loadError(dir: string): string {
  try {
    loadProjectTemplates(dir);
  } catch (error) {
    expect(error).toBeInstanceOf(TemplateError);
    return (error as Error).message;
  }
  throw new Error('the templates loaded');
}

describe('project templates', () => {
  it('GIVEN a regular file THEN it is used, and the other template is the bundled one', () => {
    const { dir, templates } = project();
    writeFileSync(join(templates, S3_POLICY_TEMPLATE), bundledS3.replace('ReadObjects', 'ReadExports'));
    const loaded = loadProjectTemplates(dir);
    expect(loaded.s3).toMatchObject({ origin: 'templates/policies/s3_policy.json.hbs', source: expect.stringContaining('ReadExports') });
    expect(loaded.trust.origin).toBe("create-irsa's bundled role_trust_relationship.json.hbs");
  });

  it('GIVEN a template that is a symbolic link to another file THEN it is refused, and the file is not read', () => {
    const { dir, templates, secret } = project();
    symlinkSync(secret, join(templates, S3_POLICY_TEMPLATE));
    const message = loadError(dir);
    expect(message).toBe(
      'Policy template templates/policies/s3_policy.json.hbs is refused: it is a symbolic link; a template must be a regular file inside the project',
    );
  });

  it('GIVEN a template that is a link to another file of the project THEN it is refused too', () => {
    const { dir, templates } = project();
    writeFileSync(join(dir, 'mine.hbs'), bundledS3);
    symlinkSync(join(dir, 'mine.hbs'), join(templates, S3_POLICY_TEMPLATE));
    expect(loadError(dir)).toContain('it is a symbolic link');
  });

  it('GIVEN a dangling link THEN it is refused, not silently replaced by the bundled template', () => {
    const { dir, templates } = project();
    symlinkSync(join(dir, 'nowhere'), join(templates, S3_POLICY_TEMPLATE));
    expect(loadError(dir)).toContain('it is a symbolic link');
  });

  it('GIVEN a FIFO THEN it is refused at once, never waited on', () => {
    const { dir, templates } = project();
    execFileSync('mkfifo', [join(templates, S3_POLICY_TEMPLATE)]);
    expect(loadError(dir)).toContain('it is not a regular file');
  });

  it('GIVEN a folder in place of a template THEN it is refused', () => {
    const { dir, templates } = project();
    mkdirSync(join(templates, S3_POLICY_TEMPLATE));
    expect(loadError(dir)).toContain('it is not a regular file');
  });

  it('GIVEN a templates folder that links out of the project THEN it is refused', () => {
    const root = tempDir();
    const outside = join(root, 'elsewhere', 'policies');
    mkdirSync(outside, { recursive: true });
    writeFileSync(join(outside, S3_POLICY_TEMPLATE), bundledS3);
    const dir = join(root, 'project');
    mkdirSync(join(dir, 'templates'), { recursive: true });
    symlinkSync(outside, join(dir, 'templates', 'policies'));
    expect(loadError(dir)).toBe(
      'Policy template folder templates/policies is refused: it is a link to a folder outside the project; it must be a folder inside the project',
    );
  });

  it('GIVEN a templates/ folder that links out of the project THEN it is refused', () => {
    const root = tempDir();
    mkdirSync(join(root, 'elsewhere', 'policies'), { recursive: true });
    const dir = join(root, 'project');
    mkdirSync(dir);
    symlinkSync(join(root, 'elsewhere'), join(dir, 'templates'));
    expect(loadError(dir)).toContain('it is a link to a folder outside the project');
  });

  it('GIVEN a templates folder that links to another folder of the project THEN it is used', () => {
    const root = tempDir();
    const dir = join(root, 'project');
    mkdirSync(join(dir, 'shared-templates'), { recursive: true });
    mkdirSync(join(dir, 'templates'));
    writeFileSync(join(dir, 'shared-templates', S3_POLICY_TEMPLATE), bundledS3.replace('ReadObjects', 'ReadShared'));
    symlinkSync(join(dir, 'shared-templates'), join(dir, 'templates', 'policies'));
    expect(loadProjectTemplates(dir).s3.source).toContain('ReadShared');
  });

  it('GIVEN no templates folder THEN the bundled templates are used', () => {
    const dir = tempDir();
    expect(loadProjectTemplates(dir).s3.origin).toBe("create-irsa's bundled s3_policy.json.hbs");
  });
});
