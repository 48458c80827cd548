import { AsyncLocalStorage } from 'node:async_hooks';
import type { Actor, EntityId } from '../notifications';

const actorStore = new AsyncLocalStorage<Actor>();

/**
 * Runs `fn` with `actor` as the person making changes, so they are not
 * emailed about their own writes. A plain `{ id }` (a User row) means staff.
 * Prisma queries start only when awaited, so `fn`'s result is awaited
 * inside the context too.
 */
export function runAs<T>(actor: Actor | { id: EntityId }, fn: () => T | PromiseLike<T>): Promise<T> {
  const resolved: Actor = 'kind' in actor ? actor : { kind: 'user', id: actor.id };
  return actorStore.run(resolved, async () => await fn());
}

export function currentActor(): Actor | undefined {
  return actorStore.getStore();
}
