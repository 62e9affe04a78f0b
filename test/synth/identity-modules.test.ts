/**
 * Modules of projects that mix IRSA, EKS Pod Identity and both, synthesized by cdktf and read back:
 * exactly the resources each binding's identity calls for, the ServiceAccount annotated only where
 * IRSA needs it, an association only where Pod Identity needs it, the agent check when any binding
 * uses Pod Identity, nothing about OIDC when none uses IRSA, and the HCL format saying the same.
 */
import { IdentityKind, IrsaConfig } from '../../src/config/irsa-config';
import { parseConfig } from '../../src/config/parse-config';
import { generateModules } from '../../src/generate';
import { planCluster } from '../../src/plan/cluster-plan';
import { loadPolicyTemplates } from '../../src/policies/policy-templates';
import { clusterModuleFiles } from '../../src/synth/module-files';
import { synthesizeClusterStack } from '../../src/synth/synthesize-stack';
import { ISSUER, RawBinding, validRawBinding, validRawConfig } from '../helpers/fixtures';
import { parseHclModule, providerSchemaBlocks, toHcl2JsonShape } from '../helpers/hcl-equivalence';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const templates = loadPolicyTemplates();

/** One binding of a test project, and what its identity should bring. */
interface Binding {
  readonly namespace: string;
  readonly serviceAccount: string;
  /** As written in the config; undefined inherits cluster.identity. */
  readonly identity?: IdentityKind;
  /** The identity it ends up with. */
  readonly effective: IdentityKind;
  readonly createServiceAccount: boolean;
  readonly createNamespace?: boolean;
}

const blockName = (binding: Binding) => `${binding.namespace}_${binding.serviceAccount}`.replace(/-/g, '_');
const usesIrsa = (binding: Binding) => binding.effective !== 'pod-identity';
const usesPodIdentity = (binding: Binding) => binding.effective !== 'irsa';

function configOf(cluster: Record<string, unknown>, bindings: readonly Binding[]): IrsaConfig {
  const raw = bindings.map(
    (binding): RawBinding =>
      validRawBinding({
        namespace: binding.namespace,
        serviceAccount: binding.serviceAccount,
        createServiceAccount: binding.createServiceAccount,
        ...(binding.identity === undefined ? {} : { identity: binding.identity }),
        ...(binding.createNamespace ? { createNamespace: true } : {}),
      }),
  );
  return parseConfig(validRawConfig({ cluster, bindings: raw })).config;
}

interface Project {
  readonly cluster: Record<string, unknown>;
  readonly bindings: readonly Binding[];
}

const PROJECTS: Array<[string, Project]> = [
  [
    'IRSA, Pod Identity and both, with and without created service accounts',
    {
      cluster: {},
      bindings: [
        { namespace: 'billing', serviceAccount: 'invoice-exporter', effective: 'irsa', createServiceAccount: true },
        { namespace: 'web', serviceAccount: 'frontend', identity: 'irsa', effective: 'irsa', createServiceAccount: false },
        { namespace: 'bi', serviceAccount: 'dashboards', identity: 'pod-identity', effective: 'pod-identity', createServiceAccount: true },
        { namespace: 'ml', serviceAccount: 'trainer', identity: 'pod-identity', effective: 'pod-identity', createServiceAccount: false },
        { namespace: 'etl', serviceAccount: 'loader', identity: 'both', effective: 'both', createServiceAccount: true, createNamespace: true },
        { namespace: 'ops', serviceAccount: 'auditor', identity: 'both', effective: 'both', createServiceAccount: false },
      ],
    },
  ],
  [
    'cluster.identity pod-identity, one binding overriding to irsa, the issuer read from the cluster',
    {
      cluster: { identity: 'pod-identity', oidcIssuer: undefined, createOidcProvider: false },
      bindings: [
        { namespace: 'bi', serviceAccount: 'dashboards', effective: 'pod-identity', createServiceAccount: true, createNamespace: true },
        { namespace: 'ml', serviceAccount: 'trainer', effective: 'pod-identity', createServiceAccount: false },
        { namespace: 'billing', serviceAccount: 'invoice-exporter', identity: 'irsa', effective: 'irsa', createServiceAccount: true },
      ],
    },
  ],
  [
    'Pod Identity only, with an issuer given and a provider to create',
    {
      cluster: { identity: 'pod-identity', oidcIssuer: ISSUER, createOidcProvider: true },
      bindings: [
        { namespace: 'bi', serviceAccount: 'dashboards', effective: 'pod-identity', createServiceAccount: true },
        { namespace: 'ml', serviceAccount: 'trainer', identity: 'pod-identity', effective: 'pod-identity', createServiceAccount: false },
      ],
    },
  ],
  [
    'Pod Identity only, an existing provider and no issuer',
    {
      cluster: { oidcIssuer: undefined, createOidcProvider: false },
      bindings: [{ namespace: 'bi', serviceAccount: 'dashboards', identity: 'pod-identity', effective: 'pod-identity', createServiceAccount: false }],
    },
  ],
];

const schemaBlocks = providerSchemaBlocks(PROJECTS.map(([, project]) => planCluster(configOf(project.cluster, project.bindings), templates)));

describe.each(PROJECTS)('a project with %s', (_, project) => {
  const config = configOf(project.cluster, project.bindings);
  const plan = planCluster(config, templates);
  const terraform = synthesizeClusterStack(plan) as Json;
  const { bindings } = project;
  const anyIrsa = bindings.some(usesIrsa);
  const anyPodIdentity = bindings.some(usesPodIdentity);
  const namesOf = (record: Json | undefined) => Object.keys(record ?? {}).sort();
  const names = (filter: (binding: Binding) => boolean) => bindings.filter(filter).map(blockName).sort();

  it('GIVEN the bindings THEN it has exactly the resources their identities call for', () => {
    const namespaces = [...new Set(bindings.filter((binding) => binding.createNamespace).map((binding) => binding.namespace))].sort();
    const expected: Json = {
      aws_iam_policy: names(() => true),
      aws_iam_role: names(() => true),
      aws_iam_role_policy_attachment: names(() => true),
      ...(bindings.some(usesPodIdentity) ? { aws_eks_pod_identity_association: names(usesPodIdentity) } : {}),
      ...(bindings.some((binding) => binding.createServiceAccount) ? { kubernetes_service_account_v1: names((binding) => binding.createServiceAccount) } : {}),
      ...(namespaces.length > 0 ? { kubernetes_namespace_v1: namespaces } : {}),
      ...(anyIrsa && config.cluster.createOidcProvider ? { aws_iam_openid_connect_provider: ['this'] } : {}),
    };
    const actual = Object.fromEntries(Object.entries(terraform.resource as Json).map(([type, instances]) => [type, namesOf(instances)]));
    expect(actual).toEqual(expected);
  });

  it('GIVEN each binding THEN its trust policy has the statements of its identity', () => {
    const sids: Record<IdentityKind, string[]> = {
      irsa: ['AssumeRoleFromServiceAccount'],
      'pod-identity': ['AssumeRoleFromPodIdentity'],
      both: ['AssumeRoleFromServiceAccount', 'AssumeRoleFromPodIdentity'],
    };
    for (const binding of bindings) {
      const trust = JSON.parse(terraform.resource.aws_iam_role[blockName(binding)].assume_role_policy);
      expect([blockName(binding), trust.Statement.map((statement: Json) => statement.Sid)]).toEqual([blockName(binding), sids[binding.effective]]);
    }
  });

  it('GIVEN a created ServiceAccount THEN it carries the role-arn annotation exactly when the binding uses IRSA', () => {
    for (const binding of bindings.filter((candidate) => candidate.createServiceAccount)) {
      const name = blockName(binding);
      const metadata = terraform.resource.kubernetes_service_account_v1[name].metadata;
      expect([name, metadata.annotations]).toEqual([name, usesIrsa(binding) ? { 'eks.amazonaws.com/role-arn': `\${aws_iam_role.${name}.arn}` } : undefined]);
    }
  });

  it('GIVEN a Pod Identity binding THEN its association names the cluster, namespace, service account and role, by reference where the module creates them', () => {
    for (const binding of bindings.filter(usesPodIdentity)) {
      const name = blockName(binding);
      expect([name, terraform.resource.aws_eks_pod_identity_association[name]]).toEqual([
        name,
        {
          cluster_name: 'payments',
          namespace: binding.createNamespace ? `\${kubernetes_namespace_v1.${binding.namespace}.metadata[0].name}` : binding.namespace,
          service_account: binding.createServiceAccount ? `\${kubernetes_service_account_v1.${name}.metadata[0].name}` : binding.serviceAccount,
          role_arn: `\${aws_iam_role.${name}.arn}`,
        },
      ]);
    }
  });

  it('GIVEN the bindings THEN each has the outputs of its identity', () => {
    const expected = bindings.flatMap((binding) => {
      const name = blockName(binding);
      return [
        `${name}_policy_arn`,
        `${name}_role_arn`,
        ...(usesPodIdentity(binding) ? [`${name}_pod_identity_association`] : []),
        ...(binding.createServiceAccount ? [`${name}_service_account`] : []),
        ...(!binding.createServiceAccount && usesIrsa(binding) ? [`${name}_service_account_annotations`] : []),
      ];
    });
    expect(namesOf(terraform.output)).toEqual([...expected, ...(anyIrsa ? ['oidc_provider_arn'] : [])].sort());
    for (const binding of bindings.filter(usesPodIdentity)) {
      const name = blockName(binding);
      expect(terraform.output[`${name}_pod_identity_association`]).toEqual({
        description: `ARN of the EKS Pod Identity association of ${binding.namespace}/${binding.serviceAccount}`,
        value: `\${aws_eks_pod_identity_association.${name}.association_arn}`,
      });
    }
    for (const binding of bindings.filter((candidate) => candidate.createServiceAccount)) {
      const { description } = terraform.output[`${blockName(binding)}_service_account`];
      expect(description).toContain(usesIrsa(binding) ? 'annotated with that role' : 'associated with that role through EKS Pod Identity');
    }
  });

  it('GIVEN the bindings THEN the Pod Identity agent check is there exactly when one uses Pod Identity', () => {
    expect(terraform.check).toEqual(
      anyPodIdentity
        ? {
            pod_identity_agent: {
              data: { aws_eks_addon: { pod_identity_agent: { cluster_name: 'payments', addon_name: 'eks-pod-identity-agent' } } },
              assert: [
                {
                  condition: '${data.aws_eks_addon.pod_identity_agent.addon_version != ""}',
                  error_message:
                    'EKS Pod Identity needs the eks-pod-identity-agent add-on (or its agent) on cluster payments: aws eks create-addon --cluster-name payments --addon-name eks-pod-identity-agent --region eu-west-1',
                },
              ],
            },
          }
        : undefined,
    );
  });

  it('GIVEN the bindings THEN the OIDC provider, issuer local and issuer postcondition are there exactly when one uses IRSA', () => {
    const issuerGiven = config.cluster.oidcIssuer !== undefined;
    const providerData = anyIrsa && !config.cluster.createOidcProvider;
    const usesKubernetes = bindings.some((binding) => binding.createServiceAccount || binding.createNamespace);
    expect(namesOf(terraform.data)).toEqual(
      ['aws_eks_cluster', ...(usesKubernetes ? ['aws_eks_cluster_auth'] : []), ...(providerData ? ['aws_iam_openid_connect_provider'] : [])].sort(),
    );
    expect(terraform.locals).toEqual(anyIrsa && !issuerGiven ? { oidc_issuer_host: expect.any(String) } : undefined);
    expect(terraform.data.aws_eks_cluster.this.lifecycle).toEqual(anyIrsa && issuerGiven ? { postcondition: [expect.any(Object)] } : undefined);
    if (!anyIrsa) expect(JSON.stringify(terraform).toLowerCase()).not.toContain('oidc');
  });

  it('GIVEN the same config in HCL THEN it reads back to the same configuration', async () => {
    const hcl = clusterModuleFiles(plan, synthesizeClusterStack(plan), 'hcl');
    expect(await parseHclModule(hcl)).toStrictEqual(toHcl2JsonShape(terraform, schemaBlocks));
  });

  it('GIVEN the JSON format THEN the files hold exactly the synthesized configuration', () => {
    const files = generateModules(config, templates, 'json').filter((file) => file.path.endsWith('.tf.json'));
    expect(Object.assign({}, ...files.map((file) => JSON.parse(file.content)))).toStrictEqual(terraform);
  });
});
