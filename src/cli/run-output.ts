/**
 * What the command prints around a write: the existing project's bindings, the summary before the
 * confirmation, the files written or kept, warnings, and the next steps.
 */
import { join } from 'node:path';
import { IrsaConfig } from '../config/irsa-config';
import { ClusterPlan } from '../plan/cluster-plan';
import { CONFIG_FILE_NAME, GENERATED_DIR_NAME, MANIFEST_FILE_NAME, WriteReport } from '../project/write-project';
import { describeBinding } from '../review/change-summary';
import { keptFileAdvice } from '../scaffold/kept-file-advice';
import { GeneratedFile, S3_POLICY_FILE, TRUST_POLICY_FILE } from '../synth/module-files';
import { bindingOutputName } from '../terraform/addresses';
import { shellWord } from './shell-word';

/** What an existing project holds, shown before the wizard asks about one more binding. */
export function projectListing(config: IrsaConfig, shownDir: string): string {
  const count = config.bindings.length;
  return [
    `${shownDir} is the project of EKS cluster ${config.cluster.name} in ${config.region}, with ${count} binding${count === 1 ? '' : 's'}:`,
    ...config.bindings.map((binding) => `  ${describeBinding(binding, config)}`),
    'Your answers add a binding, or replace the one of the same service account.',
    '',
  ].join('\n');
}

export function fileList(generated: readonly GeneratedFile[], scaffold: readonly string[], dir: string): string[] {
  return [
    ...scaffold.map((path) => join(dir, path)),
    join(dir, CONFIG_FILE_NAME),
    ...generated.map((file) => join(dir, GENERATED_DIR_NAME, file.path)),
    join(dir, GENERATED_DIR_NAME, MANIFEST_FILE_NAME),
  ].map((path) => `  ${path}`);
}

/** The files to write and both documents of every binding, as they will be applied. */
export function summary(config: IrsaConfig, generated: readonly GeneratedFile[], scaffold: readonly GeneratedFile[], dir: string): string {
  const documents = config.bindings.flatMap((binding) => {
    const base = `${config.cluster.name}/policies/${binding.namespace}/${binding.serviceAccount}`;
    const trust = generated.find((file) => file.path === `${base}/${TRUST_POLICY_FILE}`);
    const s3 = generated.find((file) => file.path === `${base}/${S3_POLICY_FILE}`);
    return [
      `Trust policy of role ${binding.roleName} (who may assume it):`,
      trust?.content ?? '',
      `S3 policy ${binding.policyName} (what it may do):`,
      s3?.content ?? '',
    ];
  });
  return ['', 'Files to write:', ...fileList(generated, scaffold.map((file) => file.path), dir), '', ...documents].join('\n');
}

/** Project files that were already there, and stay as they were. */
export function keptList(report: WriteReport, dir: string): string[] {
  if (report.kept.length === 0) return [];
  return ['Kept (already there, not changed):', ...report.kept.map((file) => `  ${join(dir, file.path)}: ${file.reason}`)];
}

export function writeWarnings(report: WriteReport, dir: string, shownDir: string): string[] {
  const leftovers = report.leftovers.map((cluster) => {
    const module = join(shownDir, GENERATED_DIR_NAME, cluster);
    return (
      `${module}/ is no longer generated (the config has no cluster ${cluster}), but it holds files create-irsa did not write, ` +
      `kept as they were (Terraform state?). Destroy or move what that state manages, then delete ${module}/.`
    );
  });
  return [...leftovers, ...keptFileAdvice(dir, report.kept.map((file) => file.path))];
}

/** What was written (unless the summary already listed it), and what to do next. */
export function nextSteps(plan: ClusterPlan, files: readonly string[], dir: string): string {
  const { config } = plan;
  const module = join(GENERATED_DIR_NAME, config.cluster.name);
  const elsewhere = plan.bindings.filter(({ binding, identity }) => !binding.createServiceAccount && identity.annotatesServiceAccount);
  return [
    files.length > 0 ? `Wrote ${dir}:` : `Wrote ${dir}.`,
    ...files,
    '',
    'Next steps:',
    ...(dir === '.' ? [] : [`  cd ${shellWord(dir)}`]),
    `  review ${module}/policies/, then commit the project`,
    '  npm install',
    `  npx cdktf deploy ${config.cluster.name}`,
    'or, with plain Terraform (no Node needed):',
    `  terraform -chdir=${module} init && terraform -chdir=${module} apply`,
    ...elsewhere.flatMap(({ binding, blockName }) => [
      `Service account ${binding.namespace}/${binding.serviceAccount} is created by your chart or manifests: put this annotation on it`,
      `  terraform -chdir=${module} output -json ${bindingOutputName(blockName, 'serviceAccountAnnotations')}`,
    ]),
    ...(plan.usesPodIdentity
      ? [
          `EKS Pod Identity needs the eks-pod-identity-agent add-on on cluster ${config.cluster.name}:`,
          `  aws eks create-addon --cluster-name ${config.cluster.name} --addon-name eks-pod-identity-agent --region ${config.region}`,
        ]
      : []),
    '',
  ].join('\n');
}
