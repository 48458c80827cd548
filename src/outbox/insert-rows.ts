import type { NewOutboxRow } from './new-outbox-row';

type Provider = 'sqlite' | 'postgresql';

// Columns written as given; messageId is chosen by the statement (below).
const COLUMNS = ['idempotencyKey', 'event', 'ticketId', 'recipientEmail', 'recipientName', 'recipientKind', 'recipientId', 'audience', 'payload', 'status', 'threadRoot'] as const;
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
  const type = (c: string) => (c === 'payload' ? 'jsonb' : c === 'startsThread' ? 'boolean' : 'text');
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
async function insertSkipping(db: any, provider: Provider, rows: NewOutboxRow[], conflict: string): Promise<Set<string>> {
  const written: { idempotencyKey: string }[] = await db.$queryRawUnsafe(...insertStatement(provider, rows, `${conflict} RETURNING "idempotencyKey"`));
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
export async function insertRows(db: any, rows: NewOutboxRow[], provider: Provider): Promise<number> {
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
export async function insertMissingRows(db: any, rows: NewOutboxRow[], provider: Provider): Promise<NewOutboxRow[]> {
  const fresh = new Set<string>();
  for (const chunk of chunks(rows)) {
    const written = await insertSkipping(db, provider, chunk, 'ON CONFLICT DO NOTHING');
    const skipped = chunk.filter((r) => !written.has(r.idempotencyKey));
    if (skipped.length > 0) for (const key of await insertSkipping(db, provider, withoutRoot(skipped), 'ON CONFLICT ("idempotencyKey") DO NOTHING')) written.add(key);
    for (const key of written) fresh.add(key);
  }
  return rows.filter((r) => fresh.has(r.idempotencyKey));
}
