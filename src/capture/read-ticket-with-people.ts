import type { KnownPeople, PersonRecord } from '../enqueue';
import type { TicketState } from '../notifications';

/**
 * How a write holds its ticket row on PostgreSQL from the read before the
 * write until commit, so that concurrent writers of the ticket queue behind
 * each other and each diffs against the state the one before it committed.
 * FOR NO KEY UPDATE is the lock an UPDATE takes anyway (it lets comments be
 * added meanwhile); FOR UPDATE also holds off new comments, whose foreign key
 * check takes a KEY SHARE lock, for writes that tell their own new comments
 * apart by reading the ticket's comments before and after.
 */
export type RowLock = 'FOR NO KEY UPDATE' | 'FOR UPDATE';

// The ticket is read in a materialised CTE so that the lock applies to it alone: waiting for it, then
// reading the row's newest committed version, is PostgreSQL's rule for a locked single-table read. The
// people are joined outside the lock (left joins: a person this statement's snapshot does not see is
// simply not passed on, and planning reads them).
const select = (ticket: string) => `
SELECT t."id", t."subject", t."description", t."status", t."priority",
       t."customerId", t."createdById", t."assignedToId", t."dueDate",
       c."id" AS "customerFound", c."name" AS "customerName", c."email" AS "customerEmail", c."locale" AS "customerLocale", c."company" AS "customerCompany",
       cb."id" AS "creatorFound", cb."name" AS "creatorName", cb."email" AS "creatorEmail", cb."active" AS "creatorActive",
       cb."locale" AS "creatorLocale", cb."emailDigest" AS "creatorDigest",
       a."id" AS "assigneeFound", a."name" AS "assigneeName", a."email" AS "assigneeEmail", a."active" AS "assigneeActive",
       a."locale" AS "assigneeLocale", a."emailDigest" AS "assigneeDigest"
  FROM ${ticket} t
  LEFT JOIN "Customer" c ON c."id" = t."customerId"
  LEFT JOIN "User" cb ON cb."id" = t."createdById"
  LEFT JOIN "User" a ON a."id" = t."assignedToId"`;

const SQLITE = `${select('"Ticket"')} WHERE t."id" = ?`;
const postgres = (lock: RowLock) => `WITH locked AS MATERIALIZED (SELECT * FROM "Ticket" WHERE "id" = $1 ${lock})${select('locked')}`;

/**
 * The ticket as it is before a write, with its customer, creator and
 * assignee, in one statement, and on PostgreSQL with the ticket's row locked
 * (`lock`). Through Prisma this takes three to four queries (the ticket, then
 * the people), each with its own fixed cost, and this read sits on every
 * update's path.
 */
export async function readTicketWithPeople(
  db: any,
  provider: 'sqlite' | 'postgresql',
  id: number,
  lock: RowLock = 'FOR NO KEY UPDATE',
): Promise<{ ticket: TicketState; people: KnownPeople } | null> {
  const rows: any[] = await db.$queryRawUnsafe(provider === 'sqlite' ? SQLITE : postgres(lock), id);
  if (rows.length === 0) return null;
  const r = rows[0];
  // Both adapters return these columns as the types Prisma would (a test compares the two reads).
  const ticket: TicketState = {
    id: r.id,
    subject: r.subject,
    description: r.description,
    status: r.status,
    priority: r.priority,
    customerId: r.customerId,
    createdById: r.createdById,
    assignedToId: r.assignedToId,
    dueDate: r.dueDate,
  };
  const users: PersonRecord[] = [];
  if (r.creatorFound !== null) {
    users.push({ kind: 'user', id: ticket.createdById, name: r.creatorName, email: r.creatorEmail, active: r.creatorActive, locale: r.creatorLocale, emailDigest: r.creatorDigest });
  }
  if (ticket.assignedToId !== null && r.assigneeFound !== null) {
    users.push({
      kind: 'user',
      id: ticket.assignedToId,
      name: r.assigneeName,
      email: r.assigneeEmail,
      active: r.assigneeActive,
      locale: r.assigneeLocale,
      emailDigest: r.assigneeDigest,
    });
  }
  const customers: PersonRecord[] =
    r.customerFound === null
      ? []
      : [{ kind: 'customer', id: ticket.customerId, name: r.customerName, email: r.customerEmail, active: true, locale: r.customerLocale, company: r.customerCompany }];
  return { ticket, people: { users, customers } };
}

/**
 * Locks the tickets with these ids, in id order so two batch writers cannot
 * deadlock on each other, and returns the ids still there. PostgreSQL only:
 * SQLite serialises writers already.
 */
export async function lockTickets(db: any, ids: number[]): Promise<number[]> {
  if (ids.length === 0) return [];
  const rows: { id: number }[] = await db.$queryRawUnsafe(
    'SELECT "id" FROM "Ticket" WHERE "id" = ANY($1::integer[]) ORDER BY "id" FOR NO KEY UPDATE',
    ids,
  );
  return rows.map((r) => r.id);
}
