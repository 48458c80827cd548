import { DIGEST_EVENT, type DigestPayload } from '../notifications';
import { newMessageId } from '../outbox';
import { digestKey } from './build-digest';
import type { StaffMember } from './sql/read-staff-member';

export interface NewDigestRow {
  idempotencyKey: string;
  event: typeof DIGEST_EVENT;
  recipientEmail: string;
  recipientName: string;
  recipientKind: 'user';
  /** The host's id, as text. */
  recipientId: string;
  audience: 'staff';
  payload: DigestPayload;
  messageId: string;
}

/**
 * The digest's outbox row: to the person's current address, about no one
 * ticket (so it is in no ticket's thread), keyed by the lowest held row it
 * covers.
 */
export function newDigestRow(person: StaffMember, lowestHeldId: number, payload: DigestPayload, domain: string): NewDigestRow {
  return {
    idempotencyKey: digestKey('user', String(person.id), lowestHeldId),
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
