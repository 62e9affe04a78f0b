/**
 * How pods of a service account come by the role's credentials. Each identity kind answers, for a
 * binding: which trust statements the role gets, whether the ServiceAccount carries the role-arn
 * annotation, and whether an EKS Pod Identity association is created. The plan and the stack ask
 * these questions; they never test the kind themselves.
 */
import { IdentityKind } from '../config/irsa-config';
import { PolicyTemplates } from '../policies/policy-templates';

/** One way of assuming the role: a source of trust statements and of what goes with them. */
export interface TrustSource {
  readonly name: string;
  /** The template of its trust statements. */
  readonly template: keyof Pick<PolicyTemplates, 'trust' | 'podIdentityTrust'>;
  /** Needs the cluster's IAM OIDC provider and issuer. */
  readonly usesOidcProvider: boolean;
  /** The ServiceAccount carries `eks.amazonaws.com/role-arn`, which the EKS webhook turns into a web identity token. */
  readonly annotatesServiceAccount: boolean;
  /** An `aws_eks_pod_identity_association` ties the service account to the role. */
  readonly associatesPodIdentity: boolean;
}

const IRSA: TrustSource = {
  name: 'IRSA',
  template: 'trust',
  usesOidcProvider: true,
  annotatesServiceAccount: true,
  associatesPodIdentity: false,
};

const POD_IDENTITY: TrustSource = {
  name: 'EKS Pod Identity',
  template: 'podIdentityTrust',
  usesOidcProvider: false,
  annotatesServiceAccount: false,
  associatesPodIdentity: true,
};

const SOURCES: Readonly<Record<IdentityKind, readonly TrustSource[]>> = {
  irsa: [IRSA],
  'pod-identity': [POD_IDENTITY],
  // Moving between the two: the role trusts both until the workload runs on Pod Identity alone.
  both: [IRSA, POD_IDENTITY],
};

/** What one binding's identity means for the resources generated. */
export interface BindingIdentityPlan {
  readonly kind: IdentityKind;
  readonly sources: readonly TrustSource[];
  readonly usesOidcProvider: boolean;
  readonly annotatesServiceAccount: boolean;
  readonly associatesPodIdentity: boolean;
  /** How the role is assumed, in words, e.g. `IRSA role` or `IRSA and EKS Pod Identity role`. */
  readonly roleKind: string;
}

export function identityPlan(kind: IdentityKind): BindingIdentityPlan {
  const sources = SOURCES[kind];
  return {
    kind,
    sources,
    usesOidcProvider: sources.some((source) => source.usesOidcProvider),
    annotatesServiceAccount: sources.some((source) => source.annotatesServiceAccount),
    associatesPodIdentity: sources.some((source) => source.associatesPodIdentity),
    roleKind: `${sources.map((source) => source.name).join(' and ')} role`,
  };
}
