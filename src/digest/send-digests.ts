import type { Provider } from '../db';
import type { Logger } from '../logging';
import { resolveLocale, type Locale } from '../notifications';
import { insertDigestRow, listHeldPeople, markDigested, readHeldRows, type HeldPerson } from '../outbox';
import { buildDigestPayload } from './build-digest';
import { newDigestRow } from './new-digest-row';
import type { StaffMember } from './new-digest-row';

export interface DigestOptions {
  provider: Provider;
  messageIdDomain: string;
  defaultLocale: Locale;
  logger: Logger;
  /** The staff member as they are now (the host-schema module reads them); null when they no longer exist. */
  staffMember: (db: unknown, id: number | string) => Promise<StaffMember | null>;
  /** Wakes the sender after a digest row is committed. */
  onQueued?: () => void;
}

export interface DigestRunOptions {
  /** Rows held up to this moment are summed up; later ones wait for the next run. */
  now?: Date;
  /** Say what would be queued; change nothing. */
  dryRun?: boolean;
}

/** One person's digest, queued (or, in a dry run, that would be). */
export interface QueuedDigest {
  userId: number | string;
  recipient: string;
  updates: number;
  tickets: number;
  /** The digest's outbox row; null in a dry run. */
  outboxId: number | null;
}

export interface DigestRun {
  /** The UTC day of the run. */
  day: string;
  queued: QueuedDigest[];
  /** People whose rows stay held: inactive or unknown staff, or a run that failed for them. */
  skipped: { userId: number; reason: 'inactive' | 'unknown_user' | 'error' }[];
  /** People whose rows another run digested at the same moment. */
  taken: number;
}

type Outcome = { kind: 'queued'; digest: QueuedDigest } | { kind: 'nothing' } | { kind: 'taken' } | { kind: 'skipped'; reason: 'inactive' | 'unknown_user' };

/** Two runs read the same held rows and this one lost the race to mark them: its transaction rolls back. */
class DigestRaceError extends Error {}

/**
 * One person's digest, all in one transaction: read their held rows, insert
 * the digest row, mark the rows digested. A failure at any step leaves the
 * rows held and no digest row, for the next run.
 */
async function digestOne(db: any, person: HeldPerson, day: string, asOf: Date, run: DigestRunOptions, o: DigestOptions): Promise<Outcome> {
  return db.$transaction(async (tx: any) => {
    const staff = await o.staffMember(tx, person.id);
    if (!staff) return { kind: 'skipped', reason: 'unknown_user' };
    if (!staff.active) return { kind: 'skipped', reason: 'inactive' };
    const rows = await readHeldRows(tx, person, asOf);
    if (rows.length === 0) return { kind: 'nothing' };
    const payload = buildDigestPayload({ name: staff.name, locale: resolveLocale(staff.locale, o.defaultLocale), day, rows });
    const digest: QueuedDigest = { userId: staff.id, recipient: staff.email, updates: rows.length, tickets: payload.tickets.length, outboxId: null };
    if (run.dryRun) return { kind: 'queued', digest };
    const id = await insertDigestRow(tx, newDigestRow(staff, rows[0].id, payload, o.messageIdDomain), o.provider);
    if (id === null) return { kind: 'taken' };
    const marked = await markDigested(tx, rows.map((r) => r.id), id);
    if (marked !== rows.length) throw new DigestRaceError(`${rows.length - marked} of ${rows.length} held rows were digested by another run`);
    return { kind: 'queued', digest: { ...digest, outboxId: id } };
  });
}

/**
 * The daily digest: for each staff member with held rows, one digest email
 * that sums them up, grouped by ticket. Safe to run at any time and as often
 * as you like: rows are digested once, and a run with nothing held queues nothing.
 */
export async function sendDigests(db: any, o: DigestOptions, run: DigestRunOptions = {}): Promise<DigestRun> {
  const asOf = run.now ?? new Date();
  const result: DigestRun = { day: asOf.toISOString().slice(0, 10), queued: [], skipped: [], taken: 0 };
  for (const person of await listHeldPeople(db, asOf)) {
    try {
      const outcome = await digestOne(db, person, result.day, asOf, run, o);
      if (outcome.kind === 'queued') result.queued.push(outcome.digest);
      else if (outcome.kind === 'taken') result.taken += 1;
      else if (outcome.kind === 'skipped') {
        result.skipped.push({ userId: person.id, reason: outcome.reason });
        o.logger.warn({ userId: person.id, reason: outcome.reason }, 'held emails left held: no digest for this person');
      }
    } catch (error) {
      if (error instanceof DigestRaceError) {
        result.taken += 1;
        o.logger.info({ userId: person.id, err: error.message }, 'digest made by another run');
        continue;
      }
      // Rolled back: the rows stay held for the next run; the other people's digests go ahead.
      result.skipped.push({ userId: person.id, reason: 'error' });
      o.logger.error({ userId: person.id, err: error instanceof Error ? error.message : String(error) }, 'digest failed; its emails stay held');
    }
  }
  if (!run.dryRun && result.queued.length > 0) o.onQueued?.();
  o.logger.info({ day: result.day, digests: result.queued.length, dryRun: run.dryRun === true }, 'digests queued');
  return result;
}
