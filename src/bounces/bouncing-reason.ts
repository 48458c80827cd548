import { inList, listParam, statement, type AppPrismaClient, type Provider } from '../db';

/** The raw statement delivery asks with, through a client or a transaction. */
export type AddressStatusDb = Pick<AppPrismaClient, '$queryRawUnsafe'>;

function describe(status: { hardBounces: number; lastDiagnostic: string | null }): string {
  const n = status.hardBounces;
  return `address is bouncing (${n} hard bounce${n === 1 ? '' : 's'}${status.lastDiagnostic ? `; last: ${status.lastDiagnostic}` : ''})`;
}

// Asked before every send (a BullMQ worker asks once per email), hence raw SQL.
const BOUNCING = statement(
  (db) => `
  SELECT "address", "hardBounces", "lastDiagnostic" FROM "EmailAddressStatus"
   WHERE "bouncing" = TRUE AND ${inList(db, '"address"', 'text')}`,
);

/**
 * Why mail to this address must not go out, or null when it may. Asked at
 * delivery for every row: a row queued before its address started bouncing
 * is stopped here, not only at planning.
 */
export async function bouncingReason(db: AddressStatusDb, provider: Provider, address: string): Promise<string | null> {
  return (await bouncingReasons(db, provider, [address])).get(address.toLowerCase()) ?? null;
}

/**
 * The same answer for a whole batch of addresses in one query: the bouncing
 * ones (lower-cased) with their reason. A sender that claims rows in batches
 * asks this once per batch instead of once per email.
 */
export async function bouncingReasons(db: AddressStatusDb, provider: Provider, addresses: string[]): Promise<Map<string, string>> {
  const wanted = [...new Set(addresses.map((a) => a.toLowerCase()))];
  if (wanted.length === 0) return new Map();
  const rows = await db.$queryRawUnsafe<{ address: string; hardBounces: number; lastDiagnostic: string | null }[]>(BOUNCING[provider], listParam(wanted));
  return new Map(rows.map((r) => [r.address, describe(r)]));
}
