import type { EmailOutbox } from '../db';
import { legacyThreadRootId } from '../outbox';

/**
 * In-Reply-To and References name the recipient's first email about the
 * ticket, fixed on the row when it was queued, so mail clients file every
 * email about one ticket in one thread. The first email itself refers to
 * nothing, and neither does an email about no ticket (a digest).
 */
export function threadHeaders(row: Pick<EmailOutbox, 'ticketId' | 'recipientEmail' | 'messageId' | 'threadRoot'>, domain: string): Record<string, string> {
  if (row.ticketId === null) return {};
  const root = row.threadRoot ?? legacyThreadRootId(row.ticketId, row.recipientEmail, domain);
  if (root === row.messageId) return {};
  return { 'In-Reply-To': root, References: root };
}
