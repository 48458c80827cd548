import { threadRootId } from '../outbox';

/**
 * In-Reply-To and References name the recipient's first email about the
 * ticket, so mail clients file every email about one ticket in one thread.
 * The first email itself refers to nothing.
 */
export function threadHeaders(ticketId: number | null, address: string, messageId: string, domain: string): Record<string, string> {
  if (ticketId === null) return {};
  const root = threadRootId(ticketId, address, domain);
  if (root === messageId) return {};
  return { 'In-Reply-To': root, References: root };
}
