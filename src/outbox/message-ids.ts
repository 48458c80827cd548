import { createHash, randomBytes, randomUUID } from 'node:crypto';

/**
 * The Message-ID of a recipient's first email about a ticket, whatever its
 * event, which each of their later emails about the ticket refers to. It is
 * derived, not stored, so every writer can name it without a query; the
 * first row to the recipient takes it as its own Message-ID (insert-rows.ts).
 *
 * It mixes in the installation's key, so two installations that send from
 * one domain (staging and production, two tenants) never give two different
 * emails one id: a mail client that already holds an id drops the second
 * message that carries it. It is per recipient because each recipient's copy
 * is a message of its own, and the address is hashed with the key, so the id
 * does not reveal it.
 */
export function threadRootId(installation: string, ticketId: number | string, address: string, domain: string): string {
  const who = createHash('sha256').update(`${installation}\n${ticketId}\n${address.trim().toLowerCase()}`).digest('hex').slice(0, 24);
  return `<ticket-${ticketId}.${who}@${domain}>`;
}

/**
 * The root that rows queued before thread roots were stored refer to (their
 * `threadRoot` is null): it was the ticket_created email's, derived from the
 * address alone.
 */
export function legacyThreadRootId(ticketId: number | string, address: string, domain: string): string {
  const who = createHash('sha256').update(address.trim().toLowerCase()).digest('hex').slice(0, 16);
  return `<ticket-${ticketId}.${who}@${domain}>`;
}

/** A fresh Message-ID for any other email, on the app's own domain: random, so unique everywhere. */
export function newMessageId(event: string, ticketId: number | string | null, domain: string): string {
  return `<${event.replace(/_/g, '-')}.${ticketId ?? 'none'}.${randomUUID()}@${domain}>`;
}

const readKey = async (db: any): Promise<string | null> => {
  const rows: { key: string }[] = await db.$queryRaw`SELECT "key" FROM "Installation" WHERE "id" = 1`;
  return rows[0]?.key ?? null;
};

/**
 * Reads this installation's key, the one row of the Installation table that
 * the migration filled with a random value, and remembers it: the write path
 * pays the query once per process, not once per write. `db` is the caller's
 * transaction or client.
 *
 * A missing row (deleted to give a copied database a key of its own) is made
 * here, and only a key read back from a committed row is remembered: the
 * caller's transaction may still roll the new row back, and a key that no
 * other process sees would give this one's thread roots ids of their own.
 */
export function installationKeyReader(): (db: any) => Promise<string> {
  let known: string | null = null;
  return async (db) => {
    if (known !== null) return known;
    const key = await readKey(db);
    if (key !== null) return (known = key);
    await db.$executeRaw`INSERT INTO "Installation" ("id", "key") VALUES (1, ${randomBytes(16).toString('hex')}) ON CONFLICT ("id") DO NOTHING`;
    return (await readKey(db))!;
  };
}
