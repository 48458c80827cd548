import { locales, type Locale } from './vocabulary';

/**
 * A stored locale ("de", "de-AT", "DE_ch") as one the templates have, or the
 * default. Regional variants use their language; unknown languages get the default.
 */
export function resolveLocale(stored: string | null | undefined, fallback: Locale): Locale {
  if (!stored) return fallback;
  const language = stored.trim().toLowerCase().split(/[-_]/)[0];
  return (locales as readonly string[]).includes(language) ? (language as Locale) : fallback;
}
