import { InvalidConfigError } from '../../src/config/invalid-config-error';
import { parseConfig } from '../../src/config/parse-config';
import { planCluster } from '../../src/plan/cluster-plan';
import { loadPolicyTemplates } from '../../src/policies/policy-templates';
import { validRawBinding, validRawConfig } from '../helpers/fixtures';

const bundled = loadPolicyTemplates();

/** A trust template that lists its subject many times, as a hand-edited template might. */
function repeatingTrustTemplate(times: number) {
  const subjects = Array.from({ length: times }, () => '{{json subject}}').join(', ');
  const source = bundled.trust.source.replace('{{json subject}}', `[${subjects}]`);
  return { ...bundled, trust: { ...bundled.trust, origin: 'templates/policies/role_trust_relationship.json.hbs', source } };
}

describe('IAM size limits', () => {
  it('GIVEN the bundled templates and the longest names THEN the policies fit', () => {
    const label63 = 'a'.repeat(63);
    const { config } = parseConfig(
      validRawConfig({
        cluster: { name: 'payments', oidcIssuer: undefined },
        bindings: [validRawBinding({ namespace: label63, serviceAccount: `${label63}.${label63}.${label63}.${'b'.repeat(61)}`, prefix: `${'p'.repeat(1023)}/`, access: 'read-write' })],
      }),
    );
    expect(() => planCluster(config, bundled)).not.toThrow();
  });

  it('GIVEN a template whose trust policy would exceed 2,048 characters THEN it is refused naming the binding and the limit', () => {
    const { config } = parseConfig(validRawConfig({ bindings: [validRawBinding(), validRawBinding({ serviceAccount: 'x' })] }));
    let error: unknown;
    try {
      planCluster(config, repeatingTrustTemplate(70));
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(InvalidConfigError);
    expect((error as InvalidConfigError).issues).toEqual([
      { field: 'bindings[0]', message: expect.stringMatching(/its trust policy would be up to \d+ characters, over IAM's limit of 2048; .*raise the IAM quota/) },
      { field: 'bindings[1]', message: expect.stringMatching(/its trust policy would be up to \d+ characters/) },
    ]);
  });

  it('GIVEN a trust policy just under the limit once Terraform fills in the provider ARN THEN it is still counted at its longest', () => {
    const { config } = parseConfig(validRawConfig({ cluster: { oidcIssuer: undefined } }));
    const short = planCluster(config, repeatingTrustTemplate(1)).bindings[0].trustPolicy.terraform;
    expect(short).toContain('${local.oidc_issuer_host}');
    // The template text is short, but each reference stands for an issuer of up to ~80 characters.
    const times = Math.floor((2048 - short.length) / 49);
    expect(() => planCluster(config, repeatingTrustTemplate(times))).toThrow(InvalidConfigError);
  });
});
