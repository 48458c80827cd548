/**
 * Whether a failed send is worth retrying. SMTP 5xx replies (unknown mailbox,
 * rejected content) are permanent; 4xx replies, timeouts, refused or dropped
 * connections are temporary.
 */
export function isPermanentFailure(error: unknown): boolean {
  const code = (error as { responseCode?: number })?.responseCode;
  return typeof code === 'number' && code >= 500 && code < 600;
}

/** One line for the outbox row and the log: the server's reply when there is one. */
export function describeFailure(error: unknown): string {
  const e = error as { response?: string; code?: string; message?: string };
  const text = e?.response || e?.message || String(error);
  return (e?.code && !text.includes(e.code) ? `${e.code}: ${text}` : text).replace(/\s+/g, ' ').slice(0, 1000);
}
