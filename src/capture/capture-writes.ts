import type { Provider } from '../db';
import type { HostDb, HostStore, RowLock } from '../host-schema';
import type { CommentState, EntityId, TicketState } from '../notifications';
import { createsNestedComments, returnsFullRow, stripId, upsertCreatesComments, withId, type Args } from './args';
import type { TicketChange } from './record-write';

/** A hooked operation, run through `run` with possibly reshaped arguments. */
export interface WriteCall {
  operation: string;
  args: Args;
  /** Runs the operation itself (within the write's transaction). */
  run: (operation: string, args: Args) => Promise<unknown>;
  /** The write's transaction, for the reads around the operation. */
  db: HostDb;
  store: HostStore;
}

export interface Captured {
  result: unknown;
  changes: TicketChange[];
}

type Row = Record<string, unknown>;

/**
 * The id of the ticket a single-ticket write targets: in `where` itself, or
 * found through the other unique fields there. The write's own `where` still
 * decides whether it matches (the result's id tells).
 */
async function targetId(call: WriteCall): Promise<EntityId | null> {
  const where = (call.args.where ?? {}) as Row;
  const id = where[call.store.ticketIdField];
  if (typeof id === 'number' || typeof id === 'string') return id;
  return call.store.ticketIdWhere(call.db, where);
}

/** The ticket before the write, its row locked until the write commits (see RowLock). */
async function readBefore(call: WriteCall, lock: RowLock): Promise<TicketState | null> {
  if (call.operation === 'create') return null;
  const id = await targetId(call);
  return id === null ? null : call.store.readTicketForWrite(call.db, id, lock);
}

/** ticket.create / update / upsert: one ticket, read before and after in the same transaction. */
async function captureOneTicket(call: WriteCall): Promise<Captured> {
  const { db, operation, store } = call;
  const relation = store.commentsRelation;
  const nested = operation === 'upsert' ? upsertCreatesComments(call.args, relation) : createsNestedComments(call.args.data, relation);
  // New comments are told apart by reading the ticket's comments before and after, so others' must wait.
  const read = await readBefore(call, nested ? 'FOR UPDATE' : 'FOR NO KEY UPDATE');
  const knownComments = nested && read ? await store.commentIdsOf(db, read.id) : new Set<EntityId>();
  const { args, strip } = withId(call.args, store.ticketIdField);
  const result = (await call.run(operation, args)) as Row;
  const id = result[store.ticketIdField] as EntityId;
  // An upsert whose `where` did not match created another ticket: nothing was before it.
  const before = read?.id === id ? read : null;
  const after = returnsFullRow(args) ? store.toTicket(result) : await store.ticket(db, id);
  const newComments = nested ? (await store.commentsOf(db, id)).filter((c) => !(before ? knownComments : new Set()).has(c.id)) : [];
  return { result: stripId(result, strip, store.ticketIdField), changes: [{ before, after, newComments }] };
}

/**
 * createMany / createManyAndReturn on either model, run as createManyAndReturn
 * so every new row is known: the full rows for the notifier, and the result
 * shaped as the caller asked (a count, or the rows they selected).
 */
async function createManyKnown(call: WriteCall, idField: string): Promise<{ created: Row[]; full: boolean; result: unknown }> {
  const counting = call.operation === 'createMany';
  const { args, strip } = withId(call.args, idField);
  const created = (await call.run('createManyAndReturn', counting ? { data: call.args.data, skipDuplicates: call.args.skipDuplicates } : args)) as Row[];
  return {
    created,
    full: counting || returnsFullRow(call.args),
    result: counting ? { count: created.length } : created.map((r) => stripId(r, strip, idField)),
  };
}

/** ticket.createMany(AndReturn): each new ticket is a ticket_created. */
async function captureManyTickets(call: WriteCall): Promise<Captured> {
  const { store } = call;
  const { created, full, result } = await createManyKnown(call, store.ticketIdField);
  const rows = full ? created.map(store.toTicket) : await store.ticketsByIds(call.db, created.map((r) => r[store.ticketIdField] as EntityId));
  return { result, changes: rows.map((after) => ({ before: null, after, newComments: [] })) };
}

/**
 * The tickets a batch write matches, as they are before it. On PostgreSQL
 * their rows are locked first (one statement), then read: the read then sees
 * what the writers it waited for committed, and nobody changes them before
 * this write commits.
 */
async function readBatchBefore(call: WriteCall, provider: Provider): Promise<TicketState[]> {
  const where = (call.args.where ?? {}) as object;
  if (provider !== 'postgresql') return call.store.ticketsWhere(call.db, where);
  const ids = await call.store.lockTickets(call.db, await call.store.ticketIdsWhere(call.db, where));
  return call.store.ticketsByIds(call.db, ids);
}

// The most ids one narrowed statement names. Databases cap a statement's parameters (SQLite's
// driver at 32766, PostgreSQL's protocol at 65535, and Prisma counts conservatively), and a
// bare updateMany of any size must not fail here for the list of ids the notifier added.
const NARROW_CHUNK: Record<Provider, number> = { sqlite: 900, postgresql: 30_000 };

/**
 * Runs a batch write narrowed to `ids`, as one statement per chunk of ids
 * within the write's transaction: the same rows change with the same data,
 * and the result is what the single call would have returned.
 */
async function runNarrowed(call: WriteCall, ids: EntityId[], provider: Provider): Promise<unknown> {
  const size = NARROW_CHUNK[provider];
  const results: unknown[] = [];
  for (let start = 0; start < ids.length; start += size) {
    const where = call.store.narrowTo(call.args.where as object | undefined, ids.slice(start, start + size));
    results.push(await call.run(call.operation, { ...call.args, where }));
  }
  if (results.length === 1) return results[0];
  if (call.operation === 'updateMany') return { count: results.reduce<number>((n, r) => n + (r as { count: number }).count, 0) };
  return results.flat();
}

/**
 * ticket.updateMany(AndReturn): Django's queryset.update() sends nothing; here
 * every affected ticket is diffed. The update is narrowed to the rows read
 * first, so no ticket changes without being seen before and after.
 */
async function captureTicketBatch(call: WriteCall, provider: Provider): Promise<Captured> {
  const { db, store } = call;
  const limit = typeof call.args.limit === 'number' ? call.args.limit : Infinity;
  // With a `limit`, which rows change is the database's choice; narrowed to as many of the rows read, it is ours.
  const beforeRows = (await readBatchBefore(call, provider)).slice(0, limit);
  const ids = beforeRows.map((t) => t.id);
  if (ids.length === 0) return { result: await call.run(call.operation, call.args), changes: [] };
  const result = await runNarrowed(call, ids, provider);
  const afterRows = await store.ticketsByIds(db, ids);
  const beforeById = new Map(beforeRows.map((t) => [t.id, t]));
  return { result, changes: afterRows.map((after) => ({ before: beforeById.get(after.id)!, after, newComments: [] })) };
}

/** comment.create / createMany(AndReturn): the comments and the tickets they belong to. */
async function captureComments(call: WriteCall): Promise<Captured> {
  const { db, operation, store } = call;
  const idField = store.commentIdField;
  let comments: CommentState[];
  let result: unknown;
  if (operation === 'create') {
    const { args, strip } = withId(call.args, idField);
    const created = (await call.run('create', args)) as Row;
    comments = returnsFullRow(args) ? [store.toComment(created)] : await store.commentsByIds(db, [created[idField] as EntityId]);
    result = stripId(created, strip, idField);
  } else {
    const many = await createManyKnown(call, idField);
    comments = many.full ? many.created.map(store.toComment) : await store.commentsByIds(db, many.created.map((r) => r[idField] as EntityId));
    result = many.result;
  }
  const tickets = await store.ticketsByIds(db, [...new Set(comments.map((c) => c.ticketId))]);
  const changes = tickets.map((t) => ({
    before: t,
    after: t,
    newComments: comments.filter((c) => c.ticketId === t.id),
  }));
  return { result, changes };
}

export const TICKET_OPERATIONS = ['create', 'createMany', 'createManyAndReturn', 'update', 'updateMany', 'updateManyAndReturn', 'upsert'] as const;
export const COMMENT_OPERATIONS = ['create', 'createMany', 'createManyAndReturn'] as const;

export function captureTicketWrite(call: WriteCall, provider: Provider): Promise<Captured> {
  switch (call.operation) {
    case 'create':
    case 'update':
    case 'upsert':
      return captureOneTicket(call);
    case 'createMany':
    case 'createManyAndReturn':
      return captureManyTickets(call);
    default:
      return captureTicketBatch(call, provider);
  }
}

export const captureCommentWrite = (call: WriteCall): Promise<Captured> => captureComments(call);
