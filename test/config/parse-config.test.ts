import { InvalidConfigError } from '../../src/config/invalid-config-error';
import { parseConfig } from '../../src/config/parse-config';
import { ISSUER, validRawBinding, validRawConfig } from '../helpers/fixtures';

function issuesOf(raw: unknown): Array<{ field: string; message: string }> {
  try {
    parseConfig(raw);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidConfigError);
    return [...(error as InvalidConfigError).issues];
  }
  throw new Error('expected the config to be rejected');
}

describe('parseConfig', () => {
  it('GIVEN a minimal binding WHEN parsed THEN every default is filled in', () => {
    const { config } = parseConfig({
      region: 'eu-west-1',
      cluster: { name: 'payments' },
      bindings: [{ namespace: 'billing', serviceAccount: 'invoice-exporter', bucket: 'acme-invoices', prefix: 'exports' }],
    });
    expect(config).toEqual({
      region: 'eu-west-1',
      cluster: { name: 'payments', createOidcProvider: true, identity: 'irsa' },
      backend: {},
      tags: {},
      role: {},
      format: 'json',
      bindings: [
        {
          namespace: 'billing',
          serviceAccount: 'invoice-exporter',
          s3: [{ bucket: 'acme-invoices', prefix: 'exports/', access: 'read' }],
          roleName: 'payments-billing-invoice-exporter',
          policyName: 'payments-billing-invoice-exporter-s3',
          createNamespace: false,
          createServiceAccount: true,
          role: {},
        },
      ],
    });
  });

  it.each([
    ['exports', 'exports/'],
    ['/exports/', 'exports/'],
    ['//exports', 'exports/'],
    ['  exports/  ', 'exports/'],
    ['a/b', 'a/b/'],
    ['', ''],
  ])('GIVEN prefix %j THEN it means the folder %j', (prefix, expected) => {
    const { config } = parseConfig(validRawConfig({ bindings: [validRawBinding({ prefix })] }));
    expect(config.bindings[0].s3[0].prefix).toBe(expected);
  });

  it.each([
    [`${ISSUER}/`, ISSUER],
    [` ${ISSUER} `, ISSUER],
    [ISSUER.replace('https://', ''), ISSUER],
  ])('GIVEN issuer %j THEN it is normalized and the change is reported', (oidcIssuer, expected) => {
    const { config, notes } = parseConfig(validRawConfig({ cluster: { oidcIssuer } }));
    expect(config.cluster.oidcIssuer).toBe(expected);
    expect(notes).toEqual([{ field: 'cluster.oidcIssuer', from: oidcIssuer, to: expected }]);
  });

  it('GIVEN a blank issuer THEN the issuer is read from the cluster at plan time', () => {
    const { config } = parseConfig(validRawConfig({ cluster: { oidcIssuer: '  ' } }));
    expect(config.cluster.oidcIssuer).toBeUndefined();
  });

  it('GIVEN values with surrounding whitespace THEN they are trimmed, inner whitespace is still rejected', () => {
    const { config } = parseConfig(validRawConfig({ region: ' eu-west-1\t', bindings: [validRawBinding({ namespace: ' billing ' })] }));
    expect(config.region).toBe('eu-west-1');
    expect(config.bindings[0].namespace).toBe('billing');
    expect(issuesOf(validRawConfig({ bindings: [validRawBinding({ namespace: 'bil ling' })] }))[0].field).toBe('bindings[0].namespace');
  });

  it('GIVEN many mistakes THEN every one is reported at once, each naming its field', () => {
    const issues = issuesOf({
      region: 'Europe',
      cluster: { name: '-payments', oidcIssuer: 'http://x', createOidcProvider: 'yes' },
      bindings: [{ namespace: 'Billing', serviceAccount: 'svc', bucket: 'ab', prefix: 'logs/*', access: 'write', roleName: 'a b' }],
    });
    expect(issues.map((issue) => issue.field)).toEqual([
      'region',
      'cluster.name',
      'cluster.oidcIssuer',
      'cluster.createOidcProvider',
      'bindings[0].namespace',
      'bindings[0].bucket',
      'bindings[0].prefix',
      'bindings[0].access',
      'bindings[0].roleName',
    ]);
    for (const issue of issues) expect(issue.message).toMatch(/Example: /);
  });

  it('GIVEN a missing prefix THEN it is required: the whole bucket must be asked for explicitly', () => {
    const binding = validRawBinding();
    delete binding.prefix;
    expect(issuesOf(validRawConfig({ bindings: [binding] }))).toEqual([
      { field: 'bindings[0].prefix', message: expect.stringContaining('or "" to grant the whole bucket') },
    ]);
  });

  it('GIVEN a prefix of only slashes THEN it is rejected rather than read as the whole bucket', () => {
    expect(issuesOf(validRawConfig({ bindings: [validRawBinding({ prefix: '/' })] }))[0].message).toContain('only slashes');
  });

  it.each([
    [{ regoin: 'eu-west-1' }, 'regoin', 'did you mean "region"?'],
    [{ cluster: { name: 'payments', oidcIssuer: ISSUER, createOidcProvdier: true } }, 'cluster.createOidcProvdier', 'did you mean "createOidcProvider"?'],
    [{ bindings: [validRawBinding({ serviceAcount: 'x' })] }, 'bindings[0].serviceAcount', 'did you mean "serviceAccount"?'],
    [{ bindings: [validRawBinding({ wildcard: true })] }, 'bindings[0].wildcard', 'is not a known setting.'],
  ])('GIVEN the unknown key in %j THEN it is an error, never ignored', (overrides, field, fragment) => {
    const raw = { ...validRawConfig(), ...overrides } as Record<string, unknown>;
    const issue = issuesOf(raw).find((candidate) => candidate.field === field);
    expect(issue?.message).toContain(fragment);
  });

  it.each([
    [[], '(config)', 'must be an object'],
    [{ ...validRawConfig(), region: 42 }, 'region', 'must be a string, got number 42'],
    [{ ...validRawConfig(), bindings: [] }, 'bindings', 'non-empty list'],
    [{ ...validRawConfig(), bindings: {} }, 'bindings', 'non-empty list'],
    [{ ...validRawConfig(), cluster: 'payments' }, 'cluster', 'must be an object'],
    [validRawConfig({ bindings: [validRawBinding({ createNamespace: 'true' })] }), 'bindings[0].createNamespace', 'must be true or false'],
    [validRawConfig({ bindings: [validRawBinding({ prefix: null })] }), 'bindings[0].prefix', 'must be a string, got null'],
  ])('GIVEN a value of the wrong type THEN it is named (%#)', (raw, field, fragment) => {
    const issues = issuesOf(raw);
    expect(issues.find((candidate) => candidate.field === field)?.message).toContain(fragment);
  });

  it('GIVEN the same service account twice THEN the second binding is an error naming the first', () => {
    const issues = issuesOf(validRawConfig({ bindings: [validRawBinding(), validRawBinding({ bucket: 'other-bucket' })] }));
    expect(issues).toEqual([{ field: 'bindings[1]', message: expect.stringContaining('already in bindings[0]') }]);
  });

  it('GIVEN two bindings with the same role name (IAM ignores case) THEN it is an error', () => {
    const issues = issuesOf(
      validRawConfig({
        bindings: [validRawBinding({ roleName: 'Shared' }), validRawBinding({ serviceAccount: 'other', roleName: 'shared' })],
      }),
    );
    expect(issues).toEqual([{ field: 'bindings[1].roleName', message: expect.stringContaining('already in bindings[0]') }]);
  });

  it('GIVEN two bindings whose default role names coincide THEN it is an error asking for a distinct name', () => {
    const issues = issuesOf(validRawConfig({ bindings: [validRawBinding({ namespace: 'a-b', serviceAccount: 'c' }), validRawBinding({ namespace: 'a', serviceAccount: 'b-c' })] }));
    expect(issues.map((issue) => issue.field)).toEqual(['bindings[1].roleName', 'bindings[1].policyName']);
    expect(issues[0].message).toContain('"payments-a-b-c" again (already in bindings[0])');
  });

  it('GIVEN names too long for IAM THEN the default names are shortened deterministically and stay distinct', () => {
    const long = 'x'.repeat(60);
    const { config } = parseConfig(
      validRawConfig({ bindings: [validRawBinding({ serviceAccount: `${long}-a` }), validRawBinding({ serviceAccount: `${long}-b` })] }),
    );
    const [first, second] = config.bindings;
    expect(first.roleName).toHaveLength(64);
    expect(first.roleName.startsWith('payments-billing-xxxx')).toBe(true);
    expect(first.roleName).toMatch(/-[0-9a-f]{8}$/);
    expect(first.roleName).not.toBe(second.roleName);
    expect(parseConfig(validRawConfig({ bindings: [validRawBinding({ serviceAccount: `${long}-a` })] })).config.bindings[0].roleName).toBe(first.roleName);
  });
});
