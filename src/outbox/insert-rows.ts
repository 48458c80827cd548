import type { NewOutboxRow } from './new-outbox-row';

type Provider = 'sqlite' | 'postgresql';

const COLUMNS = ['idempotencyKey', 'event', 'ticketId', 'recipientEmail', 'recipientName', 'recipientKind', 'recipientId', 'audience', 'payload', 'messageId', 'status'] as const;
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
 */
function insertStatement(provider: Provider, rows: NewOutboxRow[], tail: string): [string, ...unknown[]] {
  const target = `INSERT INTO "EmailOutbox" (${quoted([...COLUMNS, ...TIMES])})`;
  const json = JSON.stringify(rows.map((r) => Object.fromEntries(COLUMNS.map((c) => [c, r[c]]))));
  const now = new Date();
  if (provider === 'sqlite') {
    const fields = COLUMNS.map((c) => `json_extract(value, '$.${c}')`).join(', ');
    // `WHERE true` keeps SQLite from reading ON CONFLICT as a join constraint.
    return [`${target} SELECT ${fields}, ?, ?, ? FROM json_each(?) WHERE true ${tail}`, now, now, now, json];
  }
  const record = COLUMNS.map((c) => `"${c}" ${INTEGERS.includes(c) ? 'integer' : c === 'payload' ? 'jsonb' : 'text'}`).join(', ');
  const fields = COLUMNS.map((c) => (c === 'status' ? `"status"::"OutboxStatus"` : `"${c}"`)).join(', ');
  const at = '$2::timestamp(3)';
  return [`${target} SELECT ${fields}, ${at}, ${at}, ${at} FROM jsonb_to_recordset($1::jsonb) AS r(${record}) ${tail}`, json, now];
}

// Rows per statement. Past this, the JSON parameter grows into V8's large
// object space, which is collected only by a full GC: an overdue run over
// tens of thousands of tickets then holds hundreds of MB it no longer needs.
const CHUNK = 100;

const chunks = (rows: NewOutboxRow[]) => Array.from({ length: Math.ceil(rows.length / CHUNK) }, (_, i) => rows.slice(i * CHUNK, (i + 1) * CHUNK));

/** Writes rows for one ticket write; called inside that write's transaction. */
export async function insertRows(db: any, rows: NewOutboxRow[], provider: Provider): Promise<number> {
  let count = 0;
  for (const chunk of chunks(rows)) count += await db.$executeRawUnsafe(...insertStatement(provider, chunk, ''));
  return count;
}

/**
 * Writes only rows whose idempotency key is new, for runs that may repeat
 * (the overdue scan). Returns the rows written.
 */
export async function insertMissingRows(db: any, rows: NewOutboxRow[], provider: Provider): Promise<NewOutboxRow[]> {
  const fresh = new Set<string>();
  for (const chunk of chunks(rows)) {
    const written: { idempotencyKey: string }[] = await db.$queryRawUnsafe(
      ...insertStatement(provider, chunk, 'ON CONFLICT ("idempotencyKey") DO NOTHING RETURNING "idempotencyKey"'),
    );
    for (const r of written) fresh.add(r.idempotencyKey);
  }
  return rows.filter((r) => fresh.has(r.idempotencyKey));
}
