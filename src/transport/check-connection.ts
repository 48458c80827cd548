import SMTPConnection from 'nodemailer/lib/smtp-connection';
import wellKnown from 'nodemailer/lib/well-known';
import type { SmtpSettings } from '../config';
import { smtpOptions } from './smtp-options';

export interface ConnectionCheck {
  ok: boolean;
  message: string;
}

/** What a connection that got through the greeting showed. */
export interface CheckFindings {
  /** TLS from the start or after STARTTLS. */
  secure: boolean;
  /** EMAIL_HOST_USER, if set. */
  user?: string;
  /** The server offered AUTH. */
  offersAuth: boolean;
  /** A login was tried and accepted. */
  loggedIn: boolean;
}

/**
 * The check's verdict in words, saying only what happened: a login is claimed
 * only when one was made, and a user that could not be used is an error,
 * since mail would go out without it (Nodemailer skips the login when the
 * server offers no AUTH) and most servers then refuse to relay it.
 */
export function describeCheck(where: string, f: CheckFindings): ConnectionCheck {
  const link = `connected to ${where} ${f.secure ? 'over TLS' : 'without TLS'}`;
  if (f.user === undefined) return { ok: true, message: `${link}; no login tried (EMAIL_HOST_USER is not set)` };
  if (f.loggedIn) return { ok: true, message: `${link} and logged in as ${f.user}` };
  const hint = f.secure ? '' : '; many servers offer it only over TLS (EMAIL_USE_TLS=true or EMAIL_USE_SSL=true)';
  return { ok: false, message: `${link}, but the server offers no login (AUTH), so EMAIL_HOST_USER was not used${hint}` };
}

/** The options of one plain connection, as the pooled transport would open it; a well-known service supplies host, port and TLS. */
function connectionOptions(s: SmtpSettings) {
  const { service, auth, ...rest } = smtpOptions(s) as ReturnType<typeof smtpOptions> & { service?: string };
  const known = service ? (wellKnown(service) ?? {}) : {};
  return { options: { ...known, ...rest } as SMTPConnection.Options, auth };
}

/**
 * Connects to the configured SMTP server as the sender would (TLS or
 * STARTTLS as configured, then the login if a user is set), says QUIT, and
 * reports what happened or, in plain words, what failed.
 */
export function checkConnection(settings: SmtpSettings, where: string): Promise<ConnectionCheck> {
  const { options, auth } = connectionOptions(settings);
  const connection = new SMTPConnection(options);
  return new Promise((resolve) => {
    let verdict: ConnectionCheck | null = null;
    // Resolves once the connection is over, so a check ends with its QUIT said and answered.
    const settle = (result: ConnectionCheck, polite: boolean) => {
      if (verdict) return;
      verdict = result;
      if (polite) connection.quit();
      else connection.close();
      const timer = setTimeout(() => resolve(result), 2_000);
      connection.once('end', () => {
        clearTimeout(timer);
        resolve(result);
      });
    };
    connection.on('error', (error) => settle({ ok: false, message: explain(error, where) }, false));
    connection.once('end', () => settle({ ok: false, message: explain(new Error('the server closed the connection'), where) }, false));
    connection.connect(() => {
      const found = { secure: connection.secure, user: auth?.user, offersAuth: connection.allowsAuth, loggedIn: false };
      if (!auth || !connection.allowsAuth) return settle(describeCheck(where, found), true);
      connection.login(auth, (error) => {
        if (error) settle({ ok: false, message: explain(error, where) }, true);
        else settle(describeCheck(where, { ...found, loggedIn: true }), true);
      });
    });
  });
}

export function explain(error: unknown, where: string): string {
  const e = error as { code?: string; message?: string; response?: string };
  const detail = (e.response || e.message || String(error)).replace(/\s+/g, ' ').trim();
  // Nodemailer wraps socket errors (code ESOCKET, ECONNECTION); the system error is in the message.
  const has = (pattern: RegExp) => pattern.test(`${e.code ?? ''} ${detail}`);
  if (has(/EAUTH|\b535\b|authentication/i)) return `auth: ${where} refused the username or password (${detail})`;
  if (has(/EDNS|ENOTFOUND|EAI_AGAIN|getaddrinfo/)) return `DNS: the host of ${where} could not be resolved (${detail})`;
  if (has(/ECONNREFUSED/)) return `refused: nothing accepts connections at ${where} (${detail})`;
  if (has(/ETLS|TLS|SSL|certificate|wrong version number/i)) return `TLS: the secure connection to ${where} failed (${detail})`;
  if (has(/ETIMEDOUT|timeout/i)) return `timeout: ${where} did not answer in time (${detail})`;
  return `failed: ${where}: ${detail}`;
}
