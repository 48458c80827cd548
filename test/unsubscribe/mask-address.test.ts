import fc from 'fast-check';
import { maskAddress } from '../../src/unsubscribe';

describe('maskAddress', () => {
  it.each([
    ['mia@customer.example', 'm***@customer.example'],
    ['m@customer.example', 'm***@customer.example'],
    ['carol.private+tickets@home.test', 'c***@home.test'],
    ['@customer.example', '***@customer.example'],
    ['"a@b"@customer.example', '"***@customer.example'],
    ['no-at-sign', 'n***'],
    ['x', 'x***'],
    ['', ''],
    ['zoë@example.de', 'z***@example.de'],
    ['Øystein@example.no', 'Ø***@example.no'],
    // One grapheme, several code points: kept whole.
    ['e\u0301mile@example.fr', 'e\u0301***@example.fr'],
    ['👩‍💻dev@example.com', '👩‍💻***@example.com'],
    ['用户@例子.中国', '用***@例子.中国'],
    ['אבי@example.co.il', 'א***@example.co.il'],
  ])('%s → %s', (address, masked) => {
    expect(maskAddress(address)).toBe(masked);
  });

  it('never shows more of the local part than its first character', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 2, unit: 'grapheme' }).filter((s) => !s.includes('@')), fc.domain(), (local, domain) => {
        const masked = maskAddress(`${local}@${domain}`);
        expect(masked.endsWith(`***@${domain}`)).toBe(true);
        expect(local.startsWith(masked.slice(0, -`***@${domain}`.length))).toBe(true);
        expect(masked.length - `***@${domain}`.length).toBeLessThan(local.length);
      }),
    );
  });
});
