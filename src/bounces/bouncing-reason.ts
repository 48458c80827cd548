import type { AppPrismaClient } from '../db';

export type AddressStatusDb = Pick<AppPrismaClient, 'emailAddressStatus'>;

/**
 * Why mail to this address must not go out, or null when it may. Asked at
 * delivery for every row: a row queued before its address started bouncing
 * is stopped here, not only at planning.
 */
export async function bouncingReason(db: AddressStatusDb, address: string): Promise<string | null> {
  const status = await db.emailAddressStatus.findUnique({
    where: { address: address.toLowerCase() },
    select: { bouncing: true, hardBounces: true, lastDiagnostic: true },
  });
  if (!status?.bouncing) return null;
  return `address is bouncing (${status.hardBounces} hard bounce${status.hardBounces === 1 ? '' : 's'}${status.lastDiagnostic ? `; last: ${status.lastDiagnostic}` : ''})`;
}
