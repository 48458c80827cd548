import { createTicketNotifier, type TicketNotifier } from '../../src';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/logging';
import { smtpEnv, type Harness } from '../support/notifier-harness';
import { waitFor, withHarness, type People } from '../support/with-harness';

let h: Harness;
let people: People;
withHarness((harness, cast) => ((h = harness), (people = cast)));
afterEach(() => {
  h.mail.delayMs = 0;
});

/** A notifier as an app runs it: it sends after each commit, and nothing drains it. */
function embeddedNotifier(): TicketNotifier {
  const config = loadConfig({ DATABASE_URL: h.db.url, ...smtpEnv(h.mail.port, { DELIVERY: 'embedded', OUTBOX_POLL_INTERVAL_MS: '60000' }) });
  return createTicketNotifier({ prisma: h.db.prisma, config, logger: createLogger(config.logLevel) });
}

const newTicket = (n: TicketNotifier, subject: string) =>
  n.client.ticket.create({ data: { subject, customerId: people.carol.id, createdById: people.cyd.id } });

describe('notifier.close()', () => {
  it('right after a write, without drain(): the email goes out once, the row is sent after one attempt, and the connection ends with QUIT', async () => {
    const n = embeddedNotifier();
    const t = await newTicket(n, 'Written just before shutdown');
    await n.close();

    const rows = await h.db.prisma.emailOutbox.findMany({ where: { ticketId: String(t.id) } });
    expect(rows.map((r) => ({ status: r.status, attempts: r.attempts, lastError: r.lastError }))).toEqual([{ status: 'sent', attempts: 1, lastError: null }]);
    expect(h.mail.countsByMessageId()).toEqual(new Map([[rows[0].messageId, 1]]));
    // close() resolves once the server has answered QUIT; smtp-server reports the closed session a tick later.
    await waitFor(() => h.mail.closedSessions().quit === 1, 5_000);
    expect(h.mail.closedSessions()).toEqual({ quit: 1, dropped: 0 });

    // Nothing is left for a later sender.
    expect(await h.notifier.drain()).toEqual({ sent: 0, retrying: 0, failed: 0, dead: 0 });
    expect(h.mail.messages).toHaveLength(1);
  });

  it('sends that outlast the grace period are given up: the row waits in the outbox, due, with no attempt counted', async () => {
    const n = embeddedNotifier();
    h.mail.delayMs = 3_000;
    const t = await newTicket(n, 'Slow server at shutdown');
    // Let the send reach the server, which sits on it.
    await waitFor(async () => (await h.db.prisma.emailOutbox.count({ where: { ticketId: String(t.id), status: 'sending' } })) === 1, 5_000);
    const started = Date.now();
    await n.close({ graceMs: 300 });
    expect(Date.now() - started).toBeLessThan(2_500);

    const [row] = await h.db.prisma.emailOutbox.findMany({ where: { ticketId: String(t.id) } });
    expect(row).toMatchObject({ status: 'pending', attempts: 0, lockedBy: null, lockedUntil: null, lastError: null });
    expect(row.nextAttemptAt.getTime()).toBeLessThanOrEqual(Date.now());

    // The next sender delivers it; any copy the slow server took after all carries the same Message-ID.
    h.mail.delayMs = 0;
    expect(await h.notifier.drain()).toMatchObject({ sent: 1 });
    const sent = await h.db.prisma.emailOutbox.findUniqueOrThrow({ where: { id: row.id } });
    expect(sent).toMatchObject({ status: 'sent', attempts: 1 });
    expect([...h.mail.countsByMessageId().keys()]).toEqual([row.messageId]);
  });
});
