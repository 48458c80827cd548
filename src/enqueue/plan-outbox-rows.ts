import type { Logger } from '../logging';
import { buildPayload, planEmails, type Actor, type PlanOptions, type TicketEvent, type TicketState } from '../notifications';
import { newOutboxRow, type NewOutboxRow } from '../outbox';
import { loadPeople, type KnownPeople } from './load-people';

/** Events that happened to one ticket in one write (or one scheduled run). */
export interface TicketEvents {
  ticket: TicketState;
  events: TicketEvent[];
  /** The assignee before this write, to name in an assignment email. */
  formerAssigneeId?: number | null;
}

export interface EnqueueOptions {
  plan: PlanOptions;
  messageIdDomain: string;
  logger: Logger;
  /** Outbox rows are written with one statement in each database's own dialect. */
  provider: 'sqlite' | 'postgresql';
}

export interface PlanRowsOptions extends EnqueueOptions {
  /** The rows come from the write that created the ticket: its ticket_created emails start each thread. */
  startsThreads?: boolean;
  /** People the caller has read already. */
  known?: KnownPeople;
}

/**
 * Events → outbox rows: reads the people involved, applies the recipient
 * rules and switches, and snapshots what each recipient may see. `key` names
 * the write or run; with the address it makes each row's idempotency key.
 */
export async function planOutboxRows(
  db: any,
  items: TicketEvents[],
  actor: Actor | undefined,
  key: (ticketId: number) => string,
  options: PlanRowsOptions,
): Promise<NewOutboxRow[]> {
  const withEvents = items.filter((i) => i.events.length > 0);
  if (!options.plan.enabled || withEvents.length === 0) return [];
  const newComments = withEvents.flatMap((i) => i.events.flatMap((e) => (e.type === 'comment_added' ? [e.comment] : [])));
  const formerAssignees = withEvents.map((i) => i.formerAssigneeId).filter((id): id is number => typeof id === 'number');
  const people = await loadPeople(
    db,
    withEvents.map((i) => i.ticket),
    newComments,
    formerAssignees,
    actor,
    options.known,
  );
  const rows: NewOutboxRow[] = [];
  for (const item of withEvents) {
    const ticketPeople = people.peopleOf(item.ticket);
    const { emails, skipped } = planEmails(item.events, ticketPeople, actor, options.plan);
    for (const s of skipped) {
      // A missing or broken address is worth an operator's attention; the other reasons are the rules working.
      const level = s.reason === 'no_address' || s.reason === 'inactive' ? 'warn' : 'debug';
      options.logger[level](
        { ticketId: item.ticket.id, event: s.event, recipient: s.person.email, person: `${s.person.kind}:${s.person.id}`, reason: s.reason },
        'recipient skipped',
      );
    }
    for (const email of emails) {
      const payload = buildPayload(email, item.ticket, ticketPeople, people.actor(actor), people.user(item.formerAssigneeId ?? null));
      rows.push(
        newOutboxRow({
          key: key(item.ticket.id),
          ticketId: item.ticket.id,
          address: email.address,
          payload,
          domain: options.messageIdDomain,
          threadRoot: options.startsThreads === true && email.primary.type === 'ticket_created',
        }),
      );
    }
  }
  return rows;
}
