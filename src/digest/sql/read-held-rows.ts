import type { HeldRow } from '../build-digest';
import type { HeldPerson } from './list-held-people';

/** One person's held rows, oldest first; rows held after `asOf` wait for the next run. */
export async function readHeldRows(db: any, person: HeldPerson, asOf: Date): Promise<HeldRow[]> {
  return db.emailOutbox.findMany({
    where: { status: 'held', recipientKind: person.kind, recipientId: person.id, createdAt: { lte: asOf } },
    orderBy: { id: 'asc' },
    select: { id: true, createdAt: true, payload: true },
  });
}
