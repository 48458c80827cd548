/** The id every email about one ticket refers to, so mail clients show one conversation. */
export const ticketRootMessageId = (ticketId: number, domain: string) => `<ticket-${ticketId}@${domain}>`;

export function threadHeaders(ticketId: number | null, domain: string): Record<string, string> {
  if (ticketId === null) return {};
  const root = ticketRootMessageId(ticketId, domain);
  return { 'In-Reply-To': root, References: root };
}
