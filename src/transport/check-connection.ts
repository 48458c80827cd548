import type { MailTransport } from './mail-transport';

/** Opens and closes a connection to the mail server and says in plain words what failed. */
export async function checkConnection(transport: MailTransport, where: string): Promise<{ ok: boolean; message: string }> {
  try {
    await transport.verify();
    return { ok: true, message: `connected to ${where} and logged in` };
  } catch (error) {
    return { ok: false, message: explain(error, where) };
  }
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
