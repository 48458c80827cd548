import type { EmailOutbox, Provider } from '../db';
import type { Logger } from '../logging';
import { isDigestPayload, type OutboxPayload } from '../notifications';
import { markFailed, markRetry, type RawDb } from '../outbox';
import type { RenderedEmail, Renderer } from '../rendering';
import { describeFailure, isPermanentFailure, type MailTransport } from '../transport';
import { nextRetryDelay } from './backoff';
import { composeMessage } from './compose-message';
import { prepareAttachments, type AttachmentSettings } from './attachments';
import { bouncingReason, verpSender, type AddressStatusDb, type VerpSettings } from '../bounces';
import { unsubscribeLinksFor, type UnsubscribeSettings } from '../unsubscribe';

export interface DeliverRowOptions {
  prisma: RawDb & AddressStatusDb;
  provider: Provider;
  transport: MailTransport;
  render: Renderer;
  logger: Logger;
  from: string;
  messageIdDomain: string;
  retry: { baseMs: number; maxMs: number; maxAttempts: number };
  /** Waits until the next send is allowed (EMAIL_RATE_PER_SECOND). */
  rateLimit: () => Promise<void>;
  /** Records a send under the claim's token; a busy sender groups these (groupedSentMarks). */
  markSent: (id: number, token: string) => Promise<unknown>;
  /** Signs the unsubscribe links of each email; without it emails carry none. */
  unsubscribe?: UnsubscribeSettings;
  /** Attach comment files up to these sizes, link the rest; without it every file is linked. */
  attachments?: AttachmentSettings;
  /** BOUNCE_ADDRESS: each email's envelope sender names its row, signed, so its bounce can be believed. */
  verp?: VerpSettings;
  /** A row waiting for a retry stays marked with the token, for a sender whose queue brings it back (BullMQ). */
  keepClaimWhileWaiting?: boolean;
}

export type DeliveryOutcome =
  | { status: 'sent' }
  | { status: 'failed'; reason: string }
  | { status: 'retrying'; reason: string; retryInMs: number }
  | { status: 'dead'; reason: string };

/**
 * One attempt at one claimed row: render, send, tell a temporary failure from
 * a permanent one, and record the outcome while `token` still holds the row.
 * The dispatcher and the BullMQ worker both deliver through this, so a row
 * ends in the same state whichever of them sent it. `row.attempts` already
 * counts this attempt.
 *
 * `bouncingInBatch` is what a batch sender looked up for all its rows at once
 * (bouncingReasons); without it the row's address is looked up here.
 */
export async function deliverRow(
  row: EmailOutbox,
  token: string,
  o: DeliverRowOptions,
  bouncingInBatch?: ReadonlyMap<string, string>,
): Promise<DeliveryOutcome> {
  const log = o.logger.child({ outboxId: row.id, ticketId: row.ticketId, event: row.event, recipient: row.recipientEmail });
  const links = o.unsubscribe ? unsubscribeLinksFor(row, o.unsubscribe, new Date()) : null;
  // Queued before its address started bouncing: not sent; outbox:retry after bounces:clear sends it.
  const bouncing = bouncingInBatch
    ? (bouncingInBatch.get(row.recipientEmail.toLowerCase()) ?? null)
    : await bouncingReason(o.prisma, o.provider, row.recipientEmail);
  if (bouncing) {
    await markFailed(o.prisma, o.provider, row.id, token, bouncing);
    log.warn({ err: bouncing }, 'email not sent');
    return { status: 'failed', reason: bouncing };
  }
  const payload = row.payload as unknown as OutboxPayload;
  // Files belong to comments of one ticket; a digest only names them.
  const files = isDigestPayload(payload) ? { payload, attachments: [] } : await prepareAttachments(payload, row.ticketId, o.attachments, log);
  let rendered: RenderedEmail;
  try {
    rendered = await o.render(files.payload, { unsubscribeUrl: links?.url });
  } catch (error) {
    const reason = `template error: ${describeFailure(error)}`;
    await markFailed(o.prisma, o.provider, row.id, token, reason);
    log.error({ err: reason }, 'email failed');
    return { status: 'failed', reason };
  }
  try {
    await o.rateLimit();
    const message = composeMessage(row, rendered, o.from, o.messageIdDomain, links, files.attachments);
    // The header From stays; only the SMTP envelope, where bounces go, changes.
    const envelope = o.verp ? { envelope: { from: verpSender(o.verp, row.id), to: row.recipientEmail } } : {};
    const info = await o.transport.sendMail({ ...message, ...envelope });
    await o.markSent(row.id, token);
    log.info({ messageId: row.messageId, response: info?.response }, 'email sent');
    return { status: 'sent' };
  } catch (error) {
    const reason = describeFailure(error);
    if (isPermanentFailure(error)) {
      await markFailed(o.prisma, o.provider, row.id, token, reason);
      log.warn({ err: reason, attempts: row.attempts }, 'email refused permanently');
      return { status: 'failed', reason };
    }
    const delay = nextRetryDelay(row.attempts, o.retry);
    await markRetry(o.prisma, o.provider, row.id, token, reason, delay === null ? null : new Date(Date.now() + delay), o.keepClaimWhileWaiting);
    if (delay === null) {
      log.error({ err: reason, attempts: row.attempts }, 'email dead after its last attempt');
      return { status: 'dead', reason };
    }
    log.warn({ err: reason, attempts: row.attempts, retryInMs: delay }, 'email will be retried');
    return { status: 'retrying', reason, retryInMs: delay };
  }
}
