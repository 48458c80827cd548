import type { NewDigestRow } from '../new-digest-row';

const COLUMNS = [
  'idempotencyKey',
  'event',
  'recipientEmail',
  'recipientName',
  'recipientKind',
  'recipientId',
  'audience',
  'payload',
  'messageId',
  'status',
  'nextAttemptAt',
  'createdAt',
  'updatedAt',
];

/**
 * Inserts the digest's own outbox row, unless a row with its idempotency key
 * exists: then another run has made this digest (on PostgreSQL the insert
 * waits for that run's transaction and sees its outcome) and the result is
 * null. Otherwise the new row's id.
 */
export async function insertDigestRow(db: any, row: NewDigestRow, provider: 'sqlite' | 'postgresql'): Promise<number | null> {
  const now = new Date();
  const values = [row.idempotencyKey, row.event, row.recipientEmail, row.recipientName, row.recipientKind, row.recipientId, row.audience, JSON.stringify(row.payload), row.messageId, 'pending', now, now, now];
  const target = `INSERT INTO "EmailOutbox" (${COLUMNS.map((c) => `"${c}"`).join(', ')})`;
  const tail = `ON CONFLICT ("idempotencyKey") DO NOTHING RETURNING "id"`;
  const placeholders =
    provider === 'sqlite'
      ? COLUMNS.map(() => '?')
      : COLUMNS.map((c, i) => `$${i + 1}${c === 'payload' ? '::jsonb' : c === 'status' ? '::"OutboxStatus"' : c.endsWith('At') ? '::timestamp(3)' : ''}`);
  const rows: { id: number | bigint }[] = await db.$queryRawUnsafe(`${target} VALUES (${placeholders.join(', ')}) ${tail}`, ...values);
  return rows.length > 0 ? Number(rows[0].id) : null;
}
