import type { AppPrismaClient } from '../db';

export type AddressStatusDb = Pick<AppPrismaClient, 'emailAddressStatus'>;

function describe(status: { hardBounces: number; lastDiagnostic: string | null }): string {
  const n = status.hardBounces;
  return `address is bouncing (${n} hard bounce${n === 1 ? '' : 's'}${status.lastDiagnostic ? `; last: ${status.lastDiagnostic}` : ''})`;
}

/**
 * Why mail to this address must not go out, or null when it may. Asked at
 * delivery for every row: a row queued before its address started bouncing
 * is stopped here, not only at planning.
 */
export async function bouncingReason(db: AddressStatusDb, address: string): Promise<string | null> {
  return (await bouncingReasons(db, [address])).get(address.toLowerCase()) ?? null;
}

/**
 * The same answer for a whole batch of addresses in one query: the bouncing
 * ones (lower-cased) with their reason. A sender that claims rows in batches
 * asks this once per batch instead of once per email.
 */
export async function bouncingReasons(db: AddressStatusDb, addresses: string[]): Promise<Map<string, string>> {
  const wanted = [...new Set(addresses.map((a) => a.toLowerCase()))];
  if (wanted.length === 0) return new Map();
  const rows = await db.emailAddressStatus.findMany({ where: { address: { in: wanted }, bouncing: true }, select: { address: true, hardBounces: true, lastDiagnostic: true } });
  return new Map(rows.map((r) => [r.address, describe(r)]));
}
