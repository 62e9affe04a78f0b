/**
 * cdktf reads markers in the strings it resolves (`${TfToken[...]}`, `#{TfToken[...]}`,
 * `&{TfToken[...]}`, and numbers such as -8.109562212591379e+298 that encode number tokens).
 * Valid values that look like them must synthesize, and come out as the literal text they are.
 */
import { parseConfig } from '../../src/config/parse-config';
import { generateModules } from '../../src/generate';
import { loadPolicyTemplates, PolicyTemplates } from '../../src/policies/policy-templates';
import { validRawBinding, validRawConfig } from '../helpers/fixtures';
import { checkGeneratedModule } from '../helpers/module-invariants';

const templates = loadPolicyTemplates();

/** What cdktf encodes its first number token as, and its first number-list token. */
const NUMBER_TOKEN = '-8.109562212591379e+298';
const NUMBER_LIST_TOKEN = '-1.8881545897087498e+289';
/** The same number without "." or "+", as a name may hold it. */
const NUMBER_TOKEN_IN_A_NAME = 'x-8109562212591379e283';

type Row = [what: string, raw: Record<string, unknown>, literal: string];

const inBinding = (overrides: Record<string, unknown>) => validRawConfig({ bindings: [validRawBinding(overrides)] });

const ROWS: Row[] = [
  ['a prefix like a list token', inBinding({ prefix: '#{TfToken[TOKEN.0]}/' }), '#{TfToken[TOKEN.0]}/'],
  ['a prefix like a map token', inBinding({ prefix: '&{TfToken[TOKEN.0]}/' }), '&{TfToken[TOKEN.0]}/'],
  ['a prefix like a string token without its "$"', inBinding({ prefix: '{TfToken[TOKEN.1]}/' }), '{TfToken[TOKEN.1]}/'],
  ['a prefix like a number token', inBinding({ prefix: `${NUMBER_TOKEN}/` }), `${NUMBER_TOKEN}/`],
  ['a prefix like a number-list token', inBinding({ prefix: `logs/${NUMBER_LIST_TOKEN}/` }), `logs/${NUMBER_LIST_TOKEN}/`],
  ['a role name like a number token', inBinding({ roleName: NUMBER_TOKEN }), NUMBER_TOKEN],
  ['a policy name like a number-list token', inBinding({ policyName: `p${NUMBER_LIST_TOKEN}` }), `p${NUMBER_LIST_TOKEN}`],
  ['a bucket holding a number token', inBinding({ bucket: NUMBER_TOKEN_IN_A_NAME }), NUMBER_TOKEN_IN_A_NAME],
  ['a service account holding a number token', inBinding({ serviceAccount: NUMBER_TOKEN_IN_A_NAME }), NUMBER_TOKEN_IN_A_NAME],
  ['a created namespace holding a number token', inBinding({ namespace: NUMBER_TOKEN_IN_A_NAME, createNamespace: true }), NUMBER_TOKEN_IN_A_NAME],
  ['a cluster name holding a number token', validRawConfig({ cluster: { name: NUMBER_TOKEN_IN_A_NAME } }), NUMBER_TOKEN_IN_A_NAME],
  ['an issuer path like a number token', validRawConfig({ cluster: { oidcIssuer: 'https://oidc.example.com/-8.109562212591379e298' } }), 'https://oidc.example.com/-8.109562212591379e298'],
  ['a Terraform name holding a number token', inBinding({ terraformName: NUMBER_TOKEN_IN_A_NAME }), NUMBER_TOKEN_IN_A_NAME],
  ['a Terraform name like an Object.prototype member', inBinding({ terraformName: '__proto__' }), '__proto__'],
  ['a Terraform name like an Object.prototype member', inBinding({ terraformName: 'constructor' }), 'constructor'],
  ['a Terraform name equal to an output', inBinding({ terraformName: 'oidc_provider_arn' }), 'oidc_provider_arn'],
];

function allStrings(value: unknown, into: string[] = []): string[] {
  if (typeof value === 'string') into.push(value);
  else if (Array.isArray(value)) value.forEach((item) => allStrings(item, into));
  else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      into.push(key);
      allStrings(item, into);
    }
  }
  return into;
}

function generate(raw: Record<string, unknown>, policyTemplates: PolicyTemplates = templates) {
  const { config } = parseConfig(raw);
  const files = generateModules(config, policyTemplates);
  const strings = files.filter((file) => file.path.endsWith('.tf.json')).flatMap((file) => allStrings(JSON.parse(file.content)));
  return { config, files, strings };
}

describe('values that look like cdktf tokens', () => {
  it.each(ROWS)('GIVEN %s THEN it synthesizes and the text is written as it is', (_what, raw, literal) => {
    const { config, files, strings } = generate(raw);
    checkGeneratedModule(config, files);
    expect(strings.some((text) => text.includes(literal))).toBe(true);
    // Nothing of cdktf's own is left in the output.
    expect(strings.filter((text) => /\u0000|TfToken\[TOKEN\.\d+\]\}(?!\/)/.test(text) && !text.includes(literal))).toEqual([]);
  });

  it('GIVEN a Terraform name like an Object.prototype member THEN its blocks are plain entries', () => {
    const { files } = generate(inBinding({ terraformName: '__proto__' }));
    const main = JSON.parse(files.find((file) => file.path.endsWith('/main.tf.json'))!.content);
    expect(Object.keys(main.resource.aws_iam_role)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(main.resource.aws_iam_role)).toBe(Object.prototype);
    expect(main.resource.aws_iam_role_policy_attachment.__proto__.role).toBe('${aws_iam_role.__proto__.name}');
  });

  it.each([
    ['a string token', '${TfToken[TOKEN.1]}', '$${TfToken[TOKEN.1]}'],
    ['a list token', '#{TfToken[TOKEN.0]}', '#{TfToken[TOKEN.0]}'],
    ['a number token', NUMBER_TOKEN, NUMBER_TOKEN],
  ])('GIVEN an edited template with literal text like %s THEN the policy holds that text, escaped for Terraform', (_what, text, written) => {
    const s3 = { ...templates.s3, source: templates.s3.source.replace('"Sid": "ReadObjects"', `"Sid": ${JSON.stringify(text)}`) };
    const { files } = generate(validRawConfig(), { ...templates, s3 });
    const main = JSON.parse(files.find((file) => file.path.endsWith('/main.tf.json'))!.content);
    const policy = JSON.parse(main.resource.aws_iam_policy.billing_invoice_exporter.policy);
    expect(policy.Statement[1].Sid).toBe(written);
  });
});
