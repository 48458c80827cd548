import nodemailer from 'nodemailer';
import { createTicketNotifier } from '../../src';
import type { EmailPayload } from '../../src/notifications';
import { messageIdDomain } from '../../src/outbox';
import { renderEmail } from '../../src/rendering';
import { createLogger } from '../../src/logging';
import { createTransport, smtpOptions } from '../../src/transport';
import { composeMessage } from '../../src/delivery/compose-message';
import type { BenchDatabase } from '../support/bench-database';
import { seedPeople, ticketData } from '../support/fixtures';
import { benchConfig } from '../support/notifier-config';
import { clock, type SinkCounts, type SmtpSink } from '../support/smtp-sink';

export interface DeliveryRun {
  emails: number;
  /** From the moment the emails were due to the last one accepted by the SMTP sink. */
  seconds: number;
  perSecond: number;
  /** From the moment the emails were due to the first one accepted. */
  firstMs: number;
}

/** Outbox rows by id, both ends included. */
export interface RowRange {
  from: number;
  to: number;
}

// Far enough ahead that nothing sends a held row before the bench releases it.
export const NOT_YET = new Date(Date.now() + 365 * 86_400_000);

/** A run timed on the sink's clock: `start` is when the emails became due, the counts are the sink's at the last one. */
export function deliveryRun(start: number, counts: SinkCounts): DeliveryRun {
  const seconds = (counts.lastAt - start) / 1000;
  return { emails: counts.accepted, seconds, perSecond: counts.accepted / seconds, firstMs: counts.firstAt - start };
}

/**
 * Queues `emails` outbox rows the way an app does: tickets created through
 * the notifying client, each emailing its customer and its assignee.
 */
export async function queueEmails(db: BenchDatabase, emails: number): Promise<void> {
  await db.reset();
  const people = await seedPeople(db.prisma);
  const notifier = createTicketNotifier({ prisma: db.prisma, config: benchConfig(db.url) });
  try {
    for (let start = 0; start < emails / 2; start += 500) {
      const n = Math.min(500, emails / 2 - start);
      await notifier.client.ticket.createMany({ data: Array.from({ length: n }, (_, k) => ticketData(people, start + k)) });
    }
    await notifier.planChanges();
  } finally {
    await notifier.close();
  }
  const queued = await db.prisma.emailOutbox.count();
  if (queued !== emails) throw new Error(`expected ${emails} queued emails, found ${queued}`);
}

/**
 * Puts rows back to pending, as if just queued (every row, or those of
 * `rows`), due at `dueAt`: at once by default, or held until released.
 */
export async function requeue(db: BenchDatabase, o: { rows?: RowRange; dueAt?: Date } = {}): Promise<void> {
  await db.prisma.emailOutbox.updateMany({
    where: o.rows ? { id: { gte: o.rows.from, lte: o.rows.to } } : {},
    data: { status: 'pending', attempts: 0, sentAt: null, lockedBy: null, lockedUntil: null, nextAttemptAt: o.dueAt ?? new Date(0) },
  });
}

/**
 * The project's pipeline in this process: claim, render, send over the pool,
 * mark sent, until every due row is sent (notifier.drain()). Every row is
 * due, or only those of `rows` (the rest held).
 */
export async function measurePipeline(db: BenchDatabase, sink: SmtpSink, rows?: RowRange): Promise<DeliveryRun> {
  if (rows) await requeue(db, { dueAt: NOT_YET });
  await requeue(db, { rows });
  await sink.reset();
  const notifier = createTicketNotifier({ prisma: db.prisma, config: benchConfig(db.url, sink.port) });
  try {
    const emails = await db.prisma.emailOutbox.count({ where: rows ? { id: { gte: rows.from, lte: rows.to } } : {} });
    const start = clock();
    const r = await notifier.drain();
    const counts = await sink.waitFor(emails);
    if (r.sent !== emails || counts.accepted !== emails) throw new Error(`pipeline sent ${r.sent} (server got ${counts.accepted}) of ${emails}`);
    return deliveryRun(start, counts);
  } finally {
    await notifier.close();
  }
}

/**
 * The reference module's way, for comparison: inside the save, render the
 * email and send it with Django's send_mail, which opens a new SMTP
 * connection for each message. Timed on the first `sample` rows.
 */
export async function measureNaive(db: BenchDatabase, sink: SmtpSink, sample: number): Promise<DeliveryRun> {
  await sink.reset();
  const config = benchConfig(db.url, sink.port);
  const domain = messageIdDomain(config.email.from);
  const rows = await db.prisma.emailOutbox.findMany({ orderBy: { id: 'asc' }, take: sample });
  const start = clock();
  for (const row of rows) {
    const rendered = await renderEmail(row.payload as unknown as EmailPayload, { siteUrl: config.email.siteUrl, brand: config.brand });
    const transport = nodemailer.createTransport({ ...smtpOptions(config.email.smtp), pool: false });
    await transport.sendMail(composeMessage(row, rendered, config.email.from, domain));
    transport.close();
  }
  return deliveryRun(start, await sink.waitFor(rows.length));
}

/**
 * The physical limit of this setup: the same messages, rendered beforehand,
 * pushed through the project's pooled SMTP transport with no database.
 */
export async function measureTransportCeiling(db: BenchDatabase, sink: SmtpSink): Promise<DeliveryRun> {
  const config = benchConfig(db.url, sink.port);
  const domain = messageIdDomain(config.email.from);
  const rows = await db.prisma.emailOutbox.findMany({ orderBy: { id: 'asc' } });
  const messages = [];
  for (const row of rows) {
    const rendered = await renderEmail(row.payload as unknown as EmailPayload, { siteUrl: config.email.siteUrl, brand: config.brand });
    messages.push(composeMessage(row, rendered, config.email.from, domain));
  }
  await sink.reset();
  const transport = createTransport(config, createLogger('silent'));
  try {
    const start = clock();
    await Promise.all(messages.map((m) => transport.sendMail(m)));
    return deliveryRun(start, await sink.waitFor(messages.length));
  } finally {
    transport.close();
  }
}
