/**
 * A binding that moves from IRSA straight to EKS Pod Identity (or back) loses the old trust in the
 * same apply that sets up the new one: nothing shows the new way works before the old is gone, and
 * running pods, which keep the kind of credentials they started with, cannot renew them. The
 * README's migration goes through `both`; this says so when a change skips it.
 */
import { BindingConfig, IdentityKind, IrsaConfig } from '../config/irsa-config';

const subjectOf = (binding: BindingConfig) => `${binding.namespace}/${binding.serviceAccount}`;
const NAMES: Readonly<Record<IdentityKind, string>> = { irsa: 'IRSA', 'pod-identity': 'EKS Pod Identity', both: 'both' };

/** One warning per binding whose identity changes from one single kind to the other. */
export function directIdentitySwitches(before: IrsaConfig | undefined, after: IrsaConfig): string[] {
  if (!before) return [];
  const old = new Map(before.bindings.map((binding) => [subjectOf(binding), binding.identity ?? before.cluster.identity]));
  return after.bindings.flatMap((binding) => {
    const from = old.get(subjectOf(binding));
    const to = binding.identity ?? after.cluster.identity;
    if (from === undefined || from === to || from === 'both' || to === 'both') return [];
    const subject = subjectOf(binding);
    return [
      `${subject} moves from ${NAMES[from]} straight to ${NAMES[to]}: one apply removes the ${NAMES[from]} trust and sets up ` +
        `${NAMES[to]}, so nothing shows that ${NAMES[to]} works before ${NAMES[from]} is gone, and pods running now cannot renew ` +
        `their credentials until they restart. Safer: set "identity": "both" on the binding and apply, check that the workload ` +
        `still reaches S3, then set "${to}", apply and restart its pods at once ` +
        `(README: Moving a workload from IRSA to Pod Identity without downtime).`,
    ];
  });
}
