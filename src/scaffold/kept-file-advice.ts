/**
 * Written into an existing folder (with --force), a project keeps the files that were already
 * there instead of create-irsa's. Two of them carry something the project needs: .gitignore must
 * keep Terraform state out of git, and package.json must list the packages the CDKTF app imports.
 * This says what is missing from the kept ones.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectDependencies } from './project-files';

/** Each line the project needs in .gitignore, with the lines that already cover it. */
const NEEDED_IGNORES: ReadonlyArray<{ readonly line: string; readonly coveredBy: readonly string[] }> = [
  { line: '*.tfstate', coveredBy: ['*.tfstate', '**/*.tfstate', '*.tfstate*', '**/*.tfstate*'] },
  { line: '*.tfstate.*', coveredBy: ['*.tfstate.*', '**/*.tfstate.*', '*.tfstate*', '**/*.tfstate*'] },
  { line: '.terraform/', coveredBy: ['.terraform', '.terraform/', '**/.terraform', '**/.terraform/'] },
  { line: '.create-irsa-*', coveredBy: ['.create-irsa-*', '/.create-irsa-*', '.create-irsa*', '/.create-irsa*'] },
];

/** Warnings, one per kept file that lacks what the project needs; paths relative to `dir`. */
export function keptFileAdvice(dir: string, keptPaths: readonly string[]): string[] {
  const advice: string[] = [];
  if (keptPaths.includes('.gitignore')) advice.push(...gitignoreAdvice(readText(join(dir, '.gitignore'))));
  if (keptPaths.includes('package.json')) advice.push(...packageJsonAdvice(readText(join(dir, 'package.json'))));
  return advice;
}

function readText(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

function gitignoreAdvice(text: string | undefined): string[] {
  const lines = new Set((text ?? '').split(/\r?\n/).map((line) => line.trim()));
  const missing = NEEDED_IGNORES.filter((needed) => !needed.coveredBy.some((line) => lines.has(line))).map((needed) => needed.line);
  if (missing.length === 0) return [];
  return [
    `the existing .gitignore was kept; add these lines to it, so that Terraform state (which can hold secrets) and ` +
      `create-irsa's work files are never committed: ${missing.join('  ')}`,
  ];
}

function packageJsonAdvice(text: string | undefined): string[] {
  const needed = projectDependencies();
  const wanted = (deps: Record<string, string>) => Object.entries(deps).map(([name, version]) => `${name}@${version}`);
  let listed: Record<string, unknown> = {};
  try {
    const manifest = JSON.parse(text ?? '') as Record<string, unknown>;
    listed = { ...asRecord(manifest.dependencies), ...asRecord(manifest.devDependencies) };
  } catch {
    return [
      `the existing package.json was kept but is not valid JSON; the project's CDKTF app (main.ts) needs ` +
        `${wanted(needed.dependencies).join(' ')} and, for development, ${wanted(needed.devDependencies).join(' ')}`,
    ];
  }
  const missingDeps = wanted(Object.fromEntries(Object.entries(needed.dependencies).filter(([name]) => !(name in listed))));
  const missingDev = wanted(Object.fromEntries(Object.entries(needed.devDependencies).filter(([name]) => !(name in listed))));
  const advice: string[] = [];
  if (missingDeps.length > 0) advice.push(`npm install --save-exact ${missingDeps.join(' ')}`);
  if (missingDev.length > 0) advice.push(`npm install --save-dev --save-exact ${missingDev.join(' ')}`);
  if (advice.length === 0) return [];
  return [`the existing package.json was kept and lacks packages the project's CDKTF app (main.ts) needs; add them with: ${advice.join(' && ')}`];
}

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}
