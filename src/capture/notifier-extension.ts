import { Prisma } from '../db/generated/sqlite/client';
import { clientProvider, hostStore, resolveHostSchema, type HostSchemaOptions, type HostStore } from '../host-schema';
import { currentActor } from './actor-context';
import type { Args } from './args';
import { captureCommentWrite, captureTicketWrite, COMMENT_OPERATIONS, TICKET_OPERATIONS, type WriteCall, type Captured } from './capture-writes';
import { recordWrite } from './record-write';
import type { Provider } from '../db';
import type { RawDb } from '../outbox';
import type { HostDb } from '../host-schema';
import { inOwnTransaction } from './own-transaction';
import type { TransactionClient } from '../db';
import { isCapturing, scopeOf, whileCapturing } from './transaction-scope';

export interface CaptureOptions {
  /** The host app's models, through its schema mapping. */
  store: HostStore;
  provider: Provider;
  /** EMAIL_NOTIFICATIONS_ENABLED: when false, writes record nothing. */
  enabled?: boolean;
  /** Called after a write that recorded events has committed. */
  onCommitted: () => void;
}

type WriteDb = HostDb & RawDb;

export class UnboundTransactionError extends Error {
  constructor(kind: string | undefined) {
    super(
      kind === 'batch'
        ? 'Ticket writes that send email cannot run in an array $transaction([...]); use the interactive form $transaction(async (tx) => { ... }).'
        : 'A ticket write ran inside an interactive transaction the notifier cannot see: start transactions on the client returned by createTicketNotifier (or wrap yours with bindTransactions), so the outbox rows commit or roll back with the write.',
    );
    this.name = 'UnboundTransactionError';
  }
}

/** What a Prisma query hook receives (the parts used here; `__internalParams` is Prisma's own, see transaction-scope.ts). */
interface HookParams {
  operation: string;
  args: Args;
  query: (args: Args) => Promise<unknown>;
  __internalParams?: { transaction?: { kind?: string; id?: unknown } };
}

type Capture = (call: WriteCall) => Promise<Captured>;
type Delegates = Record<string, Record<string, (args: Args) => Promise<unknown>>>;
const operationOf = (db: unknown, model: string, op: string) => (args: Args) => (db as Delegates)[model][op](args);

async function handle(client: TransactionClient, model: string, params: HookParams, capture: Capture, options: CaptureOptions) {
  const { operation, args, query } = params;
  // Our own statements inside a captured write pass straight through.
  if (isCapturing() || options.enabled === false) return query(args);
  const actor = currentActor();
  // The transaction this very query runs in, if any: not the one whose callback happens to be running,
  // since a write through the outer client inside that callback commits on its own.
  const transaction = params.__internalParams?.transaction;
  const store = options.store;

  if (transaction) {
    const scope = scopeOf(transaction);
    if (!scope) throw new UnboundTransactionError(transaction.kind);
    // Join the caller's transaction: everything commits or rolls back with it.
    return whileCapturing(async () => {
      const db = scope.tx as WriteDb;
      const run = (op: string, a: Args) => (op === operation ? query(a) : operationOf(db, model, op)(a));
      const captured = await capture({ operation, args, run, db, store });
      if (await recordWrite(db, captured.changes, actor, store.statuses, options.provider)) scope.wroteEvents = true;
      return captured.result;
    });
  }

  const { result, recorded } = await inOwnTransaction(client, async (tx) => {
    const db = tx as WriteDb;
    const captured = await capture({ operation, args, run: (op, a) => operationOf(db, model, op)(a), db, store });
    return { result: captured.result, recorded: await recordWrite(db, captured.changes, actor, store.statuses, options.provider) };
  });
  if (recorded) options.onCommitted();
  return result;
}

/**
 * The Prisma extension that records ticket and comment writes as change
 * events in the same transaction. Reading the old row, the write and the
 * event's insert share one transaction: the caller's, or one of its own. The models
 * it hooks are the host-schema mapping's.
 */
export function ticketNotifications(given: Omit<CaptureOptions, 'store'> & { store?: HostStore; schema?: HostSchemaOptions }) {
  return Prisma.defineExtension((client) => {
    const store = given.store ?? hostStore(resolveHostSchema(client, given.schema), clientProvider(client) ?? given.provider);
    const options: CaptureOptions = { ...given, store };
    const hooks = (model: string, operations: readonly string[], capture: Capture) =>
      Object.fromEntries(operations.map((op) => [op, (params: HookParams) => handle(client as unknown as TransactionClient, model, params, capture, options)]));
    const query = {
      [store.ticketModel]: hooks(store.ticketModel, TICKET_OPERATIONS, (call) => captureTicketWrite(call, options.provider)),
      [store.commentModel]: hooks(store.commentModel, COMMENT_OPERATIONS, captureCommentWrite),
    };
    // The models are the mapping's, known at run time only: Prisma's types cannot check them here.
    return client.$extends({ name: 'ticket-email-notifications', query: query as never });
  });
}
