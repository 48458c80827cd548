import type { Harness } from '../support/notifier-harness';
import { smtpEnv } from '../support/notifier-harness';
import { runScript } from '../support/run-script';
import { withHarness, type People } from '../support/with-harness';

// Held rows go into exactly one digest, across repeated, concurrent and failed runs, on the real database.
let h: Harness;
let people: People;
withHarness((harness, cast) => ((h = harness), (people = cast)));

const outbox = () => h.db.prisma.emailOutbox;
const digests = () => outbox().findMany({ where: { event: 'daily_digest' }, orderBy: { id: 'asc' } });

beforeAll(async () => {
  await h.db.prisma.user.updateMany({ where: { id: { in: [people.ada.id, people.bob.id] } }, data: { emailDigest: true } });
});
beforeEach(async () => {
  // Each test starts with nothing held.
  await outbox().updateMany({ where: { status: 'held' }, data: { status: 'dead' } });
});

/** A ticket for ada (assignee) created by cyd: a held ticket_created row for ada. */
const ticketForAda = async (subject: string) => {
  const t = await h.notifier.client.ticket.create({ data: { subject, customerId: people.carol.id, createdById: people.cyd.id, assignedToId: people.ada.id } });
  // Rows are held once the write is planned; these tests look at them before any sender runs.
  await h.notifier.planChanges();
  return t;
};

/** Every held row of `ids` is digested, into a digest row that exists and is ada's. */
async function expectDigestedOnce(ids: number[]) {
  const rows = await outbox().findMany({ where: { id: { in: ids } } });
  expect(rows.map((r) => r.status)).toEqual(ids.map(() => 'digested'));
  const digestIds = [...new Set(rows.map((r) => r.digestId))];
  expect(digestIds).toHaveLength(1);
  const digest = await outbox().findUniqueOrThrow({ where: { id: digestIds[0]! } });
  expect(digest).toMatchObject({ event: 'daily_digest', status: 'pending', recipientEmail: 'ada@staff.test', recipientKind: 'user', recipientId: String(people.ada.id), ticketId: null });
  return digest;
}

describe('sendDigests', () => {
  it('holds, then makes one digest per person in one run, and a second run makes none', async () => {
    const a = await ticketForAda('Printer');
    await h.notifier.client.ticket.update({ where: { id: a.id }, data: { status: 'open', assignedToId: people.bob.id } });
    await h.notifier.planChanges();
    const held = await outbox().findMany({ where: { status: 'held' }, orderBy: { id: 'asc' } });
    // ada: created; bob: assigned (and the status change in the same email).
    expect(held.map((r) => r.recipientEmail)).toEqual(['ada@staff.test', 'bob@staff.test']);

    const first = await h.notifier.sendDigests();
    expect(first.queued.map((d) => [d.recipient, d.updates, d.tickets])).toEqual([
      ['ada@staff.test', 1, 1],
      ['bob@staff.test', 1, 1],
    ]);
    const rows = await outbox().findMany({ where: { id: { in: held.map((r) => r.id) } } });
    expect(rows.every((r) => r.status === 'digested')).toBe(true);
    expect(rows.map((r) => r.digestId)).toEqual(first.queued.map((d) => d.outboxId));

    const second = await h.notifier.sendDigests();
    expect(second.queued).toEqual([]);
    expect(await digests()).toHaveLength(2);
  });

  it('rows held after a run wait for the next run', async () => {
    const before = await ticketForAda('Before');
    const asOf = new Date();
    await new Promise((r) => setTimeout(r, 20));
    const after = await ticketForAda('After');
    const run = await h.notifier.sendDigests({ now: asOf });
    expect(run.queued).toHaveLength(1);
    const [early] = await outbox().findMany({ where: { ticketId: String(before.id), recipientEmail: 'ada@staff.test' } });
    const [late] = await outbox().findMany({ where: { ticketId: String(after.id), recipientEmail: 'ada@staff.test' } });
    expect(early.status).toBe('digested');
    expect(late.status).toBe('held');
    const next = await h.notifier.sendDigests();
    expect(next.queued.map((d) => d.updates)).toEqual([1]);
    await expectDigestedOnce([late.id]);
  });

  it('a dry run says what it would queue and changes nothing', async () => {
    await ticketForAda('Dry');
    const run = await h.notifier.sendDigests({ dryRun: true });
    expect(run.queued).toEqual([{ userId: String(people.ada.id), recipient: 'ada@staff.test', updates: 1, tickets: 1, outboxId: null }]);
    expect(await outbox().count({ where: { status: 'held' } })).toBe(1);
  });

  it('two notifiers running at once digest each row once', async () => {
    for (let i = 0; i < 3; i++) await ticketForAda(`Race ${i}`);
    const ids = (await outbox().findMany({ where: { status: 'held' } })).map((r) => r.id);
    const count = (await digests()).length;
    const other = h.makeNotifier();
    const runs = await Promise.all([h.notifier.sendDigests(), other.sendDigests(), h.notifier.sendDigests()]);
    expect(runs.reduce((n, r) => n + r.queued.length, 0)).toBe(1);
    expect((await digests()).length).toBe(count + 1);
    const digest = await expectDigestedOnce(ids);
    expect((digest.payload as any).updates).toBe(3);
  });

  it('two processes running notify:digest at once digest each row once', async () => {
    for (let i = 0; i < 2; i++) await ticketForAda(`Processes ${i}`);
    const ids = (await outbox().findMany({ where: { status: 'held' } })).map((r) => r.id);
    const count = (await digests()).length;
    const env = { DATABASE_URL: h.db.url, ...smtpEnv(h.mail.port), DELIVERY: 'worker' };
    const runs = await Promise.all([runScript('notify-digest.ts', ['--list'], env), runScript('notify-digest.ts', ['--list'], env)]);
    const queuedLines = runs.flatMap((r) => r.stdout.split('\n').filter((l) => l.startsWith('queued: ')));
    expect(queuedLines).toEqual(['queued: ada@staff.test: 2 update(s) on 2 ticket(s)']);
    expect((await digests()).length).toBe(count + 1);
    await expectDigestedOnce(ids);
  });

  it('a run that fails midway leaves the rows held and no digest row; the next run digests them', async () => {
    await ticketForAda('Fails');
    const ids = (await outbox().findMany({ where: { status: 'held' } })).map((r) => r.id);
    const count = (await digests()).length;
    // The digest row goes in, then marking the held rows fails: the database refuses the update.
    const sqlite = h.db.provider === 'sqlite';
    const create = sqlite
      ? [`CREATE TRIGGER refuse_digested BEFORE UPDATE OF status ON "EmailOutbox" WHEN NEW.status = 'digested' BEGIN SELECT RAISE(ABORT, 'refused by test'); END`]
      : [
          `CREATE FUNCTION refuse_digested() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'refused by test'; END $$ LANGUAGE plpgsql`,
          `CREATE TRIGGER refuse_digested BEFORE UPDATE ON "EmailOutbox" FOR EACH ROW WHEN (NEW.status = 'digested') EXECUTE FUNCTION refuse_digested()`,
        ];
    for (const sql of create) await h.db.prisma.$executeRawUnsafe(sql);
    try {
      const run = await h.notifier.sendDigests();
      expect(run.queued).toEqual([]);
      expect(run.skipped).toEqual([{ userId: String(people.ada.id), reason: 'error' }]);
    } finally {
      await h.db.prisma.$executeRawUnsafe(sqlite ? 'DROP TRIGGER refuse_digested' : 'DROP TRIGGER refuse_digested ON "EmailOutbox"');
      if (!sqlite) await h.db.prisma.$executeRawUnsafe('DROP FUNCTION refuse_digested()');
    }
    expect((await digests()).length).toBe(count);
    expect((await outbox().findMany({ where: { id: { in: ids } } })).map((r) => r.status)).toEqual(['held']);

    const retry = await h.notifier.sendDigests();
    expect(retry.queued).toHaveLength(1);
    await expectDigestedOnce(ids);
  });

  it('a digest already made of the same rows is not made again (a retried run)', async () => {
    await ticketForAda('Retried');
    const [row] = await outbox().findMany({ where: { status: 'held' } });
    // As if a run had committed the digest row of these rows, and a retry came back for them.
    await outbox().create({
      data: { idempotencyKey: `digest:user:${people.ada.id}:${row.id}`, event: 'daily_digest', recipientEmail: 'ada@staff.test', recipientName: 'Ada', audience: 'staff', payload: {}, messageId: '<x@test>', status: 'sent' },
    });
    const run = await h.notifier.sendDigests();
    expect(run.queued).toEqual([]);
    expect(run.taken).toBe(1);
  });

  it('an inactive staff member gets no digest; their rows stay held', async () => {
    await ticketForAda('Inactive');
    await h.db.prisma.user.update({ where: { id: people.ada.id }, data: { active: false } });
    try {
      const run = await h.notifier.sendDigests();
      expect(run.queued).toEqual([]);
      expect(run.skipped).toEqual([{ userId: String(people.ada.id), reason: 'inactive' }]);
      expect(await outbox().count({ where: { status: 'held' } })).toBe(1);
    } finally {
      await h.db.prisma.user.update({ where: { id: people.ada.id }, data: { active: true } });
    }
  });
});
