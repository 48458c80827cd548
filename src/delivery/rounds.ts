/**
 * Work done in rounds, one at a time: kick() asks for a round soon, off the
 * caller's path, and a kick during a round makes it go once more; start()
 * adds one every pollIntervalMs; stop() waits for the round in hand. The
 * dispatcher and the BullMQ relay both move outbox rows this way.
 */
export class Rounds<T> {
  private running: Promise<T> | null = null;
  private again = false;
  /** A kick whose round has not started yet. */
  private kicked = false;
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
    if (this.kicked) return;
    this.kicked = true;
    setImmediate(() => {
      // stop() has run this round itself, or dropped it.
      if (!this.kicked) return;
      this.kicked = false;
      this.inBackground();
    });
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

  /**
   * Stops polling and kicks, and resolves once the round in hand is over.
   * With `finishKicked`, work asked for before the stop is still done: a kick
   * whose round had not started yet starts it now, and a kick during the round
   * still makes it go once more (the dispatcher: the email of a write committed
   * just before shutdown still goes out). Without it that work is left to the
   * next round of whichever process runs next.
   */
  async stop(options: { finishKicked?: boolean } = {}): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    const kicked = this.kicked;
    this.kicked = false;
    if (options.finishKicked !== true) this.again = false;
    else if (kicked && !this.running) this.inBackground();
    if (this.running) await this.running.catch(() => undefined);
  }

  /** Runs a round now, or joins the one in hand, which then goes once more. */
  run(asOf?: Date): Promise<T> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.again = false;
    // After stop() only kicks made before it can be pending (kick() ignores later ones).
    const more = () => {
      const again = this.again;
      this.again = false;
      return again;
    };
    const round: Promise<T> = this.round(more, asOf).finally(() => {
      if (this.running === round) this.running = null;
    });
    this.running = round;
    return round;
  }

  private inBackground(): void {
    this.run().catch(this.onBackgroundError);
  }
}
