import type { Provider } from '../db';
import type { HostDb, HostStore } from '../host-schema';
import type { Logger } from '../logging';
import {
  buildPayload,
  planEmails,
  resolveLocale,
  RECORDED_SKIPS,
  type Actor,
  type EntityId,
  type PlanOptions,
  type TicketEvent,
} from '../notifications';
import { newOutboxRow, type NewOutboxRow, type NewSkip, type RawDb } from '../outbox';
import type { TicketEvents } from '../events';
import { loadPeople, type KnownPeople } from './load-people';

/**
 * The app's client (or its transaction): the host's models, reached through
 * the host-schema module, and the notifier's own tables, in one schema.
 */
export type NotifierDb = HostDb & RawDb;

export interface EnqueueOptions {
  plan: PlanOptions;
  messageIdDomain: string;
  /** This installation's key, for thread roots; read once per process (installationKeyReader). */
  installationKey: (db: RawDb) => Promise<string>;
  /** The host app's models, through its schema mapping. */
  store: HostStore;
  logger: Logger;
  /** Outbox rows are written with one statement in each database's own dialect. */
  provider: Provider;
}

export interface PlanRowsOptions extends EnqueueOptions {
  /** People the caller has read already. */
  known?: KnownPeople;
}

/** The files of new comments, read in one query, onto their comment_added events. */
async function withAttachments(db: HostDb, store: HostStore, items: TicketEvents[]): Promise<TicketEvents[]> {
  const commentIds = items.flatMap((i) => i.events.flatMap((e) => (e.type === 'comment_added' && !e.comment.attachments ? [e.comment.id] : [])));
  if (commentIds.length === 0) return items;
  const files = await store.attachmentsOf(db, commentIds);
  const withFiles = (e: TicketEvent): TicketEvent =>
    e.type === 'comment_added' && !e.comment.attachments ? { ...e, comment: { ...e.comment, attachments: files.get(e.comment.id) ?? [] } } : e;
  return items.map((i) => ({ ...i, events: i.events.map(withFiles) }));
}

/** What one write or run queues: emails to send, and emails recipients chose not to get. */
export interface OutboxPlan {
  rows: NewOutboxRow[];
  skips: NewSkip[];
}

/**
 * Events → outbox rows: reads the people involved, applies the recipient
 * rules, switches and preferences, and snapshots what each recipient may
 * see. `key` names the write or run; with the address it makes each row's
 * idempotency key.
 */
export async function planOutboxRows(
  db: NotifierDb,
  items: TicketEvents[],
  actor: Actor | undefined,
  key: (ticketId: EntityId) => string,
  options: PlanRowsOptions,
): Promise<OutboxPlan> {
  if (!options.plan.enabled || !items.some((i) => i.events.length > 0)) return { rows: [], skips: [] };
  const withEvents = await withAttachments(db, options.store, items.filter((i) => i.events.length > 0));
  const newComments = withEvents.flatMap((i) => i.events.flatMap((e) => (e.type === 'comment_added' ? [e.comment] : [])));
  const formerAssignees = withEvents.flatMap((i) => (i.formerAssigneeId === undefined || i.formerAssigneeId === null ? [] : [i.formerAssigneeId]));
  const people = await loadPeople(
    db,
    options.store,
    withEvents.map((i) => i.ticket),
    newComments,
    formerAssignees,
    actor,
    options.provider,
    options.known,
  );
  const rows: NewOutboxRow[] = [];
  const skips: NewSkip[] = [];
  const installation = await options.installationKey(db);
  const defaultLocale = options.plan.defaultLocale ?? 'en';
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
      if (RECORDED_SKIPS.has(s.reason) && s.person.email) {
        skips.push({
          idempotencyKey: `${key(item.ticket.id)}:${s.person.kind}:${s.person.id}:${s.event}`,
          event: s.event,
          ticketId: String(item.ticket.id),
          recipientKind: s.person.kind,
          recipientId: String(s.person.id),
          recipientEmail: s.person.email,
          reason: s.reason,
        });
      }
    }
    for (const email of emails) {
      const locale = resolveLocale(email.recipient.settings?.locale, defaultLocale);
      const payload = buildPayload(email, item.ticket, ticketPeople, people.actor(actor), people.user(item.formerAssigneeId ?? null), locale);
      rows.push(
        newOutboxRow({
          key: key(item.ticket.id),
          ticketId: String(item.ticket.id),
          address: email.address,
          recipient: email.recipient,
          payload,
          domain: options.messageIdDomain,
          installation,
          held: email.digest,
        }),
      );
    }
  }
  return { rows, skips };
}
