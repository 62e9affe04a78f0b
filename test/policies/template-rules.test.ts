/**
 * What a policy template may say. Every field it names, in helpers and blocks too, must exist;
 * only the helpers a policy needs exist; the rendered JSON is parsed strictly; and no error
 * quotes the template's or the rendered text.
 */
import Handlebars from 'handlebars';
import { loadPolicyTemplates, PolicyTemplate } from '../../src/policies/policy-templates';
import { renderS3Policy } from '../../src/policies/policy-documents';
import { renderJsonTemplate, TemplateData, TemplateError } from '../../src/policies/render-json-template';
import { TerraformExpression } from '../../src/terraform/terraform-expression';
import { s3Allows } from '../helpers/iam-simulator';

const ORIGIN = 'templates/policies/x.json.hbs';
const template = (source: string): PolicyTemplate => ({ name: 'x.json.hbs', origin: ORIGIN, source });

const DATA: TemplateData = {
  bucket: 'acme-invoices',
  prefix: 'exports/',
  readWrite: false,
  grants: [
    { bucket: 'acme-invoices', prefix: 'exports/', tags: ['a'] },
    { bucket: 'acme-reports', prefix: 'monthly/', tags: [] },
  ],
  nothing: [],
  owner: { team: 'billing' },
};

function renderError(source: string, data: TemplateData = DATA): string {
  try {
    renderJsonTemplate(template(source), data);
  } catch (error) {
    expect(error).toBeInstanceOf(TemplateError);
    return (error as Error).message;
  }
  throw new Error('the template rendered');
}

describe('fields named in helpers and blocks', () => {
  it.each([
    ['{{#if prefx}}', '{ {{#if prefx}}"a": 1{{/if}} }', 'line 1, column 9: unknown field "prefx"'],
    ['{{#unless y}}', '{ {{#unless y}}"a": 1{{/unless}} }', 'line 1, column 13: unknown field "y"'],
    ['{{#each x}}', '[ {{#each x}}1{{/each}} ]', 'line 1, column 11: unknown field "x"'],
    ['{{#with z}}', '{ {{#with z}}{{/with}} }', 'line 1, column 11: unknown field "z"'],
    ['(concat prefx "a")', '{ "a": {{json (concat prefx "a")}} }', 'line 1, column 23: unknown field "prefx"'],
    ['{{json prefx}}', '{ "a": {{json prefx}} }', 'line 1, column 15: unknown field "prefx"'],
    ['{{prefx}}', '{ "a": "{{prefx}}" }', 'line 1, column 11: unknown field "prefx"'],
    ['a field in a branch not taken', '{ {{#if readWrite}}"a": {{json objectArnn}}{{/if}} }', 'unknown field "objectArnn"'],
    ['{{else if}}', '{ {{#if readWrite}}{{else if prefx}}{{/if}} }', 'unknown field "prefx"'],
    ['a field of the item, misspelled', '[ {{#each grants}}{{json buckt}}{{/each}} ]', 'unknown field "buckt" (the fields here are bucket, prefix, tags)'],
    ['an outer field inside each, without ../', '[ {{#each grants}}{{json readWrite}}{{/each}} ]', 'unknown field "readWrite"'],
    ['../ misspelled', '[ {{#each grants}}{{json ../buckt}}{{/each}} ]', 'unknown field "../buckt"'],
    ['@root misspelled', '[ {{#each grants}}{{json @root.buckt}}{{/each}} ]', 'unknown field "@root.buckt"'],
    ['a block parameter misspelled', '[ {{#each grants as |grant|}}{{json grant.buckt}}{{/each}} ]', 'unknown field "grant.buckt"'],
    ['../ above the top', '{ "a": {{json ../bucket}} }', '"../bucket" goes above the top of the template'],
    ['a field of a value', '{ "a": {{json bucket.length}} }', 'unknown field "bucket.length"'],
    ['a prototype property', '{ "a": {{json constructor}} }', 'unknown field "constructor"'],
    ['__proto__', '{ "a": {{json __proto__}} }', 'unknown field "__proto__"'],
    ['@index outside each', '{ "a": {{json @index}} }', '"@index" is not available here'],
    ['@key', '[ {{#each grants}}{{json @key}}{{/each}} ]', '"@key" is not available here'],
    ['a list as a value', '{ "a": {{json grants}} }', '"grants" is a list: use {{#each}}'],
    ['an object as a value', '{ "a": {{json owner}} }', '"owner" is an object'],
    ['each over a value', '[ {{#each bucket}}1{{/each}} ]', '"bucket" is not a list'],
    ['with on a value', '{ {{#with bucket}}{{/with}} }', '"bucket" is not an object'],
    ['if on undefined', '{ {{#if undefined}}"a": 1{{/if}} }', 'undefined is not a value policy templates may use'],
    ['json of null', '{ "a": {{json null}} }', 'null is not a value policy templates may use'],
  ])('GIVEN %s THEN the error names the template, the line and the field', (_, source, fragment) => {
    const message = renderError(source);
    expect(message).toContain(`Policy template ${ORIGIN} is broken: `);
    expect(message).toContain(fragment);
  });

  it('GIVEN the bundled S3 template with {{#if prefix}} misspelled THEN it is refused, where plain Handlebars would drop the s3:prefix condition', async () => {
    const bundled = loadPolicyTemplates().s3;
    const misspelled = { ...bundled, source: bundled.source.replace('{{#if prefix}}', '{{#if prefx}}') };
    const input = { partition: 'aws', grants: [{ bucket: 'acme-invoices', prefix: 'exports/', access: 'read' as const }] };
    expect(() => renderS3Policy(misspelled, input)).toThrow(/s3_policy\.json\.hbs is broken: line \d+, column \d+: unknown field "prefx"/);

    // What the check prevents: rendered without it, listing reaches the whole bucket.
    const unchecked = Handlebars.create();
    unchecked.registerHelper('json', (value: unknown) => JSON.stringify(value));
    const text = unchecked.compile(misspelled.source, { noEscape: true, strict: true })({
      ...input,
      bucketArn: 'arn:aws:s3:::acme-invoices',
      objectArn: 'arn:aws:s3:::acme-invoices/exports/*',
      prefixPattern: 'exports/*',
      readWrite: false,
    });
    expect(await s3Allows(JSON.parse(text), 's3:ListBucket', 'arn:aws:s3:::acme-invoices', { 's3:prefix': 'secrets/' })).toBe(true);
    const checked = JSON.parse(renderS3Policy(bundled, input).terraform);
    expect(await s3Allows(checked, 's3:ListBucket', 'arn:aws:s3:::acme-invoices', { 's3:prefix': 'secrets/' })).toBe(false);
  });
});

describe('lists and objects of values', () => {
  it.each([
    ['each over a list of objects', '[ {{#each grants}}{{#unless @first}},{{/unless}}{{json bucket}}{{/each}} ]', ['acme-invoices', 'acme-reports']],
    ['block parameters', '[ {{#each grants as |grant i|}}{{#if i}},{{/if}}{{json (concat grant.bucket "/" grant.prefix)}}{{/each}} ]', ['acme-invoices/exports/', 'acme-reports/monthly/']],
    ['../ and @root inside each', '[ {{#each grants}}{{#if @index}},{{/if}}{{json ../bucket}}, {{json @root.prefix}}{{/each}} ]', ['acme-invoices', 'exports/', 'acme-invoices', 'exports/']],
    ['nested each, and {{else}}', '[ {{#each grants}}{{#each tags}}{{json this}}{{else}}"none"{{/each}}{{#unless @last}},{{/unless}}{{/each}} ]', ['a', 'none']],
    ['with', '[ {{#with owner}}{{json team}}{{/with}} ]', ['billing']],
    ['each over an empty list', '[ {{#each nothing}}{{json whatever}}{{/each}} ]', []],
  ])('GIVEN %s THEN it renders', (_, source, expected) => {
    expect(renderJsonTemplate(template(source), DATA)).toEqual(expected);
  });

  it('GIVEN a field only some items have THEN it is unknown (it would be missing for the others)', () => {
    const data: TemplateData = { grants: [{ bucket: 'a', prefix: 'x/' }, { bucket: 'b' }] };
    expect(renderError('[ {{#each grants}}{{json prefix}}{{/each}} ]', data)).toContain('unknown field "prefix" (the fields here are bucket)');
  });

  it('GIVEN Terraform references inside a list THEN they come out as references', () => {
    const data = { arns: [new TerraformExpression('aws_iam_role.a.arn'), 'literal-${x}'] };
    expect(renderJsonTemplate(template('[ {{#each arns}}{{#if @index}},{{/if}}{{json this}}{{/each}} ]'), data)).toEqual([
      '${aws_iam_role.a.arn}',
      'literal-$${x}',
    ]);
  });
});

describe('only what a policy needs', () => {
  it.each([
    ['log', '{ {{log "x"}} }', '"log" is not a helper policy templates may use'],
    ['log as a field', '{ "a": "{{log}}" }', 'unknown field "log"'],
    ['lookup', '{ "a": {{json (lookup this "bucket")}} }', '"lookup" is not a helper policy templates may use'],
    ['helperMissing', '{ "a": "{{helperMissing bucket}}" }', '"helperMissing" is not a helper'],
    ['a partial', '{ {{> secrets}} }', 'partials ({{> name}}) are not available'],
    ['a partial block', '{ {{#> layout}}x{{/layout}} }', 'partials ({{> name}}) are not available'],
    ['an inline partial (a decorator)', '{ {{#*inline "p"}}x{{/inline}} }', 'decorators ({{* name}}) are not available'],
    ['a decorator', '{ {{*deco}} }', 'decorators ({{* name}}) are not available'],
    ['a raw block', '{ {{{{raw}}}}x{{{{/raw}}}} }', '{{#raw}} is not a block policy templates may use'],
    ['a section on a field', '{ {{#prefix}}"a": 1{{/prefix}} }', '{{#prefix}} is not a block policy templates may use'],
    ['an inverted section', '{ {{^prefix}}"a": 1{{/prefix}} }', '{{#prefix}} is not a block policy templates may use'],
    ['named arguments', '{ "a": {{json bucket key="x"}} }', 'named arguments (name=value) are not available'],
    ['json without a value', '{ "a": {{json}} }', '{{json}} needs a value'],
    ['json with two values', '{ "a": {{json bucket prefix}} }', 'json takes exactly one value'],
    ['if inline', '{ "a": "{{if prefix}}" }', 'if is a block helper'],
    ['a literal alone', '{ "a": "{{"x"}}" }', 'a literal cannot stand alone'],
  ])('GIVEN %s THEN it is refused', (_, source, fragment) => {
    expect(renderError(source)).toContain(fragment);
  });
});

describe('the rendered JSON', () => {
  it.each([
    ['two "Condition" keys', '{\n  "Effect": "Allow",\n  "Condition": {},\n  "Condition": { "StringLike": {} }\n}', 'line 4, column 3: a key appears twice in the same object'],
    ['a key twice in a nested object', '{ "a": [ { "b": 1, "c": 2, "b": 3 } ] }', 'line 1, column 28: a key appears twice'],
    ['the same key spelled with an escape', '{ "Effect": 1, "\\u0045ffect": 2 }', 'a key appears twice'],
    ['a trailing comma', '{ "a": 1, }', 'line 1, column 11: expected a key in double quotes'],
    ['text after the document', '{ "a": 1 } x', 'line 1, column 12: unexpected text after the document'],
    ['nothing at all', '   ', 'the text ends where a value was expected'],
  ])('GIVEN %s THEN it is an error with its position', (_, source, fragment) => {
    const message = renderError(source);
    expect(message).toContain(`Policy template ${ORIGIN} is broken: it did not render to valid JSON: `);
    expect(message).toContain(fragment);
  });

  it.each([
    ['a bare word from the template', '{\n  "a": TOP-SECRET-VALUE\n}', 'line 2, column 8: expected a value'],
    ['a value inserted without the json helper', '{ "a": {{bucket}} }', 'line 1, column 8: expected a value'],
    ['a quote inside a value inserted without json', '{ "a": "{{token}}" }', 'line 1, column 13: expected "," or "}" after a value in an object'],
    ['a Handlebars syntax error', '{ "a": TOP-SECRET-VALUE {{#if prefix}} }', 'it is not a valid Handlebars template (Parse error on line 1; Expecting'],
  ])('GIVEN %s THEN the error gives a position and quotes none of the text', (_, source, fragment) => {
    const message = renderError(source, { ...DATA, bucket: 'TOP-SECRET-VALUE', token: 'TOP"SECRET-VALUE' });
    expect(message).toContain(fragment);
    expect(message).not.toContain('SECRET');
  });

  it('GIVEN a key named __proto__ THEN it stays a plain key', () => {
    const document = renderJsonTemplate(template('{ "__proto__": { "polluted": true } }'), {}) as Record<string, unknown>;
    expect(Object.keys(document)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
