import type { Queue } from 'bullmq';
import type { DrainResult } from '../delivery';
import type { OutboxDb } from '../outbox';
import type { EmailJobData } from './email-job';
import { bullmqClaimWhere, jobIdOf } from './names';
import { relayRoundsSettled, type OutboxRelay } from './outbox-relay';

const POLL_MS = 20;
// A row whose job has gone (Redis lost it, or BullMQ gave up on a job that
// broke before writing an outcome) would keep drain() waiting for its lease;
// after this long without progress drain() checks for such rows and stops
// waiting for them. The relay picks them up again when their lease runs out.
const ORPHAN_CHECK_MS = 1_000;

const liveStates = new Set(['waiting', 'active', 'delayed', 'prioritized', 'waiting-children']);

async function withLiveJob(queue: Queue<EmailJobData>, ids: number[]): Promise<number[]> {
  const live: number[] = [];
  for (let i = 0; i < ids.length; i += 100) {
    const chunk = ids.slice(i, i + 100);
    const states = await Promise.all(chunk.map((id) => queue.getJobState(jobIdOf(id))));
    chunk.forEach((id, k) => liveStates.has(states[k]) && live.push(id));
  }
  return live;
}

/**
 * The rows drain() answers for: those already handed to BullMQ (by a kick
 * after a commit, or by another process) whose job is still there, and every
 * row due by `asOf`, which it hands over now.
 */
export async function handOverDue(db: OutboxDb, queue: Queue<EmailJobData>, relay: OutboxRelay, asOf: Date): Promise<Set<number>> {
  // A round in this process may have claimed rows and not yet added their jobs.
  await relayRoundsSettled();
  const held = await db.emailOutbox.findMany({ where: { status: 'sending', lockedBy: bullmqClaimWhere }, select: { id: true } });
  const ids = new Set(await withLiveJob(queue, held.map((r) => r.id)));
  for (const id of await relay.relayDue(asOf)) ids.add(id);
  return ids;
}

/**
 * Resolves once every row in `ids` has had its attempt: it is no longer
 * `sending`, so it was sent, failed, went dead, or waits for a retry at a
 * later time. Like the dispatcher's drain, a retry is left for a later run,
 * so this returns while the mail server is down.
 */
export async function waitUntilAttempted(db: OutboxDb, queue: Queue<EmailJobData>, rows: Set<number>): Promise<void> {
  const ids = new Set(rows);
  let progressAt = Date.now();
  while (ids.size > 0) {
    const sending = await db.emailOutbox.findMany({ where: { id: { in: [...ids] }, status: 'sending' }, select: { id: true } });
    if (sending.length < ids.size) progressAt = Date.now();
    const still = new Set(sending.map((r) => r.id));
    for (const id of ids) if (!still.has(id)) ids.delete(id);
    if (ids.size > 0 && Date.now() - progressAt > ORPHAN_CHECK_MS) {
      const live = new Set(await withLiveJob(queue, [...ids]));
      for (const id of ids) if (!live.has(id)) ids.delete(id);
      progressAt = Date.now();
    }
    if (ids.size > 0) await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

/** What became of the rows drain() answered for, in the dispatcher's terms. */
export async function countOutcomes(db: OutboxDb, ids: number[]): Promise<DrainResult> {
  const result: DrainResult = { sent: 0, retrying: 0, failed: 0, dead: 0 };
  for (let i = 0; i < ids.length; i += 500) {
    const groups = await db.emailOutbox.groupBy({ by: ['status'], where: { id: { in: ids.slice(i, i + 500) } }, _count: { _all: true } });
    for (const g of groups) {
      if (g.status === 'pending') result.retrying += g._count._all;
      else if (g.status === 'sent' || g.status === 'failed' || g.status === 'dead') result[g.status] += g._count._all;
    }
  }
  return result;
}
