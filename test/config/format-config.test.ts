/**
 * irsa.config.json as create-irsa writes it: the normalized config, re-readable to the same
 * config, with the keys of the first release always written and newer keys only when they are
 * not at their default (so an existing project's file is never rewritten by an upgrade).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatConfig } from '../../src/config/format-config';
import { parseConfig } from '../../src/config/parse-config';
import { generateModules } from '../../src/generate';
import { loadPolicyTemplates } from '../../src/policies/policy-templates';
import { CONTRACT_ISSUER, CONTRACT_KMS_KEY, contractExample, KMS_KEY, validRawBinding, validRawConfig, validRawGrant, validRawGrantsBinding } from '../helpers/fixtures';

const templates = loadPolicyTemplates();

describe('formatConfig', () => {
  it('GIVEN the example of every setting THEN parse → format → parse gives the same config, and formatting again the same bytes', () => {
    const first = parseConfig(contractExample()).config;
    const text = formatConfig(first);
    const second = parseConfig(JSON.parse(text));
    expect(second.config).toEqual(first);
    expect(second.notes).toEqual([]);
    expect(formatConfig(second.config)).toBe(text);
    expect(generateModules(second.config, templates)).toEqual(generateModules(first, templates));
  });

  it('GIVEN the example of every setting THEN every default is written out where the first release did, and the rest only when set', () => {
    expect(JSON.parse(formatConfig(parseConfig(contractExample()).config))).toEqual({
      region: 'eu-central-1',
      cluster: { name: 'analytics', oidcIssuer: CONTRACT_ISSUER, createOidcProvider: false },
      backend: { s3: { bucket: 'acme-tfstate', key: 'irsa/analytics.tfstate', region: 'eu-central-1', encrypt: true, useLockfile: true } },
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
          roleName: 'analytics-etl-loader',
          policyName: 'analytics-etl-loader-s3',
          createNamespace: false,
        },
        {
          namespace: 'bi',
          serviceAccount: 'dashboards',
          // One plain grant is written in the shorthand of the first release.
          bucket: 'acme-curated',
          prefix: 'tables/reports/',
          access: 'read',
          roleName: 'analytics-bi-dashboards',
          policyName: 'analytics-bi-dashboards-s3',
          createNamespace: false,
          createServiceAccount: false,
          role: { maxSessionDuration: 3600 },
        },
      ],
    });
  });

  it("GIVEN the repository's irsa.config.json, written by the first release THEN it is written back byte for byte", () => {
    const text = readFileSync(join(__dirname, '../../irsa.config.json'), 'utf8');
    expect(formatConfig(parseConfig(JSON.parse(text)).config)).toBe(text);
  });

  it('GIVEN newer keys at their defaults THEN the file is what the first release wrote', () => {
    const plain = formatConfig(parseConfig(validRawConfig()).config);
    const spelledOut = validRawConfig({
      cluster: { identity: 'irsa' },
      format: 'json',
      tags: {},
      role: {},
      bindings: [validRawBinding({ createServiceAccount: true, role: {} })],
    });
    expect(formatConfig(parseConfig(spelledOut).config)).toBe(plain);
    expect(formatConfig(parseConfig(validRawConfig({ bindings: [validRawGrantsBinding([validRawGrant()])] })).config)).toBe(plain);
  });

  it('GIVEN one grant with a KMS key THEN it stays in the s3 list, the shorthand has no kmsKey', () => {
    const written = JSON.parse(formatConfig(parseConfig(validRawConfig({ bindings: [validRawGrantsBinding([validRawGrant({ kmsKey: KMS_KEY })])] })).config));
    expect(written.bindings[0].s3).toEqual([{ bucket: 'acme-invoices', prefix: 'exports/', access: 'read', kmsKey: KMS_KEY }]);
    expect(written.bindings[0]).not.toHaveProperty('bucket');
  });

  it('GIVEN a DynamoDB lock table THEN the lock choice is written out, so reading it back keeps it', () => {
    const { config } = parseConfig(validRawConfig({ backend: { s3: { bucket: 'acme-tfstate', key: 'k.tfstate', dynamodbTable: 'terraform-locks' } } }));
    const written = JSON.parse(formatConfig(config));
    expect(written.backend).toEqual({ s3: { bucket: 'acme-tfstate', key: 'k.tfstate', region: 'eu-west-1', encrypt: true, useLockfile: false, dynamodbTable: 'terraform-locks' } });
    expect(parseConfig(written).config).toEqual(config);
  });
});
