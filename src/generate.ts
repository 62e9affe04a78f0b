/**
 * The whole generation, from a validated config to the files of `generated/`:
 * plan (names and policy documents) → CDKTF stack → synthesized JSON → module files, written as
 * Terraform JSON or as HCL.
 */
import { IrsaConfig } from './config/irsa-config';
import { planCluster } from './plan/cluster-plan';
import { PolicyTemplates } from './policies/policy-templates';
import { clusterModuleFiles, GeneratedFile, TerraformFormat } from './synth/module-files';
import { synthesizeClusterStack } from './synth/synthesize-stack';

export function generateModules(config: IrsaConfig, templates: PolicyTemplates, format: TerraformFormat = 'json'): GeneratedFile[] {
  const plan = planCluster(config, templates);
  return clusterModuleFiles(plan, synthesizeClusterStack(plan), format);
}
