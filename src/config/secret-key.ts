import type { EmailBackend } from './config';

// Known to everyone who reads this file: it only signs links in emails that
// never leave the machine (console, file, dummy backends).
export const DEVELOPMENT_SECRET_KEY = 'development-only-key-never-use-for-real-mail-0000';

/** Backends whose emails reach real inboxes, where a forged unsubscribe link would do harm. */
const REAL_MAIL: ReadonlySet<EmailBackend> = new Set(['smtp', 'ses']);

/**
 * The key that signs unsubscribe links: SECRET_KEY, or the development key
 * where no real mail is sent. Returns a problem line (for ConfigError) when a
 * real-mail backend has no key.
 */
export function resolveSecretKey(
  backend: EmailBackend,
  secretKey: string | undefined,
): { key: string; development: boolean } | { problem: string } {
  if (secretKey !== undefined) return { key: secretKey, development: false };
  if (REAL_MAIL.has(backend)) {
    return {
      problem: `SECRET_KEY (unset) is required with EMAIL_BACKEND=${backend}: it signs the unsubscribe links in every email; expected at least 32 characters (make one with: openssl rand -hex 32)`,
    };
  }
  return { key: DEVELOPMENT_SECRET_KEY, development: true };
}
