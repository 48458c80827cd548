import type { Actor, CommentState, Person, TicketPeople, TicketState } from '../notifications';
import { loadMailSettings, type PersonRecord } from './load-mail-settings';

type Db = any;

const staff = (u: { id: number; name: string; email: string; active: boolean; locale: string | null; emailDigest: boolean }): PersonRecord => ({
  kind: 'user',
  id: u.id,
  name: u.name,
  email: u.email,
  active: u.active,
  locale: u.locale,
  emailDigest: u.emailDigest,
});
const customer = (c: { id: number; name: string; email: string | null; locale: string | null; company: string | null }): PersonRecord => ({
  kind: 'customer',
  id: c.id,
  name: c.name,
  email: c.email,
  active: true,
  locale: c.locale,
  company: c.company,
});

/** People already read (with the ticket, before a write), so they need not be read again. */
export interface KnownPeople {
  users: PersonRecord[];
  customers: PersonRecord[];
}

export interface PeopleIndex {
  peopleOf(ticket: TicketState): TicketPeople;
  user(id: number | null): Person | null;
  actor(actor: Actor | undefined): Person | null;
}

/**
 * Reads everyone the emails of one write can mention or reach, in at most
 * three queries whatever the number of tickets, and none for people
 * already known.
 */
export async function loadPeople(
  db: Db,
  tickets: TicketState[],
  newComments: CommentState[],
  extraUserIds: number[],
  actor: Actor | undefined,
  provider: 'sqlite' | 'postgresql',
  known: KnownPeople = { users: [], customers: [] },
): Promise<PeopleIndex> {
  const ticketIds = tickets.map((t) => t.id);
  const newCommentIds = newComments.map((c) => c.id);
  // Earlier internal comments make their authors part of the team for new internal comments.
  const internal = newComments.some((c) => c.isInternal)
    ? await db.ticketComment.findMany({
        where: { ticketId: { in: ticketIds }, isInternal: true, id: { notIn: newCommentIds } },
        select: { ticketId: true, authorId: true },
        distinct: ['ticketId', 'authorId'],
      })
    : [];
  const userIds = new Set<number>(extraUserIds);
  const customerIds = new Set<number>();
  for (const t of tickets) {
    userIds.add(t.createdById);
    if (t.assignedToId !== null) userIds.add(t.assignedToId);
    customerIds.add(t.customerId);
  }
  for (const c of newComments) userIds.add(c.authorId);
  for (const c of internal) userIds.add(c.authorId);
  if (actor?.kind === 'user') userIds.add(actor.id);
  if (actor?.kind === 'customer') customerIds.add(actor.id);

  const knownUsers = new Map(known.users.filter((u) => userIds.has(u.id)).map((u) => [u.id, u]));
  const knownCustomers = new Map(known.customers.filter((c) => customerIds.has(c.id)).map((c) => [c.id, c]));
  const missingUsers = [...userIds].filter((id) => !knownUsers.has(id));
  const missingCustomers = [...customerIds].filter((id) => !knownCustomers.has(id));
  const [users, customers] = await Promise.all([
    missingUsers.length > 0 ? db.user.findMany({ where: { id: { in: missingUsers } } }) : [],
    missingCustomers.length > 0 ? db.customer.findMany({ where: { id: { in: missingCustomers } } }) : [],
  ]);
  const people = await loadMailSettings(db, provider, [...knownUsers.values(), ...users.map(staff)], [...knownCustomers.values(), ...customers.map(customer)]);
  const usersById = new Map<number, Person>();
  const customersById = new Map<number, Person>();
  for (const p of people) (p.kind === 'user' ? usersById : customersById).set(p.id, p);
  const internalAuthors = new Map<number, Person[]>();
  for (const c of internal) {
    const p = usersById.get(c.authorId);
    if (p) internalAuthors.set(c.ticketId, [...(internalAuthors.get(c.ticketId) ?? []), p]);
  }
  const user = (id: number | null) => (id === null ? null : (usersById.get(id) ?? null));

  return {
    user,
    actor: (a) => (!a ? null : a.kind === 'user' ? user(a.id) : (customersById.get(a.id) ?? null)),
    peopleOf(ticket) {
      return {
        customer: customersById.get(ticket.customerId)!,
        createdBy: usersById.get(ticket.createdById)!,
        assignee: user(ticket.assignedToId),
        internalCommentAuthors: internalAuthors.get(ticket.id) ?? [],
        commentAuthors: usersById,
      };
    },
  };
}
