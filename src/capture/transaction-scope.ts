import { AsyncLocalStorage } from 'node:async_hooks';

/** The caller's interactive transaction, while its callback runs. */
interface Scope {
  tx: any;
  /** Set by a captured write, so the commit can wake the dispatcher. */
  wroteOutbox: boolean;
}

const scopeStore = new AsyncLocalStorage<Scope>();
// Set while a captured write runs its own statements, so they pass straight through.
const capturing = new AsyncLocalStorage<true>();

export const currentScope = () => scopeStore.getStore();
export const isCapturing = () => capturing.getStore() === true;
export const whileCapturing = <T>(fn: () => Promise<T>) => capturing.run(true, fn);

/**
 * Prisma gives query extensions no handle on the caller's interactive
 * transaction (prisma/prisma#20678): a hook that reads or writes through the
 * client would do it outside that transaction. This wraps the client so
 * `$transaction(async tx => …)` records `tx` for the hooks, and calls
 * `onCommitted` once the transaction has committed with outbox rows in it.
 * `$extends` on the wrapped client returns a wrapped client too.
 */
export function bindTransactions<C extends object>(client: C, onCommitted: () => void): C {
  return new Proxy(client, {
    get(target, prop) {
      const value = Reflect.get(target, prop);
      if (prop === '$transaction') {
        return async (arg: unknown, options?: unknown) => {
          if (typeof arg !== 'function') return (value as Function).call(target, arg, options);
          const scope: Scope = { tx: undefined, wroteOutbox: false };
          const result = await (value as Function).call(
            target,
            (tx: unknown) => {
              scope.tx = tx;
              // Awaited inside the scope: a returned Prisma query only starts when awaited.
              return scopeStore.run(scope, async () => await (arg as (tx: unknown) => unknown)(tx));
            },
            options,
          );
          if (scope.wroteOutbox) onCommitted();
          return result;
        };
      }
      if (prop === '$extends') {
        return (...args: unknown[]) => bindTransactions((value as Function).apply(target, args), onCommitted);
      }
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
