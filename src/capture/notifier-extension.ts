import { Prisma } from '../db/generated/sqlite/client';
import { currentActor } from './actor-context';
import { captureCommentWrite, captureTicketWrite, COMMENT_OPERATIONS, TICKET_OPERATIONS, type WriteCall, type Captured } from './capture-writes';
import { enqueueWrite } from './enqueue-write';
import type { EnqueueOptions } from '../enqueue';
import { inOwnTransaction } from './own-transaction';
import { isCapturing, scopeOf, whileCapturing } from './transaction-scope';

export interface CaptureOptions extends EnqueueOptions {
  /** Called after a write that queued emails has committed. */
  onCommitted: () => void;
}

export class UnboundTransactionError extends Error {
  constructor(kind: string) {
    super(
      kind === 'batch'
        ? 'Ticket writes that send email cannot run in an array $transaction([...]); use the interactive form $transaction(async (tx) => { ... }).'
        : 'A ticket write ran inside an interactive transaction the notifier cannot see: start transactions on the client returned by createTicketNotifier (or wrap yours with bindTransactions), so the outbox rows commit or roll back with the write.',
    );
    this.name = 'UnboundTransactionError';
  }
}

type Capture = (call: WriteCall) => Promise<Captured>;

async function handle(client: any, model: 'ticket' | 'ticketComment', params: any, capture: Capture, options: CaptureOptions) {
  const { operation, args, query } = params;
  // Our own statements inside a captured write pass straight through.
  if (isCapturing()) return query(args);
  const actor = currentActor();
  // The transaction this very query runs in, if any: not the one whose callback happens to be running,
  // since a write through the outer client inside that callback commits on its own.
  const transaction = params.__internalParams?.transaction;

  if (transaction) {
    const scope = scopeOf(transaction);
    if (!scope) throw new UnboundTransactionError(transaction.kind);
    // Join the caller's transaction: everything commits or rolls back with it.
    return whileCapturing(async () => {
      const run = (op: string, a: any) => (op === operation ? query(a) : scope.tx[model][op](a));
      const captured = await capture({ operation, args, run, db: scope.tx, provider: options.provider });
      if ((await enqueueWrite(scope.tx, captured.changes, actor, options, captured.people)) > 0) scope.wroteOutbox = true;
      return captured.result;
    });
  }

  const { result, queued } = await inOwnTransaction(client, async (tx) => {
    const captured = await capture({ operation, args, run: (op, a) => tx[model][op](a), db: tx, provider: options.provider });
    return { result: captured.result, queued: await enqueueWrite(tx, captured.changes, actor, options, captured.people) };
  });
  if (queued > 0) options.onCommitted();
  return result;
}

/**
 * The Prisma extension that turns ticket and comment writes into outbox rows
 * in the same transaction. Reading the old row, the write and the outbox
 * insert share one transaction: the caller's, or one of its own.
 */
export function ticketNotifications(options: CaptureOptions) {
  return Prisma.defineExtension((client) => {
    const hooks = (model: 'ticket' | 'ticketComment', operations: readonly string[], capture: Capture) =>
      Object.fromEntries(operations.map((op) => [op, (params: any) => handle(client, model, params, capture, options)]));
    return client.$extends({
      name: 'ticket-email-notifications',
      query: {
        ticket: hooks('ticket', TICKET_OPERATIONS, captureTicketWrite),
        ticketComment: hooks('ticketComment', COMMENT_OPERATIONS, captureCommentWrite),
      },
    });
  });
}
