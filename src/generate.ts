/**
 * The whole generation, from a validated config to the files of `generated/`:
 * plan (names and policy documents) → CDKTF stack → synthesized JSON → module files, written as
 * Terraform JSON or as HCL.
 */
import { IrsaConfig } from './config/irsa-config';
import { ClusterPlan, planCluster } from './plan/cluster-plan';
import { PolicyTemplates } from './policies/policy-templates';
import { clusterModuleFiles, GeneratedFile, TerraformFormat } from './synth/module-files';
import { synthesizeClusterStack } from './synth/synthesize-stack';

export function generateModules(config: IrsaConfig, templates: PolicyTemplates, format: TerraformFormat = config.format): GeneratedFile[] {
  return generateProject(config, templates, format).files;
}

/** The plan too, for callers that explain the files (which binding a difference belongs to). */
export function generateProject(
  config: IrsaConfig,
  templates: PolicyTemplates,
  format: TerraformFormat = config.format,
): { readonly plan: ClusterPlan; readonly files: GeneratedFile[] } {
  const plan = planCluster(config, templates);
  return { plan, files: clusterModuleFiles(plan, synthesizeClusterStack(plan), format) };
}
