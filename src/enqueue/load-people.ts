import type { HostDb, HostStore, PersonRecord } from '../host-schema';
import type { Actor, CommentState, EntityId, Person, TicketPeople, TicketState } from '../notifications';
import { loadMailSettings } from './load-mail-settings';

/** People already read (with the ticket, before a write), so they need not be read again. */
export interface KnownPeople {
  users: PersonRecord[];
  customers: PersonRecord[];
}

export interface PeopleIndex {
  peopleOf(ticket: TicketState): TicketPeople;
  user(id: EntityId | null): Person | null;
  actor(actor: Actor | undefined): Person | null;
}

/**
 * Reads everyone the emails of one write can mention or reach, in at most
 * three queries whatever the number of tickets, and none for people
 * already known.
 */
export async function loadPeople(
  db: HostDb,
  store: HostStore,
  tickets: TicketState[],
  newComments: CommentState[],
  extraUserIds: EntityId[],
  actor: Actor | undefined,
  provider: 'sqlite' | 'postgresql',
  known: KnownPeople = { users: [], customers: [] },
): Promise<PeopleIndex> {
  // Earlier internal comments make their authors part of the team for new internal comments.
  const internal = newComments.some((c) => c.isInternal)
    ? await store.internalCommentAuthors(
        db,
        tickets.map((t) => t.id),
        newComments.map((c) => c.id),
      )
    : [];
  const userIds = new Set<EntityId>(extraUserIds);
  const customerIds = new Set<EntityId>();
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
  const [users, customers] = await Promise.all([
    store.staffByIds(db, [...userIds].filter((id) => !knownUsers.has(id))),
    store.customersByIds(db, [...customerIds].filter((id) => !knownCustomers.has(id))),
  ]);
  const people = await loadMailSettings(db, provider, [...knownUsers.values(), ...users], [...knownCustomers.values(), ...customers]);
  const usersById = new Map<EntityId, Person>();
  const customersById = new Map<EntityId, Person>();
  for (const p of people) (p.kind === 'user' ? usersById : customersById).set(p.id, p);
  const internalAuthors = new Map<EntityId, Person[]>();
  for (const c of internal) {
    const p = usersById.get(c.authorId);
    if (p) internalAuthors.set(c.ticketId, [...(internalAuthors.get(c.ticketId) ?? []), p]);
  }
  const user = (id: EntityId | null) => (id === null ? null : (usersById.get(id) ?? null));

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
