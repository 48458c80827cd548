import type { NotificationEvent } from './vocabulary';
import type { Person, PreferenceScope } from './types';

// A customer is always told that their ticket was resolved or closed: turning
// these off alone would leave them waiting for an answer that has come. Only
// an unsubscribe from everything stops them.
const MANDATORY_FOR_CUSTOMERS: ReadonlySet<NotificationEvent> = new Set(['ticket_resolved', 'ticket_closed']);

/** Whether a person may turn this event off on its own (they can always turn off everything). */
export function isMandatory(kind: Person['kind'], event: NotificationEvent): boolean {
  return kind === 'customer' && MANDATORY_FOR_CUSTOMERS.has(event);
}

/**
 * The scope an email's unsubscribe link offers: its own kind of email, or
 * everything when that kind cannot be turned off alone.
 */
export function unsubscribeScope(kind: Person['kind'], event: NotificationEvent): PreferenceScope {
  return isMandatory(kind, event) ? 'all' : event;
}
