import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

/** What the sink has accepted since its last reset; the times are clock() readings. */
export interface SinkCounts {
  accepted: number;
  firstAt: number;
  lastAt: number;
}

export type SinkRequest = { type: 'reset' | 'read'; id: number } | { type: 'wait'; id: number; count: number };
export type SinkReply = { id: number; counts: SinkCounts } | { id: 0; port: number };

/**
 * Milliseconds since the epoch, to a fraction of one: the same clock in
 * every process on the machine, so a start taken in one process and an
 * acceptance recorded in the sink's can be subtracted.
 */
export const clock = () => performance.timeOrigin + performance.now();

const root = join(__dirname, '..', '..');

/**
 * A real SMTP server on 127.0.0.1 that accepts everything and keeps nothing
 * but a count and the times of the first and last message. It runs in a
 * process of its own: in the sender's process its parsing of every message
 * would share the event loop with the code being measured, and a sender that
 * is faster at the server's expense would look slower than it is.
 */
export class SmtpSink {
  port = 0;
  private child: ChildProcess | null = null;
  private nextId = 1;
  private readonly answers = new Map<number, { resolve: (counts: SinkCounts) => void; reject: (error: Error) => void }>();

  async start(): Promise<this> {
    const child = fork(join(__dirname, 'smtp-sink-child.ts'), [], { cwd: root, execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    this.child = child;
    this.port = await new Promise<number>((resolve, reject) => {
      child.once('error', reject);
      child.once('exit', (code) => reject(new Error(`SMTP sink: process exited (${code}) before listening`)));
      child.on('message', (reply: SinkReply) => {
        if ('port' in reply) return resolve(reply.port);
        this.answers.get(reply.id)?.resolve(reply.counts);
        this.answers.delete(reply.id);
      });
    });
    child.removeAllListeners('exit');
    child.once('exit', (code) => {
      for (const answer of this.answers.values()) answer.reject(new Error(`SMTP sink: process exited (${code})`));
      this.answers.clear();
    });
    return this;
  }

  private ask(request: { type: 'reset' | 'read' } | { type: 'wait'; count: number }): Promise<SinkCounts> {
    const child = this.child;
    if (!child?.connected) return Promise.reject(new Error('SMTP sink: not running'));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.answers.set(id, { resolve, reject });
      child.send({ ...request, id });
    });
  }

  /** Starts counting from zero. */
  async reset(): Promise<void> {
    await this.ask({ type: 'reset' });
  }

  counts(): Promise<SinkCounts> {
    return this.ask({ type: 'read' });
  }

  /** Resolves once `count` messages have arrived in all, with the counts at that moment. */
  async waitFor(count: number, timeoutMs = 600_000): Promise<SinkCounts> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), timeoutMs)));
    try {
      const counts = await Promise.race([this.ask({ type: 'wait', count }), late]);
      if (counts) return counts;
      const now = await this.counts();
      throw new Error(`SMTP sink: ${now.accepted} of ${count} messages after ${timeoutMs} ms`);
    } finally {
      clearTimeout(timer);
    }
  }

  async stop(): Promise<void> {
    const child = this.child;
    this.child = null;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.disconnect();
    const timer = setTimeout(() => child.kill(), 2_000);
    await exited;
    clearTimeout(timer);
  }
}
