import { DIGEST_EVENT, type DigestPayload } from '../notifications';
import { newMessageId, type NewDigestRow } from '../outbox';
import { digestKey } from './build-digest';

/** The person as they are now: a digest goes to their current address, in their current language. */
export interface StaffMember {
  id: number | string;
  name: string;
  email: string;
  active: boolean;
  locale: string | null;
}

/**
 * The digest's outbox row: to the person's current address, about no one
 * ticket (so it is in no ticket's thread), keyed by the lowest held row it
 * covers.
 */
export function newDigestRow(person: StaffMember, lowestHeldId: number, payload: DigestPayload, domain: string): NewDigestRow {
  return {
    idempotencyKey: digestKey('user', person.id, lowestHeldId),
    event: DIGEST_EVENT,
    recipientEmail: person.email,
    recipientName: person.name,
    recipientKind: 'user',
    recipientId: String(person.id),
    audience: 'staff',
    payload,
    messageId: newMessageId(DIGEST_EVENT, null, domain),
  };
}
