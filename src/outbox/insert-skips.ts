/** One email a recipient's own choice or state kept from them (see SkippedNotification). */
export interface NewSkip {
  idempotencyKey: string;
  event: string;
  ticketId: string | null;
  recipientKind: 'user' | 'customer';
  recipientId: string;
  recipientEmail: string;
  reason: string;
}

/**
 * Records skips; a key already recorded (a repeated overdue run) is left as
 * it is. Skips are few (most writes have none), so one plain statement per
 * call is enough.
 */
export async function insertSkips(db: any, skips: NewSkip[], provider: 'sqlite' | 'postgresql'): Promise<void> {
  if (skips.length === 0) return;
  const p = (i: number) => (provider === 'sqlite' ? '?' : `$${i}`);
  const values: unknown[] = [];
  const tuples = skips.map((s) => {
    const at = values.length;
    values.push(s.idempotencyKey, s.event, s.ticketId, s.recipientKind, s.recipientId, s.recipientEmail, s.reason, new Date());
    return `(${Array.from({ length: 8 }, (_, i) => p(at + i + 1)).join(', ')})`;
  });
  await db.$executeRawUnsafe(
    `INSERT INTO "SkippedNotification" ("idempotencyKey", "event", "ticketId", "recipientKind", "recipientId", "recipientEmail", "reason", "createdAt")
     VALUES ${tuples.join(', ')} ON CONFLICT ("idempotencyKey") DO NOTHING`,
    ...values,
  );
}
