/** One recipient block of a delivery-status report (RFC 3464 section 2.3). */
export interface DsnRecipient {
  /** Lower-case address from Final-Recipient, or Original-Recipient when that is missing. */
  address: string | null;
  /** Lower-case: failed, delayed, delivered, relayed, expanded; null when absent. */
  action: string | null;
  /** The x.y.z code alone, comments dropped; null when absent. */
  status: string | null;
  diagnostic: string | null;
}

export interface DeliveryStatus {
  /** Per-message fields (Reporting-MTA, Arrival-Date, …), names lower-case. */
  message: Record<string, string>;
  recipients: DsnRecipient[];
}

/**
 * The fields of one block: header-style lines, where a line starting with
 * white space continues the previous field (folding, RFC 5322 2.2.3). Names
 * are case-insensitive, so they come back lower-case; a repeated field keeps
 * its first value.
 */
export function parseFieldBlock(block: string): Record<string, string> {
  const fields: Record<string, string> = {};
  let current: string | null = null;
  for (const line of block.split('\n')) {
    if (/^[ \t]/.test(line) && current !== null) {
      fields[current] = `${fields[current]} ${line.trim()}`.trim();
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) {
      current = null;
      continue;
    }
    const name = line.slice(0, colon).trim().toLowerCase();
    if (name in fields) {
      current = null;
      continue;
    }
    fields[name] = line.slice(colon + 1).trim();
    current = name;
  }
  return fields;
}

/** `rfc822; Carol@Example.com` → `carol@example.com`; the address type is optional, angle brackets are dropped. */
export function addressOf(value: string | undefined): string | null {
  if (value === undefined) return null;
  const typed = /^\s*[A-Za-z0-9-]+\s*;(.*)$/.exec(value);
  const address = (typed ? typed[1] : value).trim().replace(/^<(.*)>$/, '$1').trim().toLowerCase();
  return address === '' ? null : address;
}

/** `5.1.1 (bad destination mailbox)` → `5.1.1`; anything that is not a status code → null. */
export function statusCodeOf(value: string | undefined): string | null {
  const m = value === undefined ? null : /^\s*([245])\.(\d{1,3})\.(\d{1,3})\b/.exec(value);
  return m ? `${m[1]}.${m[2]}.${m[3]}` : null;
}

/**
 * The body of a message/delivery-status part: blocks separated by blank
 * lines, the first one about the message, each later one about a recipient.
 * Blocks without a recipient field (stray text) are ignored.
 */
export function parseDeliveryStatus(text: string): DeliveryStatus {
  const blocks = text
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t]*\n/)
    .map((b) => b.replace(/^\n+|\n+$/g, ''))
    .filter((b) => b.trim() !== '');
  const [first = '', ...rest] = blocks;
  const recipients: DsnRecipient[] = [];
  for (const block of rest) {
    const f = parseFieldBlock(block);
    const address = addressOf(f['final-recipient']) ?? addressOf(f['original-recipient']);
    if (address === null && f.action === undefined && f.status === undefined) continue;
    recipients.push({
      address,
      action: f.action ? f.action.trim().toLowerCase().split(/[\s(]/)[0] : null,
      status: statusCodeOf(f.status),
      diagnostic: f['diagnostic-code'] ?? null,
    });
  }
  return { message: parseFieldBlock(first), recipients };
}
