/**
 * Judges generated policies with an independent IAM simulator (@cloud-copilot/iam-simulate),
 * after resolving the Terraform references in them the way Terraform would.
 */
import { runSimulation } from '@cloud-copilot/iam-simulate';

export const ACCOUNT_ID = '111122223333';

type Document = Record<string, unknown>;

/**
 * Evaluates a document as Terraform would hand it to AWS: `${expr}` replaced by `values[expr]`,
 * then `$${` and `%%{` unescaped. An unknown reference is an error, never a guess.
 */
export function resolveTerraformReferences(document: unknown, values: Record<string, string>): Document {
  const resolve = (text: string) =>
    text.replace(/(\$?)\$\{([^}]*)\}|%%\{/g, (match, escaped: string, expression: string) => {
      if (match === '%%{') return '%{';
      if (escaped) return `\${${expression}}`;
      if (!(expression in values)) throw new Error(`unresolved Terraform reference \${${expression}}`);
      return values[expression];
    });
  const walk = (value: unknown): unknown => {
    if (typeof value === 'string') return resolve(value);
    if (Array.isArray(value)) return value.map(walk);
    if (value && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([key, item]) => [resolve(key), walk(item)]));
    }
    return value;
  };
  return walk(document) as Document;
}

/**
 * iam-simulate accepts, for sts:AssumeRoleWithWebIdentity, only the condition keys of the identity
 * providers it knows (accounts.google.com, cognito-identity.amazonaws.com, ...) and drops any
 * other, such as an EKS issuer's. The tests therefore rename issuers to known provider names,
 * one-to-one and the same way in the policy and in the request, so the simulator evaluates
 * exactly the same conditions. (Two distinct issuers per evaluation are enough for every test.)
 */
const PROVIDER_ALIASES = ['accounts.google.com', 'cognito-identity.amazonaws.com'];

class IssuerAliases {
  private readonly aliases = new Map<string, string>();

  key(conditionKey: string): string {
    const colon = conditionKey.lastIndexOf(':');
    if (colon < 0 || conditionKey.startsWith('aws:') || conditionKey.startsWith('sts:')) return conditionKey;
    return `${this.alias(conditionKey.slice(0, colon))}${conditionKey.slice(colon)}`;
  }

  private alias(issuerHost: string): string {
    let alias = this.aliases.get(issuerHost);
    if (!alias) {
      alias = PROVIDER_ALIASES[this.aliases.size];
      if (!alias) throw new Error('more distinct issuers than provider aliases in one evaluation');
      this.aliases.set(issuerHost, alias);
    }
    return alias;
  }

  renameConditionKeys(document: Document): Document {
    const statements = (document.Statement as Array<Record<string, unknown>>).map((statement) => {
      if (!statement.Condition) return statement;
      const condition = Object.fromEntries(
        Object.entries(statement.Condition as Record<string, Record<string, unknown>>).map(([operator, entries]) => [
          operator,
          Object.fromEntries(Object.entries(entries).map(([key, value]) => [this.key(key), value])),
        ]),
      );
      return { ...statement, Condition: condition };
    });
    return { ...document, Statement: statements };
  }
}

async function simulate(simulation: Parameters<typeof runSimulation>[0]): Promise<boolean> {
  const response = await runSimulation(simulation, {});
  if (response.resultType === 'error') throw new Error(`iam-simulate rejected the request: ${JSON.stringify(response.errors)}`);
  if (response.resultType !== 'single') throw new Error(`unexpected iam-simulate result ${response.resultType}`);
  if (response.result.ignoredContextKeys?.length) {
    throw new Error(`iam-simulate ignored context keys ${response.result.ignoredContextKeys.join(', ')}`);
  }
  return response.overallResult === 'Allowed';
}

export interface WebIdentityRequest {
  /** The OIDC provider the token was federated through. */
  readonly providerArn: string;
  /** Issuer without scheme, as in condition keys. */
  readonly issuerHost: string;
  readonly sub?: string;
  readonly aud?: string;
}

/** Would `sts:AssumeRoleWithWebIdentity` on a role with this trust policy be allowed? */
export function trustAllows(trustPolicy: Document, request: WebIdentityRequest): Promise<boolean> {
  const aliases = new IssuerAliases();
  const context: Record<string, string> = {};
  if (request.sub !== undefined) context[aliases.key(`${request.issuerHost}:sub`)] = request.sub;
  if (request.aud !== undefined) context[aliases.key(`${request.issuerHost}:aud`)] = request.aud;
  return simulate({
    identityPolicies: [],
    serviceControlPolicies: [],
    resourceControlPolicies: [],
    resourcePolicy: aliases.renameConditionKeys(trustPolicy),
    request: {
      action: 'sts:AssumeRoleWithWebIdentity',
      principal: request.providerArn,
      resource: { accountId: ACCOUNT_ID, resource: `arn:aws:iam::${ACCOUNT_ID}:role/irsa` },
      contextVariables: context,
    },
  });
}

/** The session tags EKS Pod Identity puts on every request (docs.aws.amazon.com/eks/latest/userguide/pod-id-abac.html). */
export const POD_IDENTITY_TAG_KEYS = [
  'eks-cluster-arn',
  'eks-cluster-name',
  'kubernetes-namespace',
  'kubernetes-service-account',
  'kubernetes-pod-name',
  'kubernetes-pod-uid',
] as const;

export interface PodIdentityRequest {
  /** `sts:AssumeRole` or `sts:TagSession`, the two calls the EKS Auth service makes. */
  readonly action: string;
  /** The service principal making the call: `pods.eks.amazonaws.com` for Pod Identity. */
  readonly principalService: string;
  /** The session tags of the request, by key (`kubernetes-namespace`); each becomes `aws:RequestTag/<key>`. */
  readonly tags: Readonly<Record<string, string>>;
}

/**
 * Would a call of the EKS Pod Identity kind be allowed on a role with this trust policy? Issuer
 * condition keys of IRSA statements in the same policy are renamed as for trustAllows, so a
 * policy trusting both is evaluated whole.
 */
export function podIdentityAllows(trustPolicy: Document, request: PodIdentityRequest): Promise<boolean> {
  const aliases = new IssuerAliases();
  const context: Record<string, string | string[]> = Object.fromEntries(
    Object.entries(request.tags).map(([key, value]) => [`aws:RequestTag/${key}`, value]),
  );
  if (Object.keys(request.tags).length > 0) context['aws:TagKeys'] = Object.keys(request.tags);
  return simulate({
    identityPolicies: [],
    serviceControlPolicies: [],
    resourceControlPolicies: [],
    resourcePolicy: aliases.renameConditionKeys(trustPolicy),
    request: {
      action: request.action,
      principal: request.principalService,
      resource: { accountId: ACCOUNT_ID, resource: `arn:aws:iam::${ACCOUNT_ID}:role/irsa` },
      contextVariables: context,
    },
  });
}

/** Would a role with this identity policy be allowed `action` on `resource`? */
export function s3Allows(policy: Document, action: string, resource: string, context: Record<string, string> = {}): Promise<boolean> {
  return simulate({
    identityPolicies: [{ name: 'irsa', policy }],
    serviceControlPolicies: [],
    resourceControlPolicies: [],
    request: {
      action,
      principal: `arn:aws:sts::${ACCOUNT_ID}:assumed-role/irsa/session`,
      resource: { accountId: ACCOUNT_ID, resource },
      contextVariables: context,
    },
  });
}

/**
 * The key policy AWS gives a new KMS key by default: it delegates to IAM, so the role's identity
 * policy alone decides. (Without a key policy that allows it, KMS denies every request.)
 */
function defaultKeyPolicy(keyArn: string): Document {
  const [, partition, , , account] = keyArn.split(':');
  return {
    Version: '2012-10-17',
    Statement: [{ Sid: 'EnableIamPolicies', Effect: 'Allow', Principal: { AWS: `arn:${partition}:iam::${account}:root` }, Action: 'kms:*', Resource: '*' }],
  };
}

/**
 * Would a role with this identity policy be allowed the KMS `action` on `keyArn`, in the key's
 * account, with the default key policy? `viaService` is the `kms:ViaService` of the request
 * (`s3.eu-west-1.amazonaws.com` when S3 calls KMS on the role's behalf), or none for a direct call.
 */
export function kmsAllows(policy: Document, action: string, keyArn: string, viaService?: string): Promise<boolean> {
  const [, partition, , , account] = keyArn.split(':');
  return simulate({
    identityPolicies: [{ name: 'irsa', policy }],
    serviceControlPolicies: [],
    resourceControlPolicies: [],
    resourcePolicy: defaultKeyPolicy(keyArn),
    request: {
      action,
      principal: `arn:${partition}:sts::${account}:assumed-role/irsa/session`,
      resource: { accountId: account, resource: keyArn },
      contextVariables: viaService === undefined ? {} : { 'kms:ViaService': viaService },
    },
  });
}
