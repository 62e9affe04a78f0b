import { InvalidConfigError } from '../../src/config/invalid-config-error';
import { parseConfig } from '../../src/config/parse-config';
import { bindingTerraformNames, projectTerraformNames, withTerraformNames } from '../../src/plan/terraform-names';
import { hashedBindingName } from '../../src/terraform/addresses';
import { validateTerraformName } from '../../src/config/field-rules';
import { validRawBinding, validRawConfig } from '../helpers/fixtures';

type Binding = { namespace: string; serviceAccount: string; terraformName?: string };

const b = (subject: string, terraformName?: string): Binding => {
  const [namespace, serviceAccount] = subject.split('/');
  return terraformName === undefined ? { namespace, serviceAccount } : { namespace, serviceAccount, terraformName };
};

function namesError(run: () => unknown): InvalidConfigError {
  try {
    run();
  } catch (error) {
    if (error instanceof InvalidConfigError) return error;
    throw error;
  }
  throw new Error('expected an InvalidConfigError');
}

describe('Terraform names of bindings', () => {
  it.each<[string, Binding[], string[]]>([
    ['namespace and service account, as identifiers', [b('billing/invoice-exporter'), b('1team/app.v2')], ['billing_invoice_exporter', '_1team_app_v2']],
    ['a hash for every binding of a shared name', [b('a-b/c'), b('a/b-c'), b('x/y')], ['a_b_c_4e84717d', 'a_b_c_b88f83c8', 'x_y']],
    ['the name given in the config', [b('a-b/c', 'first'), b('a/b-c')], ['first', 'a_b_c_b88f83c8']],
  ])('GIVEN no project THEN the names are %s', (_what, bindings, expected) => {
    expect(bindingTerraformNames(bindings)).toEqual(expected);
  });

  it('GIVEN a project WHEN a colliding binding is added THEN the existing binding keeps its name and the new one is hashed', () => {
    const previous = new Map([['a-b/c', 'a_b_c']]);
    expect(bindingTerraformNames([b('a-b/c'), b('a/b-c')], previous)).toEqual(['a_b_c', 'a_b_c_b88f83c8']);
    expect(bindingTerraformNames([b('a/b-c'), b('a-b/c')], previous)).toEqual(['a_b_c_b88f83c8', 'a_b_c']);
  });

  it('GIVEN a plain name equal to another binding\'s hashed name THEN neither gets it, whatever their order', () => {
    const bindings = [b('a-b/c'), b('a/b-c'), b('a-b/c-4e84717d')];
    const names = bindingTerraformNames(bindings);
    expect(new Set(names).size).toBe(3);
    expect(names[0]).toMatch(/^a_b_c_[0-9a-f]{16}$/);
    expect(names[1]).toBe('a_b_c_b88f83c8');
    expect(names[2]).toMatch(/^a_b_c_4e84717d_[0-9a-f]{8}$/);
    expect(bindingTerraformNames([bindings[2], bindings[0], bindings[1]])).toEqual([names[2], names[0], names[1]]);
  });

  it('GIVEN names given in the config that take a binding\'s hashes THEN it gets the next free one', () => {
    const hash16 = hashedBindingName('a-b', 'c', 16);
    const hash64 = hashedBindingName('a-b', 'c', 64);
    expect(bindingTerraformNames([b('x/one', 'a_b_c_4e84717d'), b('x/two', hash16), b('a-b/c'), b('a/b-c')])).toEqual([
      'a_b_c_4e84717d',
      hash16,
      hash64,
      'a_b_c_b88f83c8',
    ]);
    expect(bindingTerraformNames([b('x/one', hash16), b('a-b/c'), b('x/y', 'a_b_c')])[1]).toBe('a_b_c_4e84717d');
    expect(bindingTerraformNames([b('x/one', 'a_b_c_4e84717d'), b('x/two', hash16), b('x/three', hash64), b('a-b/c'), b('a/b-c')])[3]).toBe(
      `${hash64}_2`,
    );
  });

  it('GIVEN two bindings with the same terraformName THEN the error names both', () => {
    const error = namesError(() => bindingTerraformNames([b('a/x', 'same'), b('a/y', 'same')]));
    expect(error.issues).toEqual([
      {
        field: 'bindings[1].terraformName',
        message: expect.stringContaining('"same" is the Terraform name of bindings[0] (a/x), which sets it as its terraformName, and of this binding (a/y)'),
      },
    ]);
  });

  it('GIVEN a terraformName that an existing binding of the project has THEN the error says which binding keeps it', () => {
    const error = namesError(() => bindingTerraformNames([b('a/x'), b('a/y', 'a_x')], new Map([['a/x', 'a_x']])));
    expect(error.issues[0].field).toBe('bindings[1].terraformName');
    expect(error.issues[0].message).toContain('bindings[0] (a/x), which has it in the project already');
    expect(error.issues[0].message).toMatch(/Example: a_y$/);
  });

  it('GIVEN a config and its project THEN every binding has its name filled in, and old names come from the project', () => {
    const project = parseConfig(validRawConfig({ bindings: [validRawBinding({ namespace: 'a-b', serviceAccount: 'c', roleName: 'r1', policyName: 'p1' })] })).config;
    const config = parseConfig(
      validRawConfig({
        bindings: [
          validRawBinding({ namespace: 'a', serviceAccount: 'b-c', roleName: 'r2', policyName: 'p2' }),
          validRawBinding({ namespace: 'a-b', serviceAccount: 'c', roleName: 'r1', policyName: 'p1' }),
        ],
      }),
    ).config;
    expect(withTerraformNames(config, projectTerraformNames(project)).bindings.map((binding) => binding.terraformName)).toEqual(['a_b_c_b88f83c8', 'a_b_c']);
    expect(withTerraformNames(config).bindings.map((binding) => binding.terraformName)).toEqual(['a_b_c_b88f83c8', 'a_b_c_4e84717d']);
  });

  it('GIVEN a project config without names and its generated module THEN the generated names win over derived ones', () => {
    const project = parseConfig(
      validRawConfig({
        bindings: [
          validRawBinding({ namespace: 'a-b', serviceAccount: 'c', roleName: 'r1', policyName: 'p1' }),
          validRawBinding({ namespace: 'a', serviceAccount: 'b-c', roleName: 'r2', policyName: 'p2' }),
          validRawBinding({ namespace: 'x', serviceAccount: 'y', terraformName: 'recorded' }),
        ],
      }),
    ).config;
    const generated = new Map([['a-b/c', 'a_b_c'], ['x/y', 'x_y']]);
    expect(projectTerraformNames(project, generated)).toEqual(
      new Map([['a-b/c', 'a_b_c'], ['a/b-c', 'a_b_c_b88f83c8'], ['x/y', 'recorded']]),
    );
  });

  it('GIVEN the longest namespace and service account THEN even their longest derived name is a valid terraformName', () => {
    const label63 = '9'.repeat(63);
    const longest = `${hashedBindingName(label63, `${label63}.${label63}.${label63}.${'b'.repeat(61)}`, 64)}_9999`;
    expect(validateTerraformName(longest)).toBeUndefined();
  });
});
