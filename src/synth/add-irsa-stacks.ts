/**
 * For CDKTF apps (this repository's and scaffolded projects' main.ts): adds the stack of a
 * create-irsa project to an App, so `cdktf synth` / `cdktf deploy` build exactly what
 * `generated/` holds.
 */
import { App } from 'cdktf';
import { planCluster } from '../plan/cluster-plan';
import { loadProject } from '../project/load-project';
import { IrsaClusterStack } from '../stacks/irsa-cluster-stack';

export function addIrsaStacks(app: App, projectDir: string): IrsaClusterStack[] {
  const { parsed, templates } = loadProject(projectDir);
  return [new IrsaClusterStack(app, planCluster(parsed.config, templates))];
}
