/**
 * Answers given as flags or in the wizard describe one binding. Aimed at an existing project,
 * they add that binding to it (or replace the binding of the same service account), so the
 * project's other bindings, and the roles Terraform manages for them, are never dropped.
 */
import { formatConfig } from '../config/config-file';
import { IrsaConfig } from '../config/irsa-config';
import { InvalidConfigError } from '../config/invalid-config-error';
import { parseConfig } from '../config/parse-config';
import { AnswerValue } from './wizard';

export interface AddedBinding {
  readonly config: IrsaConfig;
  /** What happened to the project, for the user: added, or replaced. */
  readonly change: string;
}

/** The cluster-level answers a project holds, by flag name, to default the wizard's questions. */
export function projectClusterAnswers(existing: IrsaConfig): Map<string, AnswerValue> {
  return new Map<string, AnswerValue>([
    ['region', existing.region],
    ['cluster', existing.cluster.name],
    ['oidc-issuer', existing.cluster.oidcIssuer ?? ''],
    ['create-oidc-provider', existing.cluster.createOidcProvider],
  ]);
}

export function addBinding(existing: IrsaConfig, answered: IrsaConfig, projectDir: string): AddedBinding {
  if (existing.region !== answered.region || existing.cluster.name !== answered.cluster.name) {
    throw new InvalidConfigError(
      [
        {
          field: 'cluster.name',
          message:
            `${projectDir} is the project of EKS cluster ${existing.cluster.name} in ${existing.region}; these answers are for ` +
            `${answered.cluster.name} in ${answered.region}. A project holds one cluster: choose another folder. Example: ${answered.cluster.name}-irsa`,
        },
      ],
      'flags',
    );
  }
  const [binding] = answered.bindings;
  const index = existing.bindings.findIndex(
    (candidate) => candidate.namespace === binding.namespace && candidate.serviceAccount === binding.serviceAccount,
  );
  const bindings = index < 0 ? [...existing.bindings, binding] : existing.bindings.map((candidate, i) => (i === index ? binding : candidate));
  const subject = `${binding.namespace}/${binding.serviceAccount}`;
  const others = existing.bindings.length - (index < 0 ? 0 : 1);
  const change =
    index < 0
      ? `adds the binding of ${subject} to the ${others} already in ${projectDir}`
      : `replaces the binding of ${subject} in ${projectDir}${others > 0 ? `, keeping the ${others} other(s)` : ''}`;
  // Re-validated as a whole: the new binding's IAM names must not collide with the others'.
  const { config } = parseConfig(JSON.parse(formatConfig({ ...answered, bindings })), 'flags');
  return { config, change };
}
