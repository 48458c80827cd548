import type { SmtpSettings } from '../config';

/**
 * Nodemailer options for a pooled SMTP transport. With EMAIL_SERVICE set,
 * Nodemailer's own table of well-known providers supplies host, port and TLS.
 * EMAIL_USE_TLS means STARTTLS is required; EMAIL_USE_SSL means TLS from the
 * first byte (port 465).
 */
export function smtpOptions(s: SmtpSettings) {
  const auth = s.user ? { user: s.user, pass: s.password ?? '' } : undefined;
  const timeouts = { connectionTimeout: s.timeoutMs, greetingTimeout: s.timeoutMs, socketTimeout: s.timeoutMs * 3 };
  const pool = { pool: true, maxConnections: s.poolSize, maxMessages: 100 };
  if (s.service) return { service: s.service, auth, ...timeouts, ...pool };
  return {
    host: s.host,
    port: s.port,
    secure: s.useSsl,
    requireTLS: s.useTls && !s.useSsl,
    ignoreTLS: !s.useTls && !s.useSsl,
    auth,
    ...timeouts,
    ...pool,
  };
}
