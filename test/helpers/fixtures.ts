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

export function tempDir(label = 'create-irsa-test-'): string {
  return mkdtempSync(join(tmpdir(), label));
}
