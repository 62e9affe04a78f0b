import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const ISSUER = 'https://oidc.eks.eu-west-1.amazonaws.com/id/0123456789ABCDEF0123456789ABCDEF';
export const ISSUER_HOST = 'oidc.eks.eu-west-1.amazonaws.com/id/0123456789ABCDEF0123456789ABCDEF';

export interface RawBinding {
  [key: string]: unknown;
}

/** A valid raw config (as a user would write it), with overrides merged in. */
export function validRawConfig(
  overrides: { region?: unknown; cluster?: Record<string, unknown>; bindings?: RawBinding[] } & Record<string, unknown> = {},
): Record<string, unknown> {
  const { cluster, bindings, ...rest } = overrides;
  return {
    region: 'eu-west-1',
    cluster: { name: 'payments', oidcIssuer: ISSUER, createOidcProvider: true, ...cluster },
    bindings: bindings ?? [validRawBinding()],
    ...rest,
  };
}

export function validRawBinding(overrides: RawBinding = {}): RawBinding {
  return {
    namespace: 'billing',
    serviceAccount: 'invoice-exporter',
    bucket: 'acme-invoices',
    prefix: 'exports/',
    access: 'read',
    ...overrides,
  };
}

/** A KMS key in the region of validRawConfig(). */
export const KMS_KEY = 'arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';

/** One S3 grant, as written in a binding's `s3` list. */
export function validRawGrant(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { bucket: 'acme-invoices', prefix: 'exports/', access: 'read', ...overrides };
}

/** A binding with an `s3` list instead of the one-grant shorthand. */
export function validRawGrantsBinding(grants: Array<Record<string, unknown>>, overrides: RawBinding = {}): RawBinding {
  return { namespace: 'billing', serviceAccount: 'invoice-exporter', s3: grants, ...overrides };
}

export const CONTRACT_ISSUER = 'https://oidc.eks.eu-central-1.amazonaws.com/id/0123456789ABCDEF0123456789ABCDEF';
export const CONTRACT_KMS_KEY = 'arn:aws:kms:eu-central-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';

/**
 * The example of every setting at once: several grants, a KMS key, a service account created
 * elsewhere, role settings with a per-binding override, tags and an S3 backend.
 */
export function contractExample(): Record<string, unknown> {
  return {
    region: 'eu-central-1',
    cluster: { name: 'analytics', oidcIssuer: CONTRACT_ISSUER, createOidcProvider: false },
    backend: { s3: { bucket: 'acme-tfstate', key: 'irsa/analytics.tfstate', region: 'eu-central-1' } },
    tags: { team: 'data', 'cost-center': 'cc-42' },
    role: { path: '/irsa/', permissionsBoundary: 'arn:aws:iam::111122223333:policy/boundary', maxSessionDuration: 7200 },
    bindings: [
      {
        namespace: 'etl',
        serviceAccount: 'loader',
        s3: [
          { bucket: 'acme-raw', prefix: 'landing/', access: 'read' },
          { bucket: 'acme-curated', prefix: 'tables/', access: 'read-write', kmsKey: CONTRACT_KMS_KEY },
        ],
      },
      {
        namespace: 'bi',
        serviceAccount: 'dashboards',
        createServiceAccount: false,
        s3: [{ bucket: 'acme-curated', prefix: 'tables/reports/', access: 'read' }],
        role: { maxSessionDuration: 3600 },
      },
    ],
  };
}

export function tempDir(label = 'create-irsa-test-'): string {
  return mkdtempSync(join(tmpdir(), label));
}
