import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Provider } from '../db';
import type { EmailPayload } from '../notifications';
import type { RawDb } from './outbox-db';

// Writing outbox rows: a planned email's row and its Message-IDs, the one
// statement that inserts a write's rows, and the skips recorded beside them.

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
 * row has taken that yet (see insertStatement). A row held for a digest is
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

/**
 * The Message-ID of a recipient's first email about a ticket, whatever its
 * event, which each of their later emails about the ticket refers to. It is
 * derived, not stored, so every writer can name it without a query; the
 * first row to the recipient takes it as its own Message-ID (insertStatement).
 *
 * It mixes in the installation's key, so two installations that send from
 * one domain (staging and production, two tenants) never give two different
 * emails one id: a mail client that already holds an id drops the second
 * message that carries it. It is per recipient because each recipient's copy
 * is a message of its own, and the address is hashed with the key, so the id
 * does not reveal it.
 */
export function threadRootId(installation: string, ticketId: number | string, address: string, domain: string): string {
  const who = createHash('sha256').update(`${installation}\n${ticketId}\n${address.trim().toLowerCase()}`).digest('hex').slice(0, 24);
  return `<ticket-${ticketId}.${who}@${domain}>`;
}

/**
 * The root that rows queued before thread roots were stored refer to (their
 * `threadRoot` is null): it was the ticket_created email's, derived from the
 * address alone.
 */
export function legacyThreadRootId(ticketId: number | string, address: string, domain: string): string {
  const who = createHash('sha256').update(address.trim().toLowerCase()).digest('hex').slice(0, 16);
  return `<ticket-${ticketId}.${who}@${domain}>`;
}

/** A fresh Message-ID for any other email, on the app's own domain: random, so unique everywhere. */
export function newMessageId(event: string, ticketId: number | string | null, domain: string): string {
  return `<${event.replace(/_/g, '-')}.${ticketId ?? 'none'}.${randomUUID()}@${domain}>`;
}

const readKey = async (db: RawDb): Promise<string | null> => {
  const rows = await db.$queryRaw<{ key: string }[]>`SELECT "key" FROM "Installation" WHERE "id" = 1`;
  return rows[0]?.key ?? null;
};

/**
 * Reads this installation's key, the one row of the Installation table that
 * the migration filled with a random value, and remembers it: the write path
 * pays the query once per process, not once per write. `db` is the caller's
 * transaction or client.
 *
 * A missing row (deleted to give a copied database a key of its own) is made
 * here, and only a key read back from a committed row is remembered: the
 * caller's transaction may still roll the new row back, and a key that no
 * other process sees would give this one's thread roots ids of their own.
 */
export function installationKeyReader(): (db: RawDb) => Promise<string> {
  let known: string | null = null;
  return async (db) => {
    if (known !== null) return known;
    const key = await readKey(db);
    if (key !== null) return (known = key);
    await db.$executeRaw`INSERT INTO "Installation" ("id", "key") VALUES (1, ${randomBytes(16).toString('hex')}) ON CONFLICT ("id") DO NOTHING`;
    return (await readKey(db))!;
  };
}

// Columns written as given; messageId is chosen by the statement (below).
const COLUMNS = ['idempotencyKey', 'event', 'ticketId', 'recipientEmail', 'recipientName', 'recipientKind', 'recipientId', 'audience', 'payload', 'status', 'threadRoot'] as const;
const INTEGERS: readonly string[] = ['ticketId', 'recipientId'];
const TIMES = ['nextAttemptAt', 'createdAt', 'updatedAt'];
const quoted = (names: readonly string[]) => names.map((n) => `"${n}"`).join(', ');

/**
 * One INSERT for many rows, with the rows passed as a single JSON
 * parameter that the database unpacks (json_each on SQLite,
 * jsonb_to_recordset on PostgreSQL). Prisma's createMany spends about half a
 * millisecond per outbox row building its query; this statement costs a
 * fraction of that, which is most of what queuing adds to a write and most of
 * an overdue run's time.
 *
 * Each row's Message-ID is decided here, in the same statement: the
 * recipient's thread root if the row may start the thread and no row has
 * that id yet, else its own fresh id. Knowing "first email to this person
 * about this ticket" this way costs the write no extra statement; the unique
 * index on messageId settles two writers that both saw no root (see
 * insertRows).
 */
function insertStatement(provider: Provider, rows: NewOutboxRow[], tail: string): [string, ...unknown[]] {
  const target = `INSERT INTO "EmailOutbox" (${quoted([...COLUMNS, 'messageId', ...TIMES])})`;
  const json = JSON.stringify(rows.map((r) => ({ ...Object.fromEntries(COLUMNS.map((c) => [c, r[c]])), messageId: r.messageId, startsThread: r.startsThread })));
  const now = new Date();
  const messageId = (field: (name: string) => string) =>
    `CASE WHEN ${field('startsThread')} AND NOT EXISTS (SELECT 1 FROM "EmailOutbox" AS o WHERE o."messageId" = ${field('threadRoot')}) ` +
    `THEN ${field('threadRoot')} ELSE ${field('messageId')} END`;
  if (provider === 'sqlite') {
    const field = (c: string) => `json_extract(value, '$.${c}')`;
    // `WHERE true` keeps SQLite from reading ON CONFLICT as a join constraint.
    return [`${target} SELECT ${COLUMNS.map(field).join(', ')}, ${messageId(field)}, ?, ?, ? FROM json_each(?) WHERE true ${tail}`, now, now, now, json];
  }
  const type = (c: string) => (INTEGERS.includes(c) ? 'integer' : c === 'payload' ? 'jsonb' : c === 'startsThread' ? 'boolean' : 'text');
  const record = [...COLUMNS, 'messageId', 'startsThread'].map((c) => `"${c}" ${type(c)}`).join(', ');
  const field = (c: string) => (c === 'status' ? `r."status"::"OutboxStatus"` : `r."${c}"`);
  const at = '$2::timestamp(3)';
  return [`${target} SELECT ${COLUMNS.map(field).join(', ')}, ${messageId(field)}, ${at}, ${at}, ${at} FROM jsonb_to_recordset($1::jsonb) AS r(${record}) ${tail}`, json, now];
}

// Rows per statement. Past this, the JSON parameter grows into V8's large
// object space, which is collected only by a full GC: an overdue run over
// tens of thousands of tickets then holds hundreds of MB it no longer needs.
const CHUNK = 100;

const chunks = (rows: NewOutboxRow[]) => Array.from({ length: Math.ceil(rows.length / CHUNK) }, (_, i) => rows.slice(i * CHUNK, (i + 1) * CHUNK));

/** Inserts rows, skipping any that would repeat a unique value; returns the keys of those written. */
async function insertSkipping(db: RawDb, provider: Provider, rows: NewOutboxRow[], conflict: string): Promise<Set<string>> {
  const written = await db.$queryRawUnsafe<{ idempotencyKey: string }[]>(...insertStatement(provider, rows, `${conflict} RETURNING "idempotencyKey"`));
  return new Set(written.map((r) => r.idempotencyKey));
}

// A row skipped by the first insert of its chunk lost the race for its thread
// root (another writer took the id between our check and our insert, which
// waits on the other's commit), or, in a run that may repeat, has a key that
// is already queued. Tried once more without the root: the first case is then
// written with its own id and refers to the root like any later email.
const withoutRoot = (rows: NewOutboxRow[]) => rows.map((r) => ({ ...r, startsThread: false }));

/**
 * Writes rows for one ticket write; called inside that write's transaction.
 * A thread root taken by a concurrent write never fails the app's write: the
 * first insert skips on any conflict (no per-constraint target, since on
 * PostgreSQL a conflict outside the target raises), and the rows it skipped
 * go in again with their own ids. A repeated idempotency key still fails the
 * second insert: keys are fresh per write, so that is a bug to hear of.
 */
export async function insertRows(db: RawDb, rows: NewOutboxRow[], provider: Provider): Promise<number> {
  let count = 0;
  for (const chunk of chunks(rows)) {
    const written = await insertSkipping(db, provider, chunk, 'ON CONFLICT DO NOTHING');
    const skipped = chunk.filter((r) => !written.has(r.idempotencyKey));
    count += written.size;
    if (skipped.length > 0) count += await db.$executeRawUnsafe(...insertStatement(provider, withoutRoot(skipped), ''));
  }
  return count;
}

/**
 * Writes only rows whose idempotency key is new, for runs that may repeat
 * (the overdue scan). Returns the rows written.
 */
export async function insertMissingRows(db: RawDb, rows: NewOutboxRow[], provider: Provider): Promise<NewOutboxRow[]> {
  const fresh = new Set<string>();
  for (const chunk of chunks(rows)) {
    const written = await insertSkipping(db, provider, chunk, 'ON CONFLICT DO NOTHING');
    const skipped = chunk.filter((r) => !written.has(r.idempotencyKey));
    if (skipped.length > 0) for (const key of await insertSkipping(db, provider, withoutRoot(skipped), 'ON CONFLICT ("idempotencyKey") DO NOTHING')) written.add(key);
    for (const key of written) fresh.add(key);
  }
  return rows.filter((r) => fresh.has(r.idempotencyKey));
}

/** One email a recipient's own choice or state kept from them (see SkippedNotification). */
export interface NewSkip {
  idempotencyKey: string;
  event: string;
  ticketId: string | null;
  recipientKind: 'user' | 'customer';
  recipientId: string;
  recipientEmail: string;
  reason: string;
}

/**
 * Records skips; a key already recorded (a repeated overdue run) is left as
 * it is. Skips are few (most writes have none), so one plain statement per
 * call is enough.
 */
export async function insertSkips(db: RawDb, skips: NewSkip[], provider: Provider): Promise<void> {
  if (skips.length === 0) return;
  const p = (i: number) => (provider === 'sqlite' ? '?' : `$${i}`);
  const values: unknown[] = [];
  const tuples = skips.map((s) => {
    const at = values.length;
    values.push(s.idempotencyKey, s.event, s.ticketId, s.recipientKind, s.recipientId, s.recipientEmail, s.reason, new Date());
    return `(${Array.from({ length: 8 }, (_, i) => p(at + i + 1)).join(', ')})`;
  });
  await db.$executeRawUnsafe(
    `INSERT INTO "SkippedNotification" ("idempotencyKey", "event", "ticketId", "recipientKind", "recipientId", "recipientEmail", "reason", "createdAt")
     VALUES ${tuples.join(', ')} ON CONFLICT ("idempotencyKey") DO NOTHING`,
    ...values,
  );
}
