/**
 * The HCL printer on its own: strings and templates, blocks against attributes, layout, and the
 * keys it refuses. Every printed text is read back with HashiCorp's HCL parser (hcl2json) and run
 * through the formatter `terraform fmt` uses (hclwrite, via @cdktf/hcl-tools).
 */
import { parse } from '@cdktf/hcl2json';
import { format } from '@cdktf/hcl-tools';
import fc from 'fast-check';
import { HclPrintError } from '../../src/synth/hcl/hcl-print-error';
import { printHcl } from '../../src/synth/hcl/print-hcl';
import { escapeTerraformLiteral } from '../../src/terraform/terraform-expression';
import { resolveJsonencode } from '../helpers/hcl-equivalence';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const RUNS = { numRuns: Number(process.env.PROPERTY_RUNS ?? 40) * 5 };

/** A config with one string attribute, one map attribute and one policy, around `value`. */
function resourcesWith(value: string, key = 'k'): Json {
  return {
    resource: {
      aws_iam_policy: { this: { description: value, name: 'n', policy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: value, [key]: [value] }] }) } },
      kubernetes_service_account_v1: { this: { metadata: { name: 'sa', annotations: { [key]: value } } } },
    },
  };
}

async function readBack(hcl: string): Promise<Json> {
  return (await resolveJsonencode(await parse('main.tf', hcl))) as Json;
}

describe('strings', () => {
  it.each([
    ['a literal', 'payments', '"payments"'],
    ['one interpolation, as the bare expression', '${aws_iam_role.x.arn}', 'aws_iam_role.x.arn'],
    ['an interpolation with text around it', '${a.b}/${c.d}', '"${a.b}/${c.d}"'],
    ['an expression with quoted strings inside', '${trimsuffix(x, "/") == "a"}', 'trimsuffix(x, "/") == "a"'],
    ['quoted strings inside a template', 'x ${replace(y, "}", "{")} z', '"x ${replace(y, "}", "{")} z"'],
    ['escaped interpolation and directive, kept escaped', '$${x} %%{y}', '"$${x} %%{y}"'],
    ['a lone $, % or brace', '$ % { } $', '"$ % { } $"'],
    ['quotes and backslashes', 'a"b\\c', '"a\\"b\\\\c"'],
    ['newline, carriage return and tab', 'a\nb\rc\td', '"a\\nb\\rc\\td"'],
    ['other control characters', '\u0000\u001f\u007f\u0085', '"\\u0000\\u001F\\u007F\\u0085"'],
    ['non-ASCII, as escapes a reviewer can read', 'é日\u202eа', '"\\u00E9\\u65E5\\u202E\\u0430"'],
    ['characters beyond the BMP', '😀', '"\\U0001F600"'],
  ])('%s', async (_case, template, expected) => {
    const hcl = printHcl({ locals: { x: template } });
    expect(hcl).toBe(`locals {\n  x = ${expected}\n}\n`);
    expect(await format(hcl)).toBe(hcl);
    const back = await parse('x.tf', hcl);
    expect(back.locals[0].x).toBe(template.normalize('NFC'));
  });

  it('GIVEN any literal text THEN string, map key and value, and policy strings read back the same, formatted', async () => {
    const literal = fc.string({ unit: 'binary', maxLength: 20 }).filter((text) => !/\p{Surrogate}/u.test(text)).map(escapeTerraformLiteral);
    await fc.assert(
      fc.asyncProperty(literal, literal.filter((key) => key !== ''), async (value, key) => {
        const terraform = resourcesWith(value, key);
        const hcl = printHcl(terraform);
        expect(await format(hcl)).toBe(hcl);
        const back = await readBack(hcl);
        const nfc = (text: string) => text.normalize('NFC');
        expect(back.resource.aws_iam_policy.this[0].description).toBe(nfc(value));
        expect(back.resource.kubernetes_service_account_v1.this[0].metadata[0].annotations).toEqual({ [nfc(key)]: nfc(value) });
        expect(back.resource.aws_iam_policy.this[0].policy).toEqual({
          jsonencode: { Version: '2012-10-17', Statement: [{ Sid: nfc(value), [nfc(key)]: [nfc(value)] }] },
        });
      }),
      RUNS,
    );
  });
});

describe('blocks and attributes', () => {
  it('GIVEN the blocks and object attributes of the language and providers THEN each is written as what it is', async () => {
    const terraform = {
      terraform: {
        backend: { s3: { bucket: 'state', key: 'irsa.tfstate', region: 'eu-west-1', assume_role: { role_arn: 'arn:aws:iam::1:role/t' } } },
        required_providers: { aws: { source: 'hashicorp/aws', version: '~> 6.25' } },
        required_version: '>= 1.5.0',
      },
      provider: { aws: [{ region: 'eu-west-1', default_tags: { tags: { 'cost-center': 'c1', team: 'payments' } } }] },
      variable: { tags: { type: 'map(string)', default: {}, description: 'Tags' } },
      output: { x: { value: { a: '${aws_iam_role.x.arn}' } } },
    };
    const hcl = printHcl(terraform);
    expect(hcl).toContain('  backend "s3" {\n    bucket = "state"\n    key    = "irsa.tfstate"\n    region = "eu-west-1"\n\n    assume_role = {\n');
    expect(hcl).toContain('  default_tags {\n    tags = {\n      "cost-center" = "c1"\n      team          = "payments"\n    }\n  }\n');
    expect(hcl).toContain('  type        = map(string)\n');
    expect(await format(hcl)).toBe(hcl);
    const back = await parse('x.tf', hcl);
    expect(back.terraform[0].backend.s3[0].assume_role).toEqual({ role_arn: 'arn:aws:iam::1:role/t' });
    expect(back.terraform[0].required_providers).toEqual([{ aws: { source: 'hashicorp/aws', version: '~> 6.25' } }]);
    expect(back.provider.aws[0].default_tags).toEqual([{ tags: { 'cost-center': 'c1', team: 'payments' } }]);
    expect(back.variable.tags[0].type).toBe('${map(string)}');
    expect(back.output.x[0].value).toEqual({ a: '${aws_iam_role.x.arn}' });
  });

  it('GIVEN several blocks of a type and a list of postconditions THEN each is its own block', async () => {
    const condition = (n: number) => ({ condition: `\${self.n == ${n}}`, error_message: `not ${n}` });
    const hcl = printHcl({
      data: { aws_eks_cluster: { this: { name: 'a', lifecycle: { postcondition: [condition(1), condition(2)] } } } },
      provider: { aws: [{ region: 'eu-west-1' }, { alias: 'us', region: 'us-east-1' }] },
    });
    expect(await format(hcl)).toBe(hcl);
    const back = await parse('x.tf', hcl);
    expect(back.data.aws_eks_cluster.this[0].lifecycle[0].postcondition).toEqual([
      { condition: '${self.n == 1}', error_message: 'not 1' },
      { condition: '${self.n == 2}', error_message: 'not 2' },
    ]);
    expect(back.provider.aws).toHaveLength(2);
  });

  it.each([
    ['a top-level key it does not know', { import: [{ to: 'x', id: 'y' }] }, /import/],
    ['a resource type not in its schema table', { resource: { aws_s3_bucket: { b: { bucket: 'x' } } } }, /aws_s3_bucket/],
    ['an object under a key not in its schema table', { resource: { aws_iam_role: { r: { inline_policy: { name: 'x' } } } } }, /inline_policy/],
    ['a list of objects under a key not in its schema table', { resource: { aws_iam_role: { r: { inline_policy: [{ name: 'x' }] } } } }, /inline_policy/],
    ['CDKTF metadata', { resource: { aws_iam_role: { r: { '//': { metadata: {} }, name: 'x' } } } }, /"\/\/"/],
    ['a block name that is no identifier', { resource: { aws_iam_role: { 'a b': { name: 'x' } } } }, /"a b"/],
    ['an unclosed interpolation', { locals: { x: 'a ${b' } }, /not closed/],
  ])('GIVEN %s THEN it refuses, naming where', (_case, terraform, message) => {
    expect(() => printHcl(terraform)).toThrow(HclPrintError);
    expect(() => printHcl(terraform)).toThrow(message);
  });

  it('GIVEN scalar attributes under unknown keys THEN they are attributes, as they can be nothing else', () => {
    expect(printHcl({ resource: { aws_iam_role: { r: { name: 'x', max_session_duration: 3600, force_detach_policies: true } } } })).toBe(
      'resource "aws_iam_role" "r" {\n  name                  = "x"\n  max_session_duration  = 3600\n  force_detach_policies = true\n}\n',
    );
  });
});

describe('policies', () => {
  it('GIVEN a policy string that is not compact JSON THEN it is written as the string it is', async () => {
    for (const policy of ['{ "Version": "2012-10-17" }', '${data.aws_iam_policy_document.x.json}', 'not json']) {
      const hcl = printHcl({ resource: { aws_iam_policy: { p: { policy } } } });
      expect(hcl).not.toContain('jsonencode');
      expect((await parse('x.tf', hcl)).resource.aws_iam_policy.p[0].policy).toBe(policy);
    }
  });

  it('GIVEN references inside the document THEN they stay quoted templates, which jsonencode renders as the same strings', () => {
    const policy = JSON.stringify({ Principal: { Federated: '${aws_iam_openid_connect_provider.this.arn}' }, Condition: { StringEquals: { '${local.host}:sub': 'system:serviceaccount:a:b' } } });
    expect(printHcl({ resource: { aws_iam_role: { r: { assume_role_policy: policy } } } })).toBe(
      [
        'resource "aws_iam_role" "r" {',
        '  assume_role_policy = jsonencode({',
        '    Principal = {',
        '      Federated = "${aws_iam_openid_connect_provider.this.arn}"',
        '    }',
        '    Condition = {',
        '      StringEquals = {',
        '        "${local.host}:sub" = "system:serviceaccount:a:b"',
        '      }',
        '    }',
        '  })',
        '}',
        '',
      ].join('\n'),
    );
  });
});

describe('layout', () => {
  it('aligns the = of consecutive one-line attributes, and starts a new run after a multi-line one', async () => {
    const hcl = printHcl({ locals: { a: 1, long_name: [], m: { x: 1, yy: [1, 2] }, b: null, cc: true } });
    expect(hcl).toBe(
      'locals {\n  a         = 1\n  long_name = []\n  b         = null\n  cc        = true\n\n  m = {\n    x = 1\n    yy = [\n      1,\n      2,\n    ]\n  }\n}\n',
    );
    expect(await format(hcl)).toBe(hcl);
  });

  it('writes an empty configuration as an empty file, and empty bodies on one line', async () => {
    expect(printHcl({})).toBe('');
    const hcl = printHcl({ terraform: { backend: { local: {} } } });
    expect(hcl).toBe('terraform {\n  backend "local" {}\n}\n');
    expect(await format(hcl)).toBe(hcl);
  });
});
