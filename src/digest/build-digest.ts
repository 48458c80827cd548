import { DIGEST_EVENT, type DigestEntry, type DigestPayload, type DigestTicket, type EntityId, type Locale } from '../notifications';
import type { HeldRow } from '../outbox';
import { excerpt } from './excerpt';

/** The idempotency key of the digest of a person's held rows: a retried run finds the digest it made. */
export const digestKey = (kind: 'user' | 'customer', id: number | string, lowestHeldId: number) => `digest:${kind}:${id}:${lowestHeldId}`;

/** One held email as a summary line. */
export function entryOf(row: HeldRow): DigestEntry {
  const p = row.payload;
  return {
    event: p.event,
    at: row.createdAt.toISOString(),
    actorName: p.actorName,
    created: p.created,
    status: p.status,
    assignment: p.assignment,
    changes: p.changes,
    comments: p.comments.map((c) => ({
      authorName: c.authorName,
      excerpt: excerpt(c.content),
      isInternal: c.isInternal,
      attachments: (c.attachments ?? []).map((a) => a.filename),
    })),
    overdue: p.overdue,
  };
}

/**
 * Held rows grouped by ticket. Entries keep the order the emails were held
 * in; tickets come in the order of their first entry; a ticket's facts
 * (subject, status, …) are those of its latest held email.
 */
export function groupByTicket(rows: readonly HeldRow[]): DigestTicket[] {
  const sorted = [...rows].sort((a, b) => a.id - b.id);
  const tickets = new Map<EntityId, DigestTicket>();
  for (const row of sorted) {
    const t = row.payload.ticket;
    const ticket = tickets.get(t.id) ?? { id: t.id, subject: t.subject, status: t.status, priority: t.priority, assigneeName: t.assigneeName, entries: [] };
    Object.assign(ticket, { subject: t.subject, status: t.status, priority: t.priority, assigneeName: t.assigneeName });
    ticket.entries.push(entryOf(row));
    tickets.set(t.id, ticket);
  }
  return [...tickets.values()];
}

/** The digest of one person's held rows; their current name and language, not those the rows were held with. */
export function buildDigestPayload(args: { name: string; locale: Locale; day: string; rows: readonly HeldRow[] }): DigestPayload {
  return {
    event: DIGEST_EVENT,
    audience: 'staff',
    recipient: { name: args.name },
    locale: args.locale,
    day: args.day,
    updates: args.rows.length,
    tickets: groupByTicket(args.rows),
  };
}
