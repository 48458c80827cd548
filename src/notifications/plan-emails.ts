import type { Locale, NotificationEvent } from './vocabulary';
import { addressKey, isDeliverableAddress } from './email-address';
import { actorOf, intendedRecipients, isActor } from './recipients';
import { isMandatory } from './preferences';
import type { Actor, Audience, Person, RecipientReason, TicketEvent, TicketPeople } from './types';

export interface PlanOptions {
  /** Master switch. */
  enabled: boolean;
  /** One switch per event. */
  events: Record<NotificationEvent, boolean>;
  /** Email people about their own changes too. */
  notifyActor: boolean;
  /** The language of recipients who have none of their own (en when not given). */
  defaultLocale?: Locale;
}

export interface PlannedEmail {
  recipient: Person;
  address: string;
  audience: Audience;
  reason: RecipientReason;
  /** The event the email is about: it picks the template and the subject. */
  primary: TicketEvent;
  /** Every event of this write the recipient may see, primary first. */
  events: TicketEvent[];
  /** Held for the recipient's daily digest instead of sent on its own. */
  digest: boolean;
}

/**
 * Why someone did not get an email. The last three are the recipient's own
 * choice or state, and are recorded in the database (SkippedNotification);
 * the others are the rules working, and only logged.
 */
export type SkipReason = 'switched_off' | 'actor' | 'inactive' | 'no_address' | 'internal_only' | 'bouncing' | 'unsubscribed' | 'opted_out';

/** The skips a recipient can ask about later ("why did I not get this?"). */
export const RECORDED_SKIPS: ReadonlySet<SkipReason> = new Set(['bouncing', 'unsubscribed', 'opted_out']);

export interface SkippedRecipient {
  event: NotificationEvent;
  person: Person;
  reason: SkipReason;
}

// When one write causes several events, the most specific one leads the email.
const PRECEDENCE: NotificationEvent[] = [
  'ticket_created',
  'ticket_closed',
  'ticket_resolved',
  'ticket_assigned',
  'status_changed',
  'ticket_overdue',
  'comment_added',
  'ticket_updated',
];
const REASON_ORDER: RecipientReason[] = ['customer', 'assignee', 'creator', 'participant'];

const isInternal = (event: TicketEvent) => event.type === 'comment_added' && event.comment.isInternal;

/** Why this person does not get this event, or null if they do. Order matters: the first reason that applies is the one recorded. */
function skipReason(person: Person, event: TicketEvent, actor: Actor | undefined, notifyActor: boolean): SkipReason | null {
  if (!notifyActor && isActor(person, actor)) return 'actor';
  if (!person.active) return 'inactive';
  if (!isDeliverableAddress(person.email)) return 'no_address';
  const settings = person.settings;
  if (!settings) return null;
  if (settings.bouncing) return 'bouncing';
  if (settings.off.has('all')) return 'unsubscribed';
  if (settings.off.has(event.type) && !isMandatory(person.kind, event.type)) return 'opted_out';
  return null;
}

/**
 * Turns the events of one write on one ticket into emails: at most one per
 * address, with every switch, the actor rule, address checks and the
 * recipient's own preferences applied.
 * An address that belongs to a customer never gets an internal event, even
 * when a staff member shares it.
 */
export function planEmails(
  events: TicketEvent[],
  people: TicketPeople,
  actor: Actor | undefined,
  options: PlanOptions,
): { emails: PlannedEmail[]; skipped: SkippedRecipient[] } {
  const skipped: SkippedRecipient[] = [];
  if (!options.enabled) return { emails: [], skipped };

  const byAddress = new Map<string, { person: Person; reasons: Set<RecipientReason>; isCustomer: boolean; events: TicketEvent[] }>();
  for (const event of events) {
    const recipients = intendedRecipients(event, people);
    if (!options.events[event.type]) {
      for (const r of recipients) skipped.push({ event: event.type, person: r.person, reason: 'switched_off' });
      continue;
    }
    const eventActor = actorOf(event, actor);
    for (const { person, reason } of recipients) {
      const skip = skipReason(person, event, eventActor, options.notifyActor);
      if (skip) {
        skipped.push({ event: event.type, person, reason: skip });
        continue;
      }
      const key = addressKey(person.email!);
      const entry = byAddress.get(key) ?? { person, reasons: new Set(), isCustomer: false, events: [] };
      entry.reasons.add(reason);
      if (person.kind === 'customer') {
        entry.isCustomer = true;
        entry.person = person;
      }
      if (!entry.events.includes(event)) entry.events.push(event);
      byAddress.set(key, entry);
    }
  }

  const emails: PlannedEmail[] = [];
  for (const entry of byAddress.values()) {
    let visible = entry.events;
    if (entry.isCustomer) {
      for (const e of visible.filter(isInternal)) skipped.push({ event: e.type, person: entry.person, reason: 'internal_only' });
      visible = visible.filter((e) => !isInternal(e));
    }
    if (visible.length === 0) continue;
    const sorted = [...visible].sort((a, b) => PRECEDENCE.indexOf(a.type) - PRECEDENCE.indexOf(b.type));
    emails.push({
      recipient: entry.person,
      address: entry.person.email!.trim(),
      audience: entry.isCustomer ? 'customer' : 'staff',
      reason: entry.isCustomer ? 'customer' : REASON_ORDER.find((r) => entry.reasons.has(r))!,
      primary: sorted[0],
      events: sorted,
      // Digests are for staff; a customer hears about their ticket when it happens.
      digest: entry.person.kind === 'user' && entry.person.settings?.digest === true,
    });
  }
  return { emails, skipped };
}
