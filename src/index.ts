/**
 * create-irsa as a library, for CDKTF apps that build IRSA stacks from a create-irsa project.
 */
export * from './config/irsa-config';
export { parseConfig } from './config/parse-config';
export type { ParsedConfig, NormalizationNote } from './config/parse-config';
export { InvalidConfigError } from './config/invalid-config-error';
export type { ConfigIssue } from './config/invalid-config-error';
export { readConfigFile, formatConfig, ConfigFileError } from './config/config-file';
export * from './config/field-rules';
export { loadPolicyTemplates } from './policies/policy-templates';
export type { PolicyTemplates, PolicyTemplate } from './policies/policy-templates';
export { renderTrustPolicy, renderS3Policy } from './policies/policy-documents';
export { planCluster } from './plan/cluster-plan';
export type { ClusterPlan, BindingPlan } from './plan/cluster-plan';
export { IrsaClusterStack } from './stacks/irsa-cluster-stack';
export { IrsaBinding } from './constructs/irsa-binding';
export { EksOidcProvider } from './constructs/eks-oidc-provider';
export { addIrsaStacks } from './synth/add-irsa-stacks';
export { loadProject } from './project/load-project';
export { generateModules } from './generate';
