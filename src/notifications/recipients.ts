import type { Actor, Person, Recipient, TicketEvent, TicketPeople } from './types';

/**
 * Who an event is for, by the reference module's rules. Internal comments
 * go to the team only: the customer is never on that list.
 */
export function intendedRecipients(event: TicketEvent, people: TicketPeople): Recipient[] {
  const customer: Recipient = { person: people.customer, reason: 'customer' };
  const assignee: Recipient[] = people.assignee ? [{ person: people.assignee, reason: 'assignee' }] : [];
  const creator: Recipient = { person: people.createdBy, reason: 'creator' };
  switch (event.type) {
    case 'ticket_created':
    case 'status_changed':
    case 'ticket_resolved':
    case 'ticket_closed':
      return [customer, ...assignee];
    case 'ticket_assigned':
    case 'ticket_updated':
      return assignee;
    case 'ticket_overdue':
      return [...assignee, creator];
    case 'comment_added':
      if (!event.comment.isInternal) return [customer, ...assignee];
      return [
        ...assignee,
        creator,
        ...people.internalCommentAuthors.map((person): Recipient => ({ person, reason: 'participant' })),
      ];
  }
}

export function isActor(person: Person, actor: Actor | undefined): boolean {
  if (!actor) return false;
  return (actor.kind === 'user' ? 'user' : 'customer') === person.kind && actor.id === person.id;
}

/** The author of a comment acts for that event, whoever the app says is acting. */
export function actorOf(event: TicketEvent, actor: Actor | undefined): Actor | undefined {
  return event.type === 'comment_added' ? { kind: 'user', id: event.comment.authorId } : actor;
}
