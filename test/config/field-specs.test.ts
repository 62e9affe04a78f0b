/**
 * Normalization never changes what a value means: it trims only ASCII whitespace, and nothing but
 * an empty string becomes the empty prefix (the whole bucket).
 */
import fc from 'fast-check';
import { checkField } from '../../src/config/field-specs';
import { normalizeOidcIssuer, normalizePrefix, trimValue } from '../../src/config/normalize';
import { InvalidConfigError } from '../../src/config/invalid-config-error';
import { parseConfig } from '../../src/config/parse-config';
import { validRawBinding, validRawConfig } from '../helpers/fixtures';

const RUNS = Number(process.env.PROPERTY_RUNS ?? 200);

describe('trimValue', () => {
  it.each([
    [' billing ', 'billing'],
    ['\tbilling\r\n', 'billing'],
    ['\n \t', ''],
    ['bill ing', 'bill ing'],
    ['\u3000billing', '\u3000billing'],
    ['billing\u00a0', 'billing\u00a0'],
    ['\ufeffbilling', '\ufeffbilling'],
    ['billing\u200b', 'billing\u200b'],
    ['\u000bbilling\u000c', '\u000bbilling\u000c'],
  ])('GIVEN %j THEN it is %j: only ASCII spaces, tabs and line breaks are trimmed', (typed, trimmed) => {
    expect(trimValue(typed)).toBe(trimmed);
  });
});

describe('the prefix', () => {
  it.each([
    ['', ''],
    ['exports', 'exports/'],
    [' /exports/ ', 'exports/'],
    ['données', 'données/'],
    ['日報/2026', '日報/2026/'],
  ])('GIVEN %j THEN it reads %j', (typed, value) => {
    expect(checkField('prefix', typed)).toEqual({ ok: true, value });
  });

  it.each([' ', '\t', '\r\n', '\u3000', '\ufeff', '\u200b', '\u00a0', '\u2028', '/', ' / ', '\u200b/\u200b', '""', " '' "])(
    'GIVEN %j (which looks empty) THEN it is refused, never read as the whole bucket',
    (typed) => {
      const check = checkField('prefix', typed);
      expect(check.ok).toBe(false);
      expect(!check.ok && check.problem).toContain('to grant the whole bucket, give an empty prefix ("prefix": "", --prefix "", or an empty answer in the wizard). Example: exports/');
    },
  );

  it('PROPERTY: no non-empty value, however it is made of whitespace, invisible characters, slashes and quotes, becomes the whole bucket', () => {
    const piece = fc.constantFrom(' ', '\t', '\n', '\r', '\u00a0', '\u3000', '\u2003', '\ufeff', '\u200b', '\u200d', '\u2060', '\u202e', '\u2066', '\u00ad', '/', '"', "'", 'a', 'é');
    fc.assert(
      fc.property(fc.array(piece, { minLength: 1, maxLength: 8 }), (pieces) => {
        const check = checkField('prefix', pieces.join(''));
        return !(check.ok && check.value === '');
      }),
      { numRuns: RUNS },
    );
  });

  it('GIVEN a prefix only made of slashes, normalizePrefix alone would empty it: the spec refuses it first', () => {
    expect(normalizePrefix('///')).toBe('');
    expect(checkField('prefix', '///').ok).toBe(false);
  });
});

describe('the issuer', () => {
  it.each([
    ['', ''],
    ['  ', ''],
    ['\n', ''],
  ])('GIVEN %j (blank) THEN it is unset', (typed, value) => {
    expect(checkField('oidcIssuer', typed)).toEqual({ ok: true, value });
  });

  it.each(['\u200b', '\ufeff', '\u3000', '\u00a0'])('GIVEN %j (invisible, not blank) THEN it is refused, not taken as unset', (typed) => {
    expect(checkField('oidcIssuer', typed).ok).toBe(false);
  });

  it('normalizes only ASCII whitespace around it', () => {
    expect(normalizeOidcIssuer(' oidc.example.com/id/X/\n')).toBe('https://oidc.example.com/id/X');
    expect(normalizeOidcIssuer('\u3000oidc.example.com')).toBe('https://\u3000oidc.example.com');
  });
});

describe('long values in messages', () => {
  it.each([
    ['a namespace', () => validRawConfig({ bindings: [validRawBinding({ namespace: 'A'.repeat(10_000_000) })] }), 'bindings[0].namespace'],
    ['a prefix', () => validRawConfig({ bindings: [validRawBinding({ prefix: `${'p'.repeat(10_000_000)}*` })] }), 'bindings[0].prefix'],
    ['an access level', () => validRawConfig({ bindings: [validRawBinding({ access: 'w'.repeat(10_000_000) })] }), 'bindings[0].access'],
    ['an unknown key', () => validRawConfig({ bindings: [validRawBinding({ [`\u001b${'k'.repeat(10_000_000)}`]: 1 })] }), 'bindings[0]."\\u001bkkkk'],
  ])('GIVEN %s of 10 million characters THEN the message quotes its first 60 and its length', (_, raw, field) => {
    let error: unknown;
    try {
      parseConfig(raw());
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(InvalidConfigError);
    const message = (error as Error).message;
    expect(message.length).toBeLessThan(1000);
    expect(message).toContain(field);
    expect(message).toMatch(/"…\(1000000\d characters\)/);
  });
});
