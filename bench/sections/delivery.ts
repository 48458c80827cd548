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
import type { SmtpSink } from '../support/smtp-sink';

export interface DeliveryRun {
  emails: number;
  seconds: number;
  perSecond: number;
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

/** Puts every row back to pending, as if just queued. */
async function requeueAll(db: BenchDatabase): Promise<void> {
  await db.prisma.emailOutbox.updateMany({
    data: { status: 'pending', attempts: 0, sentAt: null, lockedBy: null, lockedUntil: null, nextAttemptAt: new Date(0) },
  });
}

/** The project's pipeline: claim, render, send over the pool, mark sent; timed until every row is sent. */
export async function measurePipeline(db: BenchDatabase, sink: SmtpSink): Promise<DeliveryRun> {
  await requeueAll(db);
  sink.reset();
  const notifier = createTicketNotifier({ prisma: db.prisma, config: benchConfig(db.url, sink.port) });
  try {
    const emails = await db.prisma.emailOutbox.count();
    const t = performance.now();
    const r = await notifier.drain();
    const seconds = (performance.now() - t) / 1000;
    if (r.sent !== emails || sink.accepted !== emails) throw new Error(`pipeline sent ${r.sent} (server got ${sink.accepted}) of ${emails}`);
    return { emails, seconds, perSecond: emails / seconds };
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
  sink.reset();
  const config = benchConfig(db.url, sink.port);
  const domain = messageIdDomain(config.email.from);
  const rows = await db.prisma.emailOutbox.findMany({ orderBy: { id: 'asc' }, take: sample });
  const t = performance.now();
  for (const row of rows) {
    const rendered = await renderEmail(row.payload as unknown as EmailPayload, { siteUrl: config.email.siteUrl, brand: config.brand });
    const transport = nodemailer.createTransport({ ...smtpOptions(config.email.smtp), pool: false });
    await transport.sendMail(composeMessage(row, rendered, config.email.from, domain));
    transport.close();
  }
  const seconds = (performance.now() - t) / 1000;
  return { emails: rows.length, seconds, perSecond: rows.length / seconds };
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
  sink.reset();
  const transport = createTransport(config, createLogger('silent'));
  try {
    const t = performance.now();
    await Promise.all(messages.map((m) => transport.sendMail(m)));
    const seconds = (performance.now() - t) / 1000;
    return { emails: messages.length, seconds, perSecond: messages.length / seconds };
  } finally {
    transport.close();
  }
}
