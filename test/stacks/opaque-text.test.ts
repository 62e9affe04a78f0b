import { OpaqueText } from '../../src/stacks/opaque-text';

describe('OpaqueText', () => {
  it('GIVEN text as placeholders WHEN restored THEN values and keys read as the text, literals escaped for Terraform', () => {
    const text = new OpaqueText();
    const name = text.exact('billing_invoice_exporter');
    const resolved = {
      resource: { aws_iam_role: { [name]: { description: `for ${text.literal('a ${b} %{c}')}`, tags: [text.exact('${x.y}')] } } },
      output: { [`${text.exact('billing')}_role_arn`]: { value: `\${aws_iam_role.${name}.arn}` } },
    };
    expect(text.restore(resolved)).toEqual({
      resource: { aws_iam_role: { billing_invoice_exporter: { description: 'for a $${b} %%{c}', tags: ['${x.y}'] } } },
      output: { billing_role_arn: { value: '${aws_iam_role.billing_invoice_exporter.arn}' } },
    });
  });

  it('GIVEN the same text twice THEN each call gives its own placeholder, so construct ids stay unique', () => {
    const text = new OpaqueText();
    expect(text.exact('oidc_provider_arn')).not.toBe(text.exact('oidc_provider_arn'));
  });

  it('GIVEN placeholders cdktf could read as tokens THEN none holds a marker or a number cdktf decodes', () => {
    const text = new OpaqueText();
    const placeholders = Array.from({ length: 2000 }, (_, index) => text.exact(String(index)));
    expect(placeholders.join('')).not.toMatch(/[${}#&[\]e.+-]/);
  });

  it('GIVEN restored text that looks like a placeholder THEN it is written as it is, never replaced again', () => {
    const text = new OpaqueText();
    text.exact('first');
    const tricky = text.exact('\u00000\u0000');
    expect(text.restore(tricky)).toBe('\u00000\u0000');
  });

  it('GIVEN a key "__proto__" THEN it is an own key of a plain object', () => {
    const text = new OpaqueText();
    const restored = text.restore({ [text.exact('__proto__')]: { a: 1 } }) as Record<string, unknown>;
    expect(Object.keys(restored)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(restored)).toBe(Object.prototype);
  });

  it('GIVEN two keys of one object that restore to the same name THEN it throws instead of merging them', () => {
    const text = new OpaqueText();
    expect(() => text.restore({ [text.exact('x')]: 1, [text.exact('x')]: 2 })).toThrow('two Terraform entries named "x"');
  });
});
