import type { EmailPayload } from '../notifications';
import { newMessageId, threadRootId } from './message-ids';

export interface NewOutboxRow {
  idempotencyKey: string;
  event: string;
  ticketId: number | null;
  recipientEmail: string;
  recipientName: string;
  recipientKind: 'user' | 'customer';
  recipientId: number;
  audience: string;
  payload: EmailPayload;
  messageId: string;
  /** held: waits for the recipient's daily digest. */
  status: 'pending' | 'held';
}

/** The domain part of the sender address, for Message-IDs on the app's own domain. */
export function messageIdDomain(from: string): string {
  const match = /@([^>\s]+)>?\s*$/.exec(from);
  return (match?.[1] ?? 'localhost').toLowerCase();
}

/**
 * A row for one planned email. The Message-ID is fixed here, at enqueue time,
 * so a resend after a crash carries the same id and clients can drop the copy.
 */
export function newOutboxRow(args: {
  key: string;
  ticketId: number | null;
  address: string;
  recipient: { kind: 'user' | 'customer'; id: number };
  payload: EmailPayload;
  domain: string;
  /** This is the first email of the recipient's thread about the ticket. */
  threadRoot?: boolean;
  /** Hold the row for the recipient's daily digest. */
  held?: boolean;
}): NewOutboxRow {
  return {
    idempotencyKey: `${args.key}:${args.address.toLowerCase()}`,
    event: args.payload.event,
    ticketId: args.ticketId,
    recipientEmail: args.address,
    recipientName: args.payload.recipient.name,
    recipientKind: args.recipient.kind,
    recipientId: args.recipient.id,
    audience: args.payload.audience,
    status: args.held === true ? 'held' : 'pending',
    payload: args.payload,
    messageId:
      args.threadRoot && args.ticketId !== null
        ? threadRootId(args.ticketId, args.address, args.domain)
        : newMessageId(args.payload.event, args.ticketId, args.domain),
  };
}
