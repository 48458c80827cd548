import { randomUUID } from 'node:crypto';
import type { AppPrismaClient, Provider } from '../db';
import type { Logger } from '../logging';
import { claimDueRows, countDue, groupedSentMarks, releaseRows } from '../outbox';
import type { Renderer } from '../rendering';
import { bouncingReasons } from '../bounces';
import { describeFailure, type MailTransport } from '../transport';
import { deliverRow, type DeliverRowOptions } from './deliver-row';
import { Rounds } from './rounds';

export interface DispatcherOptions {
  prisma: AppPrismaClient;
  transport: MailTransport;
  render: Renderer;
  logger: Logger;
  from: string;
  messageIdDomain: string;
  batchSize: number;
  leaseMs: number;
  pollIntervalMs: number;
  retry: { baseMs: number; maxMs: number; maxAttempts: number };
  /** Sends at once; the SMTP pool's size is the natural limit. */
  concurrency: number;
  provider: Provider;
  /** Waits until the next send is allowed (EMAIL_RATE_PER_SECOND). */
  rateLimit: () => Promise<void>;
  /** Signs each email's unsubscribe links; without it emails carry none. */
  unsubscribe?: DeliverRowOptions['unsubscribe'];
  /** Attach comment files up to these sizes; without it every file is linked. */
  attachments?: DeliverRowOptions['attachments'];
  /** Tag each email's envelope sender for its bounce (BOUNCE_ADDRESS); without it the sender is From. */
  verp?: DeliverRowOptions['verp'];
  /** Turns recorded writes into outbox rows; run before each round claims, so their emails are in it. */
  planChanges?: () => Promise<unknown>;
}

// How long close() lets the sends in hand finish before it gives up on them:
// longer than a healthy server takes for a batch on a pooled connection, short
// enough for a deploy's stop timeout.
export const SHUTDOWN_GRACE_MS = 5_000;

export interface DrainResult {
  sent: number;
  retrying: number;
  failed: number;
  dead: number;
}

function addInto(total: DrainResult, r: DrainResult): void {
  total.sent += r.sent;
  total.retrying += r.retrying;
  total.failed += r.failed;
  total.dead += r.dead;
}

/**
 * Moves committed outbox rows to the mail server: plan recorded writes into
 * rows, claim a batch, render, send, record the outcome. Runs after each
 * commit that recorded a write or queued mail (kick),
 * on a timer when started, or until nothing is due (drain). It never runs on
 * a write's path: the write has returned before SMTP is touched.
 */
export class Dispatcher {
  private readonly id = `dispatcher-${process.pid}-${randomUUID().slice(0, 8)}`;
  private readonly rounds: Rounds<DrainResult>;
  private readonly deliverOptions: DeliverRowOptions;
  /** The claim being sent, for a shutdown that gives up to hand back. */
  private inHand: { token: string; ids: number[] } | null = null;
  private givenUp = false;
  /** Rows being delivered right now, each of which may ask for its sent mark. */
  private delivering = 0;

  constructor(private readonly o: DispatcherOptions) {
    this.deliverOptions = { ...o, markSent: groupedSentMarks(o.prisma, o.provider, { senders: () => this.delivering }) };
    // The database may be briefly unreachable; the next kick or tick tries again.
    const logFailure = (error: unknown) => o.logger.error({ err: describeFailure(error) }, 'outbox dispatch failed');
    this.rounds = new Rounds((more, asOf) => this.runUntilIdle(more, asOf), o.pollIntervalMs, logFailure);
  }

  /** Wakes the dispatcher soon; calls during a run make it go round once more. */
  kick(): void {
    this.rounds.kick();
  }

  /** Polls every pollIntervalMs, for retries and for rows written by other processes. */
  start(options: { keepAlive: boolean }): void {
    this.rounds.start(options);
  }

  /**
   * Delivers every row that is due when drain() is called, once. A row that
   * fails is rescheduled and left for a later run, so drain() returns even
   * while the mail server is down.
   */
  async drain(): Promise<DrainResult> {
    // The rows of writes recorded before drain() was called are due by the time it starts.
    await this.o.planChanges?.();
    const asOf = new Date();
    const total: DrainResult = { sent: 0, retrying: 0, failed: 0, dead: 0 };
    for (;;) {
      const r = await this.rounds.run(asOf);
      addInto(total, r);
      if ((await countDue(this.o.prisma, asOf)) === 0) return total;
      // Rows due but held by another sender: give it a moment.
      if (r.sent + r.retrying + r.failed + r.dead === 0) await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /**
   * Stops polling, and lets the batch in hand finish together with the round
   * a commit asked for just before (that write's email still goes out). A
   * shutdown must not hang on a slow server, so after `graceMs` it gives up:
   * the rows of the batch not sent yet go back to the outbox, due at once,
   * their attempt not counted, and it resolves false. A message the server
   * takes after that is sent again by the next sender (same Message-ID).
   */
  async stop(graceMs = SHUTDOWN_GRACE_MS): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), graceMs)));
    const inTime = await Promise.race([this.rounds.stop({ finishKicked: true }).then(() => true as const), late]);
    clearTimeout(timer);
    if (inTime) return true;
    this.givenUp = true;
    const batch = this.inHand;
    if (batch) {
      const released = await releaseRows(this.o.prisma, batch.ids, batch.token, { attemptCounted: true });
      this.o.logger.warn({ released, graceMs }, 'stopped before the sends in hand finished: their emails stay queued, this attempt not counted');
    }
    return false;
  }

  private async runUntilIdle(more: () => boolean, asOf?: Date): Promise<DrainResult> {
    const total: DrainResult = { sent: 0, retrying: 0, failed: 0, dead: 0 };
    do {
      await this.o.planChanges?.();
      for (;;) {
        const r = await this.runBatch(asOf ?? new Date());
        addInto(total, r);
        if (r.claimed < this.o.batchSize || this.givenUp) break;
      }
    } while (!this.givenUp && more());
    return total;
  }

  private async runBatch(asOf: Date): Promise<DrainResult & { claimed: number }> {
    const token = `${this.id}-${randomUUID()}`;
    const rows = await claimDueRows(this.o.prisma, { token, limit: this.o.batchSize, leaseMs: this.o.leaseMs, dueBy: asOf, provider: this.o.provider });
    const result = { claimed: rows.length, sent: 0, retrying: 0, failed: 0, dead: 0 };
    this.inHand = { token, ids: rows.map((r) => r.id) };
    // A shutdown gave up while this claim was being made: hand the rows straight back.
    if (this.givenUp) {
      await releaseRows(this.o.prisma, this.inHand.ids, token, { attemptCounted: true });
      this.inHand = null;
      return result;
    }
    try {
      // One lookup for the batch, seconds before its last send: a bounce recorded in between stops the
      // next batch's emails to that address, not this one's.
      const bouncing = await bouncingReasons(this.o.prisma, this.o.provider, rows.map((r) => r.recipientEmail));
      let next = 0;
      const worker = async () => {
        // After a shutdown gave up, the rows not started are already back in the outbox.
        while (next < rows.length && !this.givenUp) {
          const row = rows[next++];
          this.delivering++;
          try {
            const outcome = await deliverRow(row, token, this.deliverOptions, bouncing);
            result[outcome.status]++;
          } finally {
            this.delivering--;
          }
        }
      };
      await Promise.all(Array.from({ length: Math.min(this.o.concurrency, rows.length) }, worker));
      return result;
    } finally {
      this.inHand = null;
    }
  }
}
