/**
 * Work done in rounds, one at a time: kick() asks for a round soon, off the
 * caller's path, and a kick during a round makes it go once more; start()
 * adds one every pollIntervalMs; stop() waits for the round in hand. The
 * dispatcher and the BullMQ relay both move outbox rows this way.
 */
export class Rounds<T> {
  private running: Promise<T> | null = null;
  private again = false;
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;

  /**
   * `round` does the work; when it runs out, it asks `more()` whether a kick
   * came meanwhile, and if so goes once more. A round that fails rejects the
   * run() that asked for it; one nobody waits for (a kick, a poll) goes to
   * `onBackgroundError`.
   */
  constructor(
    private readonly round: (more: () => boolean, asOf?: Date) => Promise<T>,
    private readonly pollIntervalMs: number,
    private readonly onBackgroundError: (error: unknown) => void = () => undefined,
  ) {}

  kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    setImmediate(() => void this.run().catch(this.onBackgroundError));
  }

  start(options: { keepAlive: boolean }): void {
    this.stopped = false;
    const tick = () => {
      this.timer = setTimeout(async () => {
        await this.run().catch(this.onBackgroundError);
        if (!this.stopped) tick();
      }, this.pollIntervalMs);
      if (!options.keepAlive) this.timer.unref();
    };
    tick();
    this.kick();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    if (this.running) await this.running.catch(() => undefined);
  }

  /** Runs a round now, or joins the one in hand, which then goes once more. */
  run(asOf?: Date): Promise<T> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.again = false;
    const more = () => {
      const again = this.again && !this.stopped;
      this.again = false;
      return again;
    };
    const round: Promise<T> = this.round(more, asOf).finally(() => {
      if (this.running === round) this.running = null;
    });
    this.running = round;
    return round;
  }
}
