import { randomUUID } from 'node:crypto';
import type { AppPrismaClient } from '../db';
import type { Logger } from '../logging';
import { claimDueRows, countDue, groupedSentMarks } from '../outbox';
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
  provider: 'sqlite' | 'postgresql';
  /** Waits until the next send is allowed (EMAIL_RATE_PER_SECOND). */
  rateLimit: () => Promise<void>;
  /** Signs each email's unsubscribe links; without it emails carry none. */
  unsubscribe?: DeliverRowOptions['unsubscribe'];
  /** Attach comment files up to these sizes; without it every file is linked. */
  attachments?: DeliverRowOptions['attachments'];
}

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
 * Moves committed outbox rows to the mail server: claim a batch, render,
 * send, record the outcome. Runs after each commit that queued mail (kick),
 * on a timer when started, or until nothing is due (drain). It never runs on
 * a write's path: the write has returned before SMTP is touched.
 */
export class Dispatcher {
  private readonly id = `dispatcher-${process.pid}-${randomUUID().slice(0, 8)}`;
  private readonly rounds: Rounds<DrainResult>;
  private readonly deliverOptions: DeliverRowOptions;

  constructor(private readonly o: DispatcherOptions) {
    this.deliverOptions = { ...o, markSent: groupedSentMarks(o.prisma) };
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

  /** Stops polling and waits for the batch in hand to finish. */
  async stop(): Promise<void> {
    await this.rounds.stop();
  }

  private async runUntilIdle(more: () => boolean, asOf?: Date): Promise<DrainResult> {
    const total: DrainResult = { sent: 0, retrying: 0, failed: 0, dead: 0 };
    do {
      for (;;) {
        const r = await this.runBatch(asOf ?? new Date());
        addInto(total, r);
        if (r.claimed < this.o.batchSize) break;
      }
    } while (more());
    return total;
  }

  private async runBatch(asOf: Date): Promise<DrainResult & { claimed: number }> {
    const token = `${this.id}-${randomUUID()}`;
    const rows = await claimDueRows(this.o.prisma, { token, limit: this.o.batchSize, leaseMs: this.o.leaseMs, dueBy: asOf, provider: this.o.provider });
    const result = { claimed: rows.length, sent: 0, retrying: 0, failed: 0, dead: 0 };
    // One lookup for the batch, seconds before its last send: a bounce recorded in between stops the
    // next batch's emails to that address, not this one's.
    const bouncing = await bouncingReasons(this.o.prisma, rows.map((r) => r.recipientEmail));
    let next = 0;
    const worker = async () => {
      while (next < rows.length) {
        const row = rows[next++];
        const outcome = await deliverRow(row, token, this.deliverOptions, bouncing);
        result[outcome.status]++;
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.o.concurrency, rows.length) }, worker));
    return result;
  }
}
