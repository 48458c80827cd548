import { randomUUID } from 'node:crypto';
import type { AppPrismaClient } from '../db';
import type { Logger } from '../logging';
import type { EmailPayload } from '../notifications';
import { claimDueRows, countDue, groupedSentMarks, markFailed, markRetry } from '../outbox';
import type { RenderedEmail, Renderer } from '../rendering';
import { describeFailure, isPermanentFailure, type MailTransport } from '../transport';
import { nextRetryDelay } from './backoff';
import { composeMessage } from './compose-message';

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
  private running: Promise<DrainResult> | null = null;
  private again = false;
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;
  private readonly markSent: (id: number, token: string) => Promise<void>;

  constructor(private readonly o: DispatcherOptions) {
    this.markSent = groupedSentMarks(o.prisma);
  }

  /** Wakes the dispatcher soon; calls during a run make it go round once more. */
  kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    setImmediate(() => void this.runUntilIdle());
  }

  /** Polls every pollIntervalMs, for retries and for rows written by other processes. */
  start(options: { keepAlive: boolean }): void {
    this.stopped = false;
    const tick = () => {
      this.timer = setTimeout(async () => {
        await this.runUntilIdle();
        if (!this.stopped) tick();
      }, this.o.pollIntervalMs);
      if (!options.keepAlive) this.timer.unref();
    };
    tick();
    this.kick();
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
      const r = await this.runUntilIdle(asOf);
      addInto(total, r);
      if ((await countDue(this.o.prisma, asOf)) === 0) return total;
      // Rows due but held by another sender: give it a moment.
      if (r.sent + r.retrying + r.failed + r.dead === 0) await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** Stops polling and waits for the batch in hand to finish. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    if (this.running) await this.running.catch(() => undefined);
  }

  private runUntilIdle(asOf?: Date): Promise<DrainResult> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      const total: DrainResult = { sent: 0, retrying: 0, failed: 0, dead: 0 };
      try {
        do {
          this.again = false;
          for (;;) {
            const r = await this.runBatch(asOf ?? new Date());
            addInto(total, r);
            if (r.claimed < this.o.batchSize) break;
          }
        } while (this.again && !this.stopped);
      } catch (error) {
        // The database may be briefly unreachable; the next kick or tick tries again.
        this.o.logger.error({ err: describeFailure(error) }, 'outbox dispatch failed');
      } finally {
        this.running = null;
      }
      return total;
    })();
    return this.running;
  }

  private async runBatch(asOf: Date): Promise<DrainResult & { claimed: number }> {
    const token = `${this.id}-${randomUUID()}`;
    const rows = await claimDueRows(this.o.prisma, { token, limit: this.o.batchSize, leaseMs: this.o.leaseMs, dueBy: asOf, provider: this.o.provider });
    const result = { claimed: rows.length, sent: 0, retrying: 0, failed: 0, dead: 0 };
    let next = 0;
    const worker = async () => {
      while (next < rows.length) {
        const row = rows[next++];
        const outcome = await this.deliver(row, token);
        result[outcome]++;
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.o.concurrency, rows.length) }, worker));
    return result;
  }

  private async deliver(row: Awaited<ReturnType<typeof claimDueRows>>[number], token: string) {
    const log = this.o.logger.child({ outboxId: row.id, ticketId: row.ticketId, event: row.event, recipient: row.recipientEmail });
    let rendered: RenderedEmail;
    try {
      rendered = await this.o.render(row.payload as unknown as EmailPayload);
    } catch (error) {
      const reason = `template error: ${describeFailure(error)}`;
      await markFailed(this.o.prisma, row.id, token, reason);
      log.error({ err: reason }, 'email failed');
      return 'failed' as const;
    }
    try {
      await this.o.rateLimit();
      const info = await this.o.transport.sendMail(composeMessage(row, rendered, this.o.from, this.o.messageIdDomain));
      await this.markSent(row.id, token);
      log.info({ messageId: row.messageId, response: info?.response }, 'email sent');
      return 'sent' as const;
    } catch (error) {
      const reason = describeFailure(error);
      if (isPermanentFailure(error)) {
        await markFailed(this.o.prisma, row.id, token, reason);
        log.warn({ err: reason, attempts: row.attempts }, 'email refused permanently');
        return 'failed' as const;
      }
      const delay = nextRetryDelay(row.attempts, this.o.retry);
      await markRetry(this.o.prisma, row.id, token, reason, delay === null ? null : new Date(Date.now() + delay));
      if (delay === null) {
        log.error({ err: reason, attempts: row.attempts }, 'email dead after its last attempt');
        return 'dead' as const;
      }
      log.warn({ err: reason, attempts: row.attempts, retryInMs: delay }, 'email will be retried');
      return 'retrying' as const;
    }
  }
}
