import { boundedText, quoteValue } from '../../src/text/quote-value';
import { escapeJsonForIam, iamDescription } from '../../src/text/iam-text';

describe('quoteValue', () => {
  it.each([
    ['billing', '"billing"'],
    ['été', '"été"'],
    ['a"b\\c', '"a\\"b\\\\c"'],
    ['\u001b[31mred', '"\\u001b[31mred"'],
    ['\u009b31m', '"\\u009b31m"'],
    ['a\u202eb', '"a\\u202eb"'],
    ['a\u2066b\u2069', '"a\\u2066b\\u2069"'],
    ['a\u200bb', '"a\\u200bb"'],
    ['\ufeffx', '"\\ufeffx"'],
    ['x\u00a0', '"x\\u00a0"'],
    ['x\u3000', '"x\\u3000"'],
    ['\ud800', '"\\ud800"'],
    ['\u2028', '"\\u2028"'],
    ['x\u{e0041}', '"x\\udb40\\udc41"'],
    ['a'.repeat(80), `"${'a'.repeat(80)}"`],
    ['a'.repeat(81), `"${'a'.repeat(60)}"…(81 characters)`],
    [`${'a'.repeat(59)}\u001b${'b'.repeat(100)}`, `"${'a'.repeat(59)}\\u001b"…(160 characters)`],
  ])('GIVEN %j THEN it is quoted as %s', (value, quoted) => {
    expect(quoteValue(value)).toBe(quoted);
  });

  it('GIVEN 50 MB THEN the quote stays short', () => {
    expect(quoteValue('x'.repeat(50_000_000))).toBe(`"${'x'.repeat(60)}"…(50000000 characters)`);
  });
});

describe('boundedText', () => {
  it('escapes and bounds a parser message', () => {
    expect(boundedText(`Unknown option '--\u001b]0;x\u0007${'y'.repeat(500)}'`)).toBe(`Unknown option '--\\u001b]0;x\\u0007${'y'.repeat(176)}…(525 characters)`);
  });
});

describe('escapeJsonForIam', () => {
  it.each([
    ['{"a":"exports/"}', '{"a":"exports/"}'],
    ['{"a":"données/"}', '{"a":"données/"}'],
    ['{"a":"日報/"}', '{"a":"\\u65e5\\u5831/"}'],
    ['{"a":"📦"}', '{"a":"\\ud83d\\udce6"}'],
  ])('GIVEN %s THEN IAM gets %s, which parses to the same document', (json, escaped) => {
    expect(escapeJsonForIam(json)).toBe(escaped);
    expect(JSON.parse(escapeJsonForIam(json))).toEqual(JSON.parse(json));
  });
});

describe('iamDescription', () => {
  const IAM_DESCRIPTION = /^[\t\n\r\u0020-\u007e\u00a1-\u00ff]{0,1000}$/;

  it.each([
    ['S3 read access to b, prefix exports/', 'S3 read access to b, prefix exports/'],
    ['prefix données/', 'prefix données/'],
    ['prefix 日報/', 'prefix \\u65e5\\u5831/'],
    ['prefix 📦/', 'prefix \\ud83d\\udce6/'],
    ['a\u00a0b\u007fc\u0085d\u00ade', 'a\\u00a0b\\u007fc\\u0085d\\u00ade'],
  ])('GIVEN %j THEN it is %j, which IAM accepts', (text, description) => {
    expect(iamDescription(text)).toBe(description);
    expect(iamDescription(text)).toMatch(IAM_DESCRIPTION);
  });

  it.each([
    ['ASCII', 'p'.repeat(1100)],
    ['characters that are escaped', '日'.repeat(400)],
  ])('GIVEN a text over 1,000 characters (%s) THEN it is cut to 1,000, ending in "..." and never inside an escape', (_, text) => {
    const description = iamDescription(text);
    expect(description).toMatch(IAM_DESCRIPTION);
    expect(description.length).toBeLessThanOrEqual(1000);
    expect(description.endsWith('...')).toBe(true);
    expect(description.slice(0, -3)).toMatch(/^(p|\\u65e5)+$/);
  });

  it('GIVEN exactly 1,000 characters THEN nothing is cut', () => {
    expect(iamDescription('p'.repeat(1000))).toBe('p'.repeat(1000));
  });
});
