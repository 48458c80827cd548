/** One recipient block of a delivery-status report (RFC 3464 section 2.3). */
export interface DsnRecipient {
  /** Lower-case address from Final-Recipient, or Original-Recipient when that is missing. */
  address: string | null;
  /** Lower-case address from Original-Recipient (the one the sender gave), or null. */
  original: string | null;
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
  /** Recipient blocks past MAX_DSN_RECIPIENTS, not read. */
  unread: number;
}

/**
 * Recipient blocks read from one report. A report answers one email, and our
 * emails each have one recipient, so a real one names one address (two or
 * three when a server expanded an alias); thousands are a forgery, and each
 * block read costs a database lookup.
 */
export const MAX_DSN_RECIPIENTS = 50;

// The longest address (RFC 5321 allows 254 in a path; a little slack for odd
// servers). Anything longer is not an address, and would be stored.
const MAX_ADDRESS = 320;

const isBlank = (line: string) => line.trim() === '';

/**
 * The fields of header-style lines, where a line starting with white space
 * continues the previous field (folding, RFC 5322 2.2.3). Names are
 * case-insensitive, so they come back lower-case; a repeated field keeps its
 * first value. A folded value is gathered in pieces and joined once: adding
 * each line to a growing string made 200,000 folded lines take seconds.
 */
function fieldsOf(lines: readonly string[]): Record<string, string> {
  const pieces = new Map<string, string[]>();
  let current: string[] | null = null;
  for (const line of lines) {
    if (current !== null && (line.startsWith(' ') || line.startsWith('\t'))) {
      const piece = line.trim();
      if (piece !== '') current.push(piece);
      continue;
    }
    const colon = line.indexOf(':');
    const name = colon > 0 ? line.slice(0, colon).trim().toLowerCase() : '';
    if (name === '' || pieces.has(name)) {
      current = null;
      continue;
    }
    const first = line.slice(colon + 1).trim();
    current = first === '' ? [] : [first];
    pieces.set(name, current);
  }
  // fromEntries defines own properties: a field named __proto__ stays a field.
  return Object.fromEntries([...pieces].map(([name, parts]) => [name, parts.join(' ')]));
}

const linesOf = (text: string) => text.split(/\r\n|\r|\n/);

/** The fields of one block of header-style lines (see fieldsOf). */
export function parseFieldBlock(block: string): Record<string, string> {
  return fieldsOf(linesOf(block));
}

/** `rfc822; Carol@Example.com` → `carol@example.com`; the address type is optional, angle brackets are dropped. */
export function addressOf(value: string | undefined): string | null {
  if (value === undefined) return null;
  const typed = /^\s*[A-Za-z0-9-]+\s*;(.*)$/.exec(value);
  const address = (typed ? typed[1] : value).trim().replace(/^<(.*)>$/, '$1').trim().toLowerCase();
  return address === '' || address.length > MAX_ADDRESS ? null : address;
}

/** `5.1.1 (bad destination mailbox)` → `5.1.1`; anything that is not a status code → null. */
export function statusCodeOf(value: string | undefined): string | null {
  const m = value === undefined ? null : /^\s*([245])\.(\d{1,3})\.(\d{1,3})\b/.exec(value);
  return m ? `${m[1]}.${m[2]}.${m[3]}` : null;
}

/** Consecutive non-blank lines; a line of only white space separates blocks. */
function blocksOf(text: string): string[][] {
  const blocks: string[][] = [];
  let block: string[] = [];
  for (const line of linesOf(text)) {
    if (!isBlank(line)) {
      block.push(line);
      continue;
    }
    if (block.length > 0) blocks.push(block);
    block = [];
  }
  if (block.length > 0) blocks.push(block);
  return blocks;
}

/**
 * The body of a message/delivery-status part: blocks separated by blank
 * lines, the first one about the message, each later one about a recipient.
 * Blocks without a recipient field (stray text) are ignored, and blocks past
 * MAX_DSN_RECIPIENTS are counted, not read. Linear in the length of the text.
 */
export function parseDeliveryStatus(text: string): DeliveryStatus {
  const [first = [], ...rest] = blocksOf(text);
  const recipients: DsnRecipient[] = [];
  let unread = 0;
  for (const block of rest) {
    if (recipients.length === MAX_DSN_RECIPIENTS) {
      unread++;
      continue;
    }
    const f = fieldsOf(block);
    const original = addressOf(f['original-recipient']);
    const address = addressOf(f['final-recipient']) ?? original;
    if (address === null && f.action === undefined && f.status === undefined) continue;
    recipients.push({
      address,
      original,
      action: f.action ? f.action.trim().toLowerCase().split(/[\s(]/)[0] : null,
      status: statusCodeOf(f.status),
      diagnostic: f['diagnostic-code'] ?? null,
    });
  }
  return { message: fieldsOf(first), recipients, unread };
}
