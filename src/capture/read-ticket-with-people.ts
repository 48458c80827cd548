import type { KnownPeople, PersonRecord } from '../enqueue';
import type { TicketState } from '../notifications';

const SELECT = `
SELECT t."id", t."subject", t."description", t."status", t."priority",
       t."customerId", t."createdById", t."assignedToId", t."dueDate",
       c."name" AS "customerName", c."email" AS "customerEmail", c."locale" AS "customerLocale", c."company" AS "customerCompany",
       cb."name" AS "creatorName", cb."email" AS "creatorEmail", cb."active" AS "creatorActive",
       cb."locale" AS "creatorLocale", cb."emailDigest" AS "creatorDigest",
       a."name" AS "assigneeName", a."email" AS "assigneeEmail", a."active" AS "assigneeActive",
       a."locale" AS "assigneeLocale", a."emailDigest" AS "assigneeDigest"
  FROM "Ticket" t
  JOIN "Customer" c ON c."id" = t."customerId"
  JOIN "User" cb ON cb."id" = t."createdById"
  LEFT JOIN "User" a ON a."id" = t."assignedToId"
 WHERE t."id" = `;

/**
 * The ticket as it is before a write, with its customer, creator and
 * assignee, in one statement. Through Prisma this takes three to four
 * queries (the ticket, then the people), each with its own fixed cost, and
 * this read sits on every update's path.
 */
export async function readTicketWithPeople(
  db: any,
  provider: 'sqlite' | 'postgresql',
  id: number,
): Promise<{ ticket: TicketState; people: KnownPeople } | null> {
  const rows: any[] = await db.$queryRawUnsafe(`${SELECT}${provider === 'sqlite' ? '?' : '$1'}`, id);
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
  const users: PersonRecord[] = [
    { kind: 'user', id: ticket.createdById, name: r.creatorName, email: r.creatorEmail, active: r.creatorActive, locale: r.creatorLocale, emailDigest: r.creatorDigest },
  ];
  if (ticket.assignedToId !== null) {
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
  const customers: PersonRecord[] = [
    { kind: 'customer', id: ticket.customerId, name: r.customerName, email: r.customerEmail, active: true, locale: r.customerLocale, company: r.customerCompany },
  ];
  return { ticket, people: { users, customers } };
}
