import { locales } from '../../src/notifications';
import { missingTranslations, t, translate, type MessageKey } from '../../emails/_i18n';
import { en } from '../../emails/_i18n/en';
import { de } from '../../emails/_i18n/de';

const keys = Object.keys(en) as MessageKey[];
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('German', () => {
  it('translates every English text (the failure names the keys left to translate)', () => {
    expect(missingTranslations('de')).toEqual([]);
  });

  it.each(keys.filter((key) => de[key] !== undefined))('%s uses the same placeholders as English', (key) => {
    expect(placeholders(de[key]!)).toEqual(placeholders(en[key]));
  });

  it('has no texts English lacks (a renamed key would be dead here)', () => {
    expect(Object.keys(de).filter((key) => !(key in en))).toEqual([]);
  });
});

describe('a text a language lacks', () => {
  it('falls back to English, placeholders filled in', () => {
    const partial = { viewTicket: 'Ticket #{id} ansehen' };
    expect(translate(partial, 'viewTicket', { id: 7 })).toBe('Ticket #7 ansehen');
    expect(translate(partial, 'statusHeading', { id: 7, status: 'open' })).toBe('Ticket #7 is now open');
    expect(translate({}, 'reasonCreator', { ticket: '#7' })).toBe('You receive this because you created ticket #7.');
  });

  it.each(locales)('in %s: t() gives English for exactly the keys missingTranslations lists', (locale) => {
    const missing = new Set(missingTranslations(locale));
    for (const key of keys) {
      if (missing.has(key)) expect(t(locale, key)).toBe(en[key]);
    }
  });
});

describe('t()', () => {
  it('fills placeholders, leaves unknown ones as they are, and does not read braces in values', () => {
    expect(t('en', 'ticketWithText', { id: 42, text: '{id} {name}' })).toBe('Ticket #42: {id} {name}');
    expect(t('en', 'ticketWithText', { id: 42 })).toBe('Ticket #42: {text}');
    expect(t('de', 'viewTicket', { id: 42 })).toBe('Ticket #42 ansehen');
  });

  it('reads a missing locale (an old outbox row) and an unknown one as English', () => {
    expect(t(undefined, 'viewTicket', { id: 1 })).toBe('View ticket #1');
    expect(t('fr' as never, 'viewTicket', { id: 1 })).toBe('View ticket #1');
  });
});
