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
  const e = error as { code?: string; responseCode?: number; message?: string; response?: string };
  const detail = (e.response || e.message || String(error)).replace(/\s+/g, ' ').trim();
  switch (e.code) {
    case 'EDNS':
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `DNS: the host of ${where} could not be resolved (${detail})`;
    case 'ECONNREFUSED':
      return `refused: nothing accepts connections at ${where} (${detail})`;
    case 'ETIMEDOUT':
    case 'ECONNECTION':
    case 'ESOCKET':
      if (/tls|ssl|certificate|wrong version/i.test(detail)) return `TLS: the secure connection to ${where} failed (${detail})`;
      return `connection: ${where} did not answer properly (${detail})`;
    case 'ETLS':
      return `TLS: the secure connection to ${where} failed (${detail})`;
    case 'EAUTH':
      return `auth: ${where} refused the username or password (${detail})`;
    default:
      return `failed: ${detail}`;
  }
}
