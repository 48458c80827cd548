import type { Provider } from '../db';
import type { DIGEST_EVENT, DigestPayload, EmailPayload } from '../notifications';
import type { OutboxDb, RawDb } from './outbox-db';

// Rows held for a staff member's daily digest, and the digest's own row:
// the digest reads the held rows, inserts one row that sums them up and
// marks them digested, all in the caller's transaction.

/** A person with held rows. */
export interface HeldPerson {
  kind: 'user';
  id: number;
}

/** A held outbox row, as much of it as a digest needs. */
export interface HeldRow {
  id: number;
  createdAt: Date;
  payload: EmailPayload;
}

/** The digest's own outbox row, about no one ticket. */
export interface NewDigestRow {
  idempotencyKey: string;
  event: typeof DIGEST_EVENT;
  recipientEmail: string;
  recipientName: string;
  recipientKind: 'user';
  recipientId: string;
  audience: 'staff';
  payload: DigestPayload;
  messageId: string;
}

/** Rows waiting for a digest, for the command's summary. */
export function countHeld(db: OutboxDb): Promise<number> {
  return db.emailOutbox.count({ where: { status: 'held' } });
}

/**
 * Staff members with rows held for their digest, held at or before `asOf`.
 * Only staff are held (planning never holds a customer's email), and only
 * staff are read here, so a customer can never get a digest.
 */
export async function listHeldPeople(db: OutboxDb, asOf: Date): Promise<HeldPerson[]> {
  const groups = await db.emailOutbox.groupBy({
    by: ['recipientId'],
    where: { status: 'held', recipientKind: 'user', recipientId: { not: null }, createdAt: { lte: asOf } },
    orderBy: { recipientId: 'asc' },
  });
  return groups.map((g) => ({ kind: 'user' as const, id: g.recipientId! }));
}

/** One person's held rows, oldest first; rows held after `asOf` wait for the next run. */
export async function readHeldRows(db: OutboxDb, person: HeldPerson, asOf: Date): Promise<HeldRow[]> {
  const rows = await db.emailOutbox.findMany({
    where: { status: 'held', recipientKind: person.kind, recipientId: person.id, createdAt: { lte: asOf } },
    orderBy: { id: 'asc' },
    select: { id: true, createdAt: true, payload: true },
  });
  // A held row's payload is the one buildPayload wrote: only ticket emails are held, never a digest.
  return rows.map((r) => ({ ...r, payload: r.payload as unknown as EmailPayload }));
}

const DIGEST_COLUMNS = [
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
export async function insertDigestRow(db: RawDb, row: NewDigestRow, provider: Provider): Promise<number | null> {
  const now = new Date();
  const values = [row.idempotencyKey, row.event, row.recipientEmail, row.recipientName, row.recipientKind, row.recipientId, row.audience, JSON.stringify(row.payload), row.messageId, 'pending', now, now, now];
  const target = `INSERT INTO "EmailOutbox" (${DIGEST_COLUMNS.map((c) => `"${c}"`).join(', ')})`;
  const tail = `ON CONFLICT ("idempotencyKey") DO NOTHING RETURNING "id"`;
  const placeholders =
    provider === 'sqlite'
      ? DIGEST_COLUMNS.map(() => '?')
      : DIGEST_COLUMNS.map((c, i) => `$${i + 1}${c === 'payload' ? '::jsonb' : c === 'status' ? '::"OutboxStatus"' : c.endsWith('At') ? '::timestamp(3)' : ''}`);
  const rows = await db.$queryRawUnsafe<{ id: number | bigint }[]>(`${target} VALUES (${placeholders.join(', ')}) ${tail}`, ...values);
  return rows.length > 0 ? Number(rows[0].id) : null;
}

/**
 * Marks held rows as sent in the digest `digestId`. Only rows still held
 * change, so of two runs that read the same rows at once only one can mark
 * them; the caller compares the count with the rows it read.
 */
export async function markDigested(db: OutboxDb, ids: readonly number[], digestId: number): Promise<number> {
  const { count } = await db.emailOutbox.updateMany({
    where: { id: { in: [...ids] }, status: 'held' },
    data: { status: 'digested', digestId },
  });
  return count;
}
