import fc from 'fast-check';
import { terminalText } from '../../scripts/terminal-text';

describe('terminalText', () => {
  it.each([
    ['an ESC sequence that clears the screen', 'a\x1b[2Jb', 'a\\x1b[2Jb'],
    ['an OSC sequence that sets the window title, ended by BEL', '\x1b]0;pwned\x07', '\\x1b]0;pwned\\x07'],
    ['a colour that would hide the rest', 'carol\x1b[8m@x.test', 'carol\\x1b[8m@x.test'],
    ['a carriage return that overwrites the line', 'ok\rforged', 'ok\\rforged'],
    ['a line feed that starts a fake line', 'a\nnow bouncing: ceo@x.test', 'a\\nnow bouncing: ceo@x.test'],
    ['a tab', 'a\tb', 'a\\tb'],
    ['the bell', 'ding\x07', 'ding\\x07'],
    ['NUL, backspace and DEL', '\x00\x08\x7f', '\\x00\\x08\\x7f'],
    ['C1 CSI, which some terminals obey like ESC [', 'a\x9b2Jb', 'a\\x9b2Jb'],
    ['C1 OSC and ST', '\x9d0;t\x9c', '\\x9d0;t\\x9c'],
    ['a right-to-left override', 'evil\u202Egnp.exe', 'evil\\u202egnp.exe'],
    ['bidi isolates and marks', '\u2066a\u2067b\u2068c\u2069\u200E\u200F\u061C', '\\u2066a\\u2067b\\u2068c\\u2069\\u200e\\u200f\\u061c'],
    ['embeddings and pop', '\u202Aa\u202Bb\u202Cc\u202D', '\\u202aa\\u202bb\\u202cc\\u202d'],
    ['line and paragraph separators', 'a\u2028b\u2029c', 'a\\u2028b\\u2029c'],
  ])('escapes %s', (_what, input, output) => {
    expect(terminalText(input)).toBe(output);
  });

  it('leaves ordinary text alone: other scripts, emoji (with their joiners), backslashes', () => {
    for (const text of ['carol@customer.test  1 hard, 0 soft', 'Jörg Müller — 東京 — مرحبا', '👩‍💻 🇩🇪', 'C:\\path\\x1b']) {
      expect(terminalText(text)).toBe(text);
    }
  });

  it('never lets a control character through, whatever the input', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        expect(terminalText(s)).not.toMatch(/[\p{Cc}\p{Bidi_Control}\u2028\u2029]/u);
      }),
      { numRuns: 2000 },
    );
  });
});
