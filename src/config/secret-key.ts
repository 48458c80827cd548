import type { EmailBackend } from './config';

// Known to everyone who reads this file: it only signs links in emails that
// never leave the machine (console, file, dummy backends), and it is refused
// as a SECRET_KEY anywhere.
export const DEVELOPMENT_SECRET_KEY = 'development-only-key-never-use-for-real-mail-0000';

export const SECRET_KEY_MIN_LENGTH = 32;

// A random key of 32 hex digits (`openssl rand -hex 16`, the shortest that
// passes) has fewer than 8 different ones about once in 28 million; of 64
// (`openssl rand -hex 32`, what we recommend) practically never. Typed
// placeholders have fewer: 'a' × 32, 'password' × 4, 'changeme…', 'secret…'.
export const SECRET_KEY_MIN_DISTINCT = 8;

const HOW = 'make one with: openssl rand -hex 32';

/** Backends whose emails reach real inboxes, where a forged unsubscribe link would do harm. */
const REAL_MAIL: ReadonlySet<EmailBackend> = new Set(['smtp', 'ses']);

export const sendsRealMail = (backend: EmailBackend) => REAL_MAIL.has(backend);

/** The length of the shortest piece whose repetition makes up the key (the key's own length when there is none). */
function period(key: string): number {
  for (let p = 1; p <= key.length / 2; p++) {
    let repeats = true;
    for (let i = p; i < key.length && repeats; i++) repeats = key[i] === key[i - p];
    if (repeats) return p;
  }
  return key.length;
}

/**
 * Why a SECRET_KEY cannot sign links, or null when it can. The rule: at least
 * 32 characters, at least 8 different ones, not a shorter piece repeated
 * ('abcd' × 8, or 'abc' × 10 + 'ab'), and not the development key. The
 * answer never quotes the key.
 */
export function secretKeyProblem(key: string): string | null {
  const chars = [...key];
  if (chars.length < SECRET_KEY_MIN_LENGTH) return `is too short; expected at least ${SECRET_KEY_MIN_LENGTH} characters (${HOW})`;
  if (key === DEVELOPMENT_SECRET_KEY) return `is the development key, which is published in the source; expected a key of your own (${HOW})`;
  const distinct = new Set(chars).size;
  const expected = `expected at least ${SECRET_KEY_MIN_DISTINCT} different characters and no short piece repeated (${HOW})`;
  if (distinct < SECRET_KEY_MIN_DISTINCT) return `has too little variety (${distinct} different characters); ${expected}`;
  const p = period(key);
  if (p <= key.length / 2) return `has too little variety (a piece of ${p} characters repeated); ${expected}`;
  return null;
}

/** Who needs a key of their own even where no real mail is sent. */
export interface SecretKeyDemand {
  /** The command that checks signatures on links from outside, e.g. `npm run serve`. */
  requiredBy?: string;
  /** NODE_ENV=production: the development key is never accepted there. */
  production: boolean;
}

/**
 * The key that signs unsubscribe links: SECRET_KEY, or the development key
 * where no real mail is sent, no outside request is checked and
 * NODE_ENV is not production. Returns a problem line (for ConfigError) when
 * the key is unset but required. A set key is checked by secretKeyProblem,
 * in the schema.
 */
export function resolveSecretKey(
  backend: EmailBackend,
  secretKey: string | undefined,
  demand: SecretKeyDemand = { production: false },
): { key: string; development: boolean } | { problem: string } {
  if (secretKey !== undefined) return { key: secretKey, development: false };
  const expected = `expected at least ${SECRET_KEY_MIN_LENGTH} characters (${HOW})`;
  if (demand.requiredBy) {
    return {
      problem: `SECRET_KEY (unset) is required by ${demand.requiredBy}: it checks the signature of every unsubscribe link, and with the published development key anyone could forge one; ${expected}`,
    };
  }
  if (demand.production) {
    return { problem: `SECRET_KEY (unset) is required with NODE_ENV=production: it signs the unsubscribe links in every email; ${expected}` };
  }
  if (sendsRealMail(backend)) {
    return { problem: `SECRET_KEY (unset) is required with EMAIL_BACKEND=${backend}: it signs the unsubscribe links in every email; ${expected}` };
  }
  return { key: DEVELOPMENT_SECRET_KEY, development: true };
}
