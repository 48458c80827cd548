import type { Locale } from '../../src/notifications';
import { de } from './de';
import { en, type MessageKey } from './en';

export type { MessageKey };

const catalogs: Record<Locale, Partial<Record<MessageKey, string>>> = { en, de };

/** The text for `key` in `locale` (English when that language lacks it), with {placeholders} filled in. */
export function t(locale: Locale | undefined, key: MessageKey, vars: Record<string, string | number> = {}): string {
  // The locale comes from a stored outbox row: one this build lacks reads as English.
  return translate(catalogs[locale ?? 'en'] ?? en, key, vars);
}

/**
 * What t() does, for any catalog: the text for `key`, English when the
 * catalog lacks it, with {placeholders} filled in (once: a value that holds
 * braces is not read as a placeholder).
 */
export function translate(catalog: Partial<Record<MessageKey, string>>, key: MessageKey, vars: Record<string, string | number> = {}): string {
  const text = catalog[key] ?? en[key];
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

/** Keys English has and `locale` does not: what a translator still has to do. */
export function missingTranslations(locale: Locale): MessageKey[] {
  return (Object.keys(en) as MessageKey[]).filter((key) => catalogs[locale][key] === undefined);
}
