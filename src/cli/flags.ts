/**
 * The command-line flags. Each field flag maps 1:1 onto a key of a single-binding config; the
 * table drives parsing, the help text and the naming of fields in error messages.
 */

import { FieldName } from '../config/field-specs';

export interface FieldFlag {
  /** Flag name without dashes. */
  readonly name: string;
  /** The text field whose rules apply to the value, if any. */
  readonly field?: FieldName;
  /** Where the value goes in the config, e.g. `bindings[0].namespace`. */
  readonly configKey: string;
  readonly type: 'string' | 'boolean';
  readonly description: string;
  readonly example: string;
}

export const FIELD_FLAGS: readonly FieldFlag[] = [
  {
    name: 'region',
    field: 'region',
    configKey: 'region',
    type: 'string',
    description: 'AWS region of the cluster (default $AWS_REGION, else $AWS_DEFAULT_REGION)',
    example: 'eu-west-1',
  },
  { name: 'cluster', field: 'clusterName', configKey: 'cluster.name', type: 'string', description: 'EKS cluster name', example: 'payments' },
  {
    name: 'oidc-issuer',
    field: 'oidcIssuer',
    configKey: 'cluster.oidcIssuer',
    type: 'string',
    description: "cluster's OIDC issuer URL; omit to read it from the cluster at plan time",
    example: 'https://oidc.eks.eu-west-1.amazonaws.com/id/0123456789ABCDEF0123456789ABCDEF',
  },
  {
    name: 'create-oidc-provider',
    configKey: 'cluster.createOidcProvider',
    type: 'boolean',
    description: "create the cluster's IAM OIDC provider (default); --no-create-oidc-provider reuses the existing one",
    example: '--no-create-oidc-provider',
  },
  { name: 'namespace', field: 'namespace', configKey: 'bindings[0].namespace', type: 'string', description: 'Kubernetes namespace (default "default")', example: 'billing' },
  {
    name: 'service-account',
    field: 'serviceAccount',
    configKey: 'bindings[0].serviceAccount',
    type: 'string',
   
    description: 'Kubernetes service account name',
    example: 'invoice-exporter',
  },
  { name: 'bucket', field: 'bucket', configKey: 'bindings[0].bucket', type: 'string', description: 'S3 bucket name', example: 'acme-invoices' },
  {
    name: 'prefix',
    field: 'prefix',
    configKey: 'bindings[0].prefix',
    type: 'string',
   
    description: 'folder in the bucket; "" grants the whole bucket',
    example: 'exports/',
  },
  { name: 'access', configKey: 'bindings[0].access', type: 'string', description: 'read (default) or read-write', example: 'read-write' },
  {
    name: 'role-name',
    field: 'roleName',
    configKey: 'bindings[0].roleName',
    type: 'string',
    description: 'IAM role name (default <cluster>-<namespace>-<service-account>)',
    example: 'payments-billing-invoice-exporter',
  },
  {
    name: 'policy-name',
    field: 'policyName',
    configKey: 'bindings[0].policyName',
    type: 'string',
    description: 'IAM policy name (default <cluster>-<namespace>-<service-account>-s3)',
    example: 'payments-billing-invoice-exporter-s3',
  },
  {
    name: 'create-namespace',
    configKey: 'bindings[0].createNamespace',
    type: 'boolean',
    description: 'also create the Kubernetes namespace',
    example: '--create-namespace',
  },
];

export interface ControlFlag {
  readonly name: string;
  readonly short?: string;
  readonly type: 'string' | 'boolean';
  readonly description: string;
}

export const CONTROL_FLAGS: readonly ControlFlag[] = [
  { name: 'config', short: 'c', type: 'string', description: 'read the answers from a JSON or YAML config file' },
  { name: 'yes', short: 'y', type: 'boolean', description: 'take the defaults of questions not answered by flags, and write without asking' },
  { name: 'force', type: 'boolean', description: 'write into a non-empty folder that is not a create-irsa project' },
  { name: 'help', short: 'h', type: 'boolean', description: 'show this help' },
  { name: 'version', short: 'v', type: 'boolean', description: 'show the version' },
];

/** `bindings[0].namespace` → `--namespace`, for errors about values that came from flags. */
export function flagForConfigKey(configKey: string): FieldFlag | undefined {
  return FIELD_FLAGS.find((flag) => flag.configKey === configKey);
}
