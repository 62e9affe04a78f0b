/**
 * Which config changes count as widening access: the changes for which the confirmation to write
 * defaults to No.
 */
import { IrsaConfig } from '../../src/config/irsa-config';
import { parseConfig } from '../../src/config/parse-config';
import { summarizeChanges } from '../../src/review/change-summary';
import { validRawBinding, validRawConfig } from '../helpers/fixtures';

const BOUNDARY = 'arn:aws:iam::111122223333:policy/boundary';
const OTHER_BOUNDARY = 'arn:aws:iam::111122223333:policy/other-boundary';
const OTHER_ISSUER = 'https://oidc.eks.eu-west-1.amazonaws.com/id/FEDCBA9876543210FEDCBA9876543210';

const config = (overrides: Parameters<typeof validRawConfig>[0] = {}): IrsaConfig => parseConfig(validRawConfig(overrides)).config;

describe('summarizeChanges: what widens access', () => {
  it.each<[string, IrsaConfig, IrsaConfig]>([
    ['the project permissions boundary removed', config({ role: { permissionsBoundary: BOUNDARY } }), config()],
    ['the project permissions boundary replaced', config({ role: { permissionsBoundary: BOUNDARY } }), config({ role: { permissionsBoundary: OTHER_BOUNDARY } })],
    [
      "a binding's permissions boundary removed",
      config({ bindings: [validRawBinding({ role: { permissionsBoundary: BOUNDARY } })] }),
      config(),
    ],
    ['longer sessions than IAM default', config(), config({ role: { maxSessionDuration: 7200 } })],
    ['longer sessions than before', config({ role: { maxSessionDuration: 7200 } }), config({ role: { maxSessionDuration: 43200 } })],
    ['another OIDC issuer', config(), config({ cluster: { oidcIssuer: OTHER_ISSUER } })],
    ['another cluster', config(), config({ cluster: { name: 'payments-2' } })],
  ])('GIVEN %s THEN the change widens access', (_, before, after) => {
    expect(summarizeChanges(before, after).widens).toBe(true);
  });

  it.each<[string, IrsaConfig, IrsaConfig]>([
    ['a permissions boundary added', config(), config({ role: { permissionsBoundary: BOUNDARY } })],
    ['shorter sessions', config({ role: { maxSessionDuration: 7200 } }), config()],
    [
      'a project boundary removed where the binding sets its own',
      config({ role: { permissionsBoundary: BOUNDARY }, bindings: [validRawBinding({ role: { permissionsBoundary: BOUNDARY } })] }),
      config({ bindings: [validRawBinding({ role: { permissionsBoundary: BOUNDARY } })] }),
    ],
    ['another role path', config(), config({ role: { path: '/irsa/' } })],
    ['other tags', config(), config({ tags: { team: 'payments' } })],
  ])('GIVEN %s THEN the change does not widen access', (_, before, after) => {
    expect(summarizeChanges(before, after).widens).toBe(false);
  });

  it('GIVEN a boundary removed THEN the summary names it', () => {
    const summary = summarizeChanges(config({ role: { permissionsBoundary: BOUNDARY } }), config());
    expect(summary.lines).toEqual([`project: role permissionsBoundary ${BOUNDARY} -> (none)`]);
  });
});
