import type { KnownPeople } from '../enqueue';
import type { CommentState, TicketState } from '../notifications';
import { createsNestedComments, returnsFullRow, stripId, upsertCreatesComments, withId } from './args';
import type { TicketChange } from './enqueue-write';
import { lockTickets, readTicketWithPeople, type RowLock } from './read-ticket-with-people';

/** A hooked operation, run through `run` with possibly reshaped arguments. */
export interface WriteCall {
  operation: string;
  args: any;
  /** Runs the operation itself (within the write's transaction). */
  run: (operation: string, args: any) => Promise<any>;
  /** The write's transaction, for the reads around the operation. */
  db: any;
  provider: 'sqlite' | 'postgresql';
}

export interface Captured {
  result: any;
  changes: TicketChange[];
  /** People read along with the rows, so planning need not read them again. */
  people?: KnownPeople;
}

/**
 * The id of the ticket a single-ticket write targets: in `where` itself, or
 * found through the other unique fields there. The write's own `where` still
 * decides whether it matches (the result's id tells).
 */
async function targetId(call: WriteCall): Promise<number | null> {
  const id = call.args.where?.id;
  if (typeof id === 'number') return id;
  const found = await call.db.ticket.findUnique({ where: call.args.where, select: { id: true } });
  return found?.id ?? null;
}

/** The ticket before the write, its row locked until the write commits (see readTicketWithPeople). */
async function readBefore(call: WriteCall, lock: RowLock): Promise<{ before: TicketState | null; people?: KnownPeople }> {
  if (call.operation === 'create') return { before: null };
  const id = await targetId(call);
  const read = id === null ? null : await readTicketWithPeople(call.db, call.provider, id, lock);
  return read ? { before: read.ticket, people: read.people } : { before: null };
}

const commentIdsOf = async (db: any, ticketId: number): Promise<Set<number>> =>
  new Set((await db.ticketComment.findMany({ where: { ticketId }, select: { id: true } })).map((c: any) => c.id));

async function newCommentsOf(db: any, ticketId: number, known: Set<number>): Promise<CommentState[]> {
  const all: CommentState[] = await db.ticketComment.findMany({ where: { ticketId }, orderBy: { id: 'asc' } });
  return all.filter((c) => !known.has(c.id));
}

async function fullTicket(db: any, result: any, args: any, id: number): Promise<TicketState> {
  return returnsFullRow(args) ? result : db.ticket.findUniqueOrThrow({ where: { id } });
}

/** ticket.create / update / upsert: one ticket, read before and after in the same transaction. */
async function captureOneTicket(call: WriteCall): Promise<Captured> {
  const { db, operation } = call;
  const nested =
    operation === 'upsert' ? upsertCreatesComments(call.args) : createsNestedComments(call.args.data);
  // New comments are told apart by reading the ticket's comments before and after, so others' must wait.
  const read = await readBefore(call, nested ? 'FOR UPDATE' : 'FOR NO KEY UPDATE');
  const knownComments = nested && read.before ? await commentIdsOf(db, read.before.id) : new Set<number>();
  const { args, strip } = withId(call.args);
  const result = await call.run(operation, args);
  // An upsert whose `where` did not match created another ticket: nothing was before it.
  const { before, people } = read.before?.id === result.id ? read : { before: null, people: undefined };
  const after = await fullTicket(db, result, args, result.id);
  const newComments = nested ? await newCommentsOf(db, after.id, before ? knownComments : new Set<number>()) : [];
  return { result: stripId(result, strip), changes: [{ before, after, newComments }], people };
}

/**
 * createMany / createManyAndReturn on either model, run as createManyAndReturn
 * so every new row is known: the full rows for the notifier, and the result
 * shaped as the caller asked (a count, or the rows they selected).
 */
async function createManyKnown<T>(call: WriteCall, model: 'ticket' | 'ticketComment'): Promise<{ rows: T[]; result: any }> {
  const counting = call.operation === 'createMany';
  const { args, strip } = withId(call.args);
  const created = await call.run('createManyAndReturn', counting ? { data: call.args.data, skipDuplicates: call.args.skipDuplicates } : args);
  const rows: T[] =
    counting || returnsFullRow(call.args) ? created : await call.db[model].findMany({ where: { id: { in: created.map((r: any) => r.id) } } });
  return { rows, result: counting ? { count: created.length } : created.map((r: any) => stripId(r, strip)) };
}

/** ticket.createMany(AndReturn): each new ticket is a ticket_created. */
async function captureManyTickets(call: WriteCall): Promise<Captured> {
  const { rows, result } = await createManyKnown<TicketState>(call, 'ticket');
  return { result, changes: rows.map((after) => ({ before: null, after, newComments: [] })) };
}

/**
 * The tickets a batch write matches, as they are before it. On PostgreSQL
 * their rows are locked first (one statement), then read: the read then sees
 * what the writers it waited for committed, and nobody changes them before
 * this write commits.
 */
async function readBatchBefore(call: WriteCall): Promise<TicketState[]> {
  const where = call.args.where ?? {};
  if (call.provider !== 'postgresql') return call.db.ticket.findMany({ where });
  const matching: { id: number }[] = await call.db.ticket.findMany({ where, select: { id: true } });
  const ids = await lockTickets(call.db, matching.map((t) => t.id));
  return ids.length === 0 ? [] : call.db.ticket.findMany({ where: { id: { in: ids } } });
}

/**
 * ticket.updateMany(AndReturn): Django's queryset.update() sends nothing; here
 * every affected ticket is diffed. The update is narrowed to the rows read
 * first, so no ticket changes without being seen before and after.
 */
async function captureTicketBatch(call: WriteCall): Promise<Captured> {
  const { db } = call;
  const beforeRows = await readBatchBefore(call);
  const ids = beforeRows.map((t) => t.id);
  const narrowed = { ...call.args, where: { AND: [call.args.where ?? {}, { id: { in: ids } }] } };
  const result = await call.run(call.operation, narrowed);
  if (ids.length === 0) return { result, changes: [] };
  const afterRows: TicketState[] = await db.ticket.findMany({ where: { id: { in: ids } } });
  const beforeById = new Map(beforeRows.map((t) => [t.id, t]));
  return { result, changes: afterRows.map((after) => ({ before: beforeById.get(after.id)!, after, newComments: [] })) };
}

/** ticketComment.create / createMany(AndReturn): the comments and the tickets they belong to. */
async function captureComments(call: WriteCall): Promise<Captured> {
  const { db, operation } = call;
  let comments: CommentState[];
  let result: any;
  if (operation === 'create') {
    const { args, strip } = withId(call.args);
    const created = await call.run('create', args);
    comments = [returnsFullRow(args) ? created : await db.ticketComment.findUniqueOrThrow({ where: { id: created.id } })];
    result = stripId(created, strip);
  } else {
    ({ rows: comments, result } = await createManyKnown<CommentState>(call, 'ticketComment'));
  }
  const ticketIds = [...new Set(comments.map((c) => c.ticketId))];
  const tickets: TicketState[] = await db.ticket.findMany({ where: { id: { in: ticketIds } } });
  const changes = tickets.map((t) => ({
    before: t,
    after: t,
    newComments: comments.filter((c) => c.ticketId === t.id),
  }));
  return { result, changes };
}

export const TICKET_OPERATIONS = ['create', 'createMany', 'createManyAndReturn', 'update', 'updateMany', 'updateManyAndReturn', 'upsert'] as const;
export const COMMENT_OPERATIONS = ['create', 'createMany', 'createManyAndReturn'] as const;

export function captureTicketWrite(call: WriteCall): Promise<Captured> {
  switch (call.operation) {
    case 'create':
    case 'update':
    case 'upsert':
      return captureOneTicket(call);
    case 'createMany':
    case 'createManyAndReturn':
      return captureManyTickets(call);
    default:
      return captureTicketBatch(call);
  }
}

export const captureCommentWrite = captureComments;
