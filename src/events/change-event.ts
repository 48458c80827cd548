import { randomUUID } from 'node:crypto';
import type { Provider } from '../db';
import type { Actor, CommentState, EntityId, TicketEvent, TicketState } from '../notifications';
import type { RawDb } from '../outbox';

// The change-event table: what a write records in its own transaction (one
// row, whatever the number of tickets it touched), and what the planner takes
// after the commit. A write does no more than this, so it pays one statement
// for its emails; who gets what is decided by the planner.

/** What one write did to one ticket, diffed. */
export interface TicketEvents {
  ticket: TicketState;
  events: TicketEvent[];
  /** The assignee before this write, to name in an assignment email. */
  formerAssigneeId?: EntityId | null;
}

/** A recorded write, as the planner takes it. */
export interface ChangeEvent {
  id: number;
  /** Names the write: with the ticket and the recipient, each email's idempotency key. */
  writeKey: string;
  items: TicketEvents[];
  actor: Actor | undefined;
  /** Why the stored row could not be read back, if it could not. */
  unreadable?: string;
}

/** Records one write's events with `db`, the write's transaction. Returns false when there was nothing to record. */
export async function recordChange(db: RawDb, items: TicketEvents[], actor: Actor | undefined, provider: Provider): Promise<boolean> {
  const changed = items.filter((i) => i.events.length > 0);
  if (changed.length === 0) return false;
  const json = provider === 'postgresql' ? '::jsonb' : '';
  await db.$executeRawUnsafe(
    `INSERT INTO "ChangeEvent" ("writeKey", "items", "actor") VALUES (${placeholders(provider, 3, json)})`,
    `write:${randomUUID()}`,
    JSON.stringify(changed),
    actor ? JSON.stringify(actor) : null,
  );
  return true;
}

const placeholders = (provider: Provider, n: number, cast: string) =>
  Array.from({ length: n }, (_, i) => (provider === 'postgresql' ? `$${i + 1}${i > 0 ? cast : ''}` : '?')).join(', ');

interface EventRow {
  id: number | bigint;
  writeKey: string;
  items: unknown;
  actor: unknown;
}

/**
 * Takes (deletes and returns) the oldest recorded writes, at most `limit`, in
 * the order they were recorded. Run it in the transaction that writes their
 * outbox rows: the rows and the deletion commit together, so each write is
 * planned once, and a planner that dies leaves its events to the next.
 *
 * The DELETE is the planning transaction's first statement, so on SQLite it
 * takes the write lock before anything is read. On PostgreSQL planners take
 * turns (a transaction-scoped advisory lock), so one ticket's events are
 * planned, and their rows queued, in the order they were written.
 */
export async function takeChanges(db: RawDb, limit: number, provider: Provider): Promise<ChangeEvent[]> {
  if (provider === 'postgresql') await db.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(${PLANNER_LOCK})`);
  const rows = await db.$queryRawUnsafe<EventRow[]>(
    `DELETE FROM "ChangeEvent" WHERE "id" IN (SELECT "id" FROM "ChangeEvent" WHERE "lastError" IS NULL ORDER BY "id" LIMIT ${Math.max(1, Math.floor(limit))})
     RETURNING "id", "writeKey", CAST("items" AS TEXT) AS "items", CAST("actor" AS TEXT) AS "actor"`,
  );
  // Decoded one by one: a row that cannot be read fails its own planning, not its neighbours'.
  return rows.map(decode).sort((a, b) => a.id - b.id);
}

function decode(r: EventRow): ChangeEvent {
  const id = Number(r.id);
  try {
    return { id, writeKey: r.writeKey, items: reviveItems(parsed(r.items)), actor: (parsed(r.actor) as Actor | null) ?? undefined };
  } catch (error) {
    return { id, writeKey: r.writeKey, items: [], actor: undefined, unreadable: String(error) };
  }
}

/** Whether any recorded write waits to be planned: one indexed read, no transaction, no lock. */
export async function hasChanges(db: RawDb): Promise<boolean> {
  const rows = await db.$queryRawUnsafe<unknown[]>(`SELECT 1 AS "one" FROM "ChangeEvent" WHERE "lastError" IS NULL LIMIT 1`);
  return rows.length > 0;
}

/**
 * Keeps a recorded write whose planning failed, with the error, and takes it
 * out of planning: the writes after it are planned, and an operator can see
 * it (and clear `lastError` to plan it again once the cause is fixed).
 */
export async function setChangeAside(db: RawDb, id: number, error: string, provider: Provider): Promise<void> {
  const [a, b] = provider === 'postgresql' ? ['$1', '$2'] : ['?', '?'];
  await db.$executeRawUnsafe(`UPDATE "ChangeEvent" SET "lastError" = ${a} WHERE "id" = ${b}`, error.slice(0, 2000), id);
}

/** The latest recorded writes set aside, newest first, with why. */
export async function setAsideChanges(db: RawDb, limit: number): Promise<{ id: number; createdAt: Date; lastError: string }[]> {
  const rows = await db.$queryRawUnsafe<{ id: number | bigint; createdAt: Date | string; lastError: string }[]>(
    `SELECT "id", "createdAt", "lastError" FROM "ChangeEvent" WHERE "lastError" IS NOT NULL ORDER BY "id" DESC LIMIT ${Math.max(0, Math.floor(limit))}`,
  );
  return rows.map((r) => ({ id: Number(r.id), createdAt: new Date(r.createdAt), lastError: r.lastError }));
}

/** Recorded writes: still to plan, and set aside after their planning failed. */
export async function countChanges(db: RawDb): Promise<{ waiting: number; setAside: number }> {
  const rows = await db.$queryRawUnsafe<{ waiting: number | bigint | null; aside: number | bigint | null }[]>(
    `SELECT SUM(CASE WHEN "lastError" IS NULL THEN 1 ELSE 0 END) AS "waiting", SUM(CASE WHEN "lastError" IS NULL THEN 0 ELSE 1 END) AS "aside" FROM "ChangeEvent"`,
  );
  return { waiting: Number(rows[0]?.waiting ?? 0), setAside: Number(rows[0]?.aside ?? 0) };
}

// An arbitrary constant that names the planners' turn among the app's advisory locks.
const PLANNER_LOCK = 7_202_612_03;

// The JSON columns are read as text and parsed here, one row at a time: a row that is not JSON
// (SQLite stores any text) must fail its own planning, not the statement that takes a round.
const parsed = (v: unknown): unknown => (typeof v === 'string' ? JSON.parse(v) : v);

// JSON keeps ids (numbers or strings) as they were; dates come back as text.
const date = (v: unknown): Date | null => (v === null || v === undefined ? null : new Date(v as string));

function reviveComment(c: CommentState): CommentState {
  return { ...c, createdAt: date(c.createdAt)! };
}

function reviveItems(raw: unknown): TicketEvents[] {
  return (raw as TicketEvents[]).map((item) => ({
    ...item,
    ticket: { ...item.ticket, dueDate: date(item.ticket.dueDate) },
    events: item.events.map((e) => (e.type === 'comment_added' ? { ...e, comment: reviveComment(e.comment) } : e)),
  }));
}
