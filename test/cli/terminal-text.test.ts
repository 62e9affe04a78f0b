/**
 * What create-irsa prints never acts on the terminal, and the `cd` it suggests can be pasted.
 */
import { printable } from '../../src/cli/printable';
import { shellWord } from '../../src/cli/shell-word';

describe('printable', () => {
  it.each([
    ['plain text, with\nnewlines and\ttabs', 'plain text, with\nnewlines and\ttabs'],
    ['ESC: \u001b[31mred', 'ESC: \\u001b[31mred'],
    ['OSC title: \u001b]0;pwned\u0007', 'OSC title: \\u001b]0;pwned\\u0007'],
    ['CSI as one C1 character: \u009b31m', 'CSI as one C1 character: \\u009b31m'],
    ['other C1: \u0085\u008d\u0090', 'other C1: \\u0085\\u008d\\u0090'],
    ['carriage return hides text\roverwritten', 'carriage return hides text\\u000doverwritten'],
    ['bidi override: abc\u202edcb', 'bidi override: abc\\u202edcb'],
    ['bidi isolates: \u2066x\u2069 \u2067y\u2069 \u2068z\u2069', 'bidi isolates: \\u2066x\\u2069 \\u2067y\\u2069 \\u2068z\\u2069'],
    ['zero width: a\u200bb\u200dc\u2060d\ufeffe', 'zero width: a\\u200bb\\u200dc\\u2060d\\ufeffe'],
    ['a lone surrogate: \ud800', 'a lone surrogate: \\ud800'],
    ['accents and scripts stay: données 日報', 'accents and scripts stay: données 日報'],
  ])('GIVEN %j THEN it prints %j', (text, shown) => {
    expect(printable(text)).toBe(shown);
  });
});

describe('shellWord, for the cd of the next steps', () => {
  it.each([
    ['payments-irsa', 'payments-irsa'],
    ['../infra/irsa_v2', '../infra/irsa_v2'],
    ['.', '.'],
    ['my project', "'my project'"],
    ['a;rm -rf ~', "'a;rm -rf ~'"],
    ['$(whoami)', "'$(whoami)'"],
    ['`id`', "'`id`'"],
    ["it's", "'it'\\''s'"],
    ['données', "'données'"],
    ['-rf', './-rf'],
    ['out\u001b[31m', "$'out\\u001b[31m'"],
    ["a'b\u202ec\\", "$'a\\'b\\u202ec\\\\'"],
    ['tag\u{e0041}', "$'tag\\U000e0041'"],
  ])('GIVEN %j THEN it is %s', (path, word) => {
    expect(shellWord(path)).toBe(word);
  });
});
