/**
 * Marks held rows as sent in the digest `digestId`. Only rows still held
 * change, so of two runs that read the same rows at once only one can mark
 * them; the caller compares the count with the rows it read.
 */
export async function markDigested(db: any, ids: readonly number[], digestId: number): Promise<number> {
  const { count } = await db.emailOutbox.updateMany({
    where: { id: { in: [...ids] }, status: 'held' },
    data: { status: 'digested', digestId },
  });
  return count;
}
