import { createHash, randomUUID } from 'node:crypto';

/**
 * The Message-ID of the first email a recipient gets about a ticket (its
 * ticket_created email), which every later email to them refers to. It is
 * derived, not stored, so any later email can name it. It is per recipient
 * because each recipient's copy of the first email is a message of its own.
 */
export function threadRootId(ticketId: number, address: string, domain: string): string {
  const who = createHash('sha256').update(address.trim().toLowerCase()).digest('hex').slice(0, 16);
  return `<ticket-${ticketId}.${who}@${domain}>`;
}

/** A fresh Message-ID for any other email, on the app's own domain. */
export function newMessageId(event: string, ticketId: number | null, domain: string): string {
  return `<${event.replace(/_/g, '-')}.${ticketId ?? 'none'}.${randomUUID()}@${domain}>`;
}
