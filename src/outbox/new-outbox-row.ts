import type { EmailPayload } from '../notifications';
import { newMessageId, threadRootId } from './message-ids';

export interface NewOutboxRow {
  idempotencyKey: string;
  event: string;
  ticketId: string | null;
  recipientEmail: string;
  recipientName: string;
  recipientKind: 'user' | 'customer';
  recipientId: string;
  audience: string;
  payload: EmailPayload;
  /** A fresh id; the row carries threadRoot instead if it turns out to be the recipient's first about the ticket. */
  messageId: string;
  /** The id of the recipient's first email about the ticket, which this one refers to (null without a ticket). */
  threadRoot: string | null;
  /** This row may be that first email: one sent on its own, about a ticket. Not a column. */
  startsThread: boolean;
  /** held: waits for the recipient's daily digest. */
  status: 'pending' | 'held';
}

/** The domain part of the sender address, for Message-IDs on the app's own domain. */
export function messageIdDomain(from: string): string {
  const match = /@([^>\s]+)>?\s*$/.exec(from);
  return (match?.[1] ?? 'localhost').toLowerCase();
}

/**
 * A row for one planned email. Its Message-ID is fixed when the row is
 * inserted, at enqueue time, so a resend after a crash carries the same id
 * and clients can drop the copy: the fresh `messageId`, or `threadRoot` if no
 * row has taken that yet (see insert-rows.ts). A row held for a digest is
 * never sent on its own, so it never starts a thread.
 */
export function newOutboxRow(args: {
  key: string;
  /** The host's ticket id, of either kind: stored as text. */
  ticketId: number | string | null;
  address: string;
  recipient: { kind: 'user' | 'customer'; id: number | string };
  payload: EmailPayload;
  domain: string;
  /** This installation's key (installationKeyReader), part of each thread root. */
  installation: string;
  /** Hold the row for the recipient's daily digest. */
  held?: boolean;
}): NewOutboxRow {
  const held = args.held === true;
  return {
    idempotencyKey: `${args.key}:${args.address.toLowerCase()}`,
    event: args.payload.event,
    ticketId: args.ticketId === null ? null : String(args.ticketId),
    recipientEmail: args.address,
    recipientName: args.payload.recipient.name,
    recipientKind: args.recipient.kind,
    recipientId: String(args.recipient.id),
    audience: args.payload.audience,
    status: held ? 'held' : 'pending',
    payload: args.payload,
    messageId: newMessageId(args.payload.event, args.ticketId, args.domain),
    threadRoot: args.ticketId === null ? null : threadRootId(args.installation, args.ticketId, args.address, args.domain),
    startsThread: args.ticketId !== null && !held,
  };
}
