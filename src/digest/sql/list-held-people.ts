/** A person with held rows. */
export interface HeldPerson {
  kind: 'user';
  /** The host's id, as the outbox stores it: text. */
  id: string;
}

/**
 * Staff members with rows held for their digest, held at or before `asOf`.
 * Only staff are held (planning never holds a customer's email), and only
 * staff are read here, so a customer can never get a digest.
 */
export async function listHeldPeople(db: any, asOf: Date): Promise<HeldPerson[]> {
  const groups: { recipientId: string | null }[] = await db.emailOutbox.groupBy({
    by: ['recipientId'],
    where: { status: 'held', recipientKind: 'user', recipientId: { not: null }, createdAt: { lte: asOf } },
    orderBy: { recipientId: 'asc' },
  });
  return groups.map((g) => ({ kind: 'user' as const, id: g.recipientId! }));
}
