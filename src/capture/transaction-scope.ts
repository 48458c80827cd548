import { AsyncLocalStorage } from 'node:async_hooks';

/** An interactive transaction started on the notifier's client, while its callback runs. */
interface Scope {
  /** The transaction client Prisma hands the callback. */
  tx: unknown;
  /** Set by a captured write that recorded events, so the commit can wake the planner. */
  wroteEvents: boolean;
}

// Prisma names each interactive transaction with a UUID, given to query hooks as
// `__internalParams.transaction.id` and on the transaction client under this symbol.
const TRANSACTION_ID = Symbol.for('prisma.client.transaction.id');

const scopes = new Map<string, Scope>();
// Set while a captured write runs its own statements, so they pass straight through.
const capturing = new AsyncLocalStorage<true>();

/**
 * The scope of the transaction a query runs in, from the hook's internal
 * parameters. Keyed by the transaction itself, not by async context: a write
 * through the outer client inside a `$transaction` callback runs outside that
 * transaction (Prisma commits it on its own), so its outbox rows must not go
 * into the transaction either, or a rollback there would lose the email of a
 * write that committed.
 */
export const scopeOf = (transaction: { kind?: string; id?: unknown } | undefined): Scope | undefined =>
  transaction?.kind === 'itx' && typeof transaction.id === 'string' ? scopes.get(transaction.id) : undefined;

export const isCapturing = () => capturing.getStore() === true;
export const whileCapturing = <T>(fn: () => Promise<T>) => capturing.run(true, fn);

/**
 * Prisma gives query extensions no handle on the caller's interactive
 * transaction client (prisma/prisma#20678): a hook that reads or writes
 * through the client would do it outside that transaction. This wraps the
 * client so `$transaction(async tx => …)` records `tx` under its transaction
 * id for the hooks, and calls `onCommitted` once the transaction has committed
 * with change events in it. `$extends` on the wrapped client returns a wrapped
 * client too.
 */
export function bindTransactions<C extends object>(client: C, onCommitted: () => void): C {
  return new Proxy(client, {
    get(target, prop) {
      const value = Reflect.get(target, prop);
      if (prop === '$transaction') {
        return async (arg: unknown, options?: unknown) => {
          if (typeof arg !== 'function') return (value as Function).call(target, arg, options);
          const scope: Scope = { tx: undefined, wroteEvents: false };
          let id: string | undefined;
          try {
            const result = await (value as Function).call(
              target,
              // Awaited here: a returned Prisma query only starts when awaited, and must start inside.
              async (tx: Record<symbol, unknown>) => {
                const txId = tx[TRANSACTION_ID];
                id = typeof txId === 'string' ? txId : undefined;
                if (typeof id !== 'string') throw new Error('the notifier cannot read the id of this Prisma version\'s interactive transactions');
                scope.tx = tx;
                scopes.set(id, scope);
                return await (arg as (tx: unknown) => unknown)(tx);
              },
              options,
            );
            if (scope.wroteEvents) onCommitted();
            return result;
          } finally {
            if (id !== undefined) scopes.delete(id);
          }
        };
      }
      if (prop === '$extends') {
        return (...args: unknown[]) => bindTransactions((value as Function).apply(target, args), onCommitted);
      }
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
