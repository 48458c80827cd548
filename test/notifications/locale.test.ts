import { resolveLocale, locales, type Locale } from '../../src/notifications';

describe('resolveLocale', () => {
  it.each(locales)('no stored locale means the default (%s)', (fallback) => {
    for (const stored of [null, undefined, '']) expect(resolveLocale(stored, fallback)).toBe(fallback);
  });

  const cases: [string, Locale | 'fallback'][] = [
    ['en', 'en'],
    ['de', 'de'],
    ['DE', 'de'],
    ['de-AT', 'de'],
    ['de-CH', 'de'],
    ['DE_ch', 'de'],
    ['de_DE.UTF-8', 'de'],
    [' de ', 'de'],
    ['en-US', 'en'],
    ['en_GB', 'en'],
    ['EN', 'en'],
    ['fr', 'fallback'],
    ['fr-FR', 'fallback'],
    ['deu', 'fallback'],
    ['ger', 'fallback'],
    ['d', 'fallback'],
    ['-de', 'fallback'],
    ['   ', 'fallback'],
    ['english', 'fallback'],
  ];
  describe.each(locales)('with default %s', (fallback) => {
    it.each(cases)('%j resolves to %s', (stored, expected) => {
      expect(resolveLocale(stored, fallback)).toBe(expected === 'fallback' ? fallback : expected);
    });
  });

  it('every language the templates have resolves to itself, in any case and with any region', () => {
    for (const locale of locales)
      for (const fallback of locales)
        for (const stored of [locale, locale.toUpperCase(), `${locale}-XX`, `${locale}_yy`]) expect(resolveLocale(stored, fallback)).toBe(locale);
  });
});
