export interface Progress {
  update(done: number): void;
  finish(): void;
}

/**
 * One line that redraws itself on a terminal. Piped or logged output gets
 * nothing, so a cron log is not filled with carriage returns.
 */
export function progressBar(label: string, total: number, out: { isTTY?: boolean; write(s: string): unknown } = process.stderr): Progress {
  if (!out.isTTY || total <= 0) return { update: () => undefined, finish: () => undefined };
  const width = 30;
  let shown = -1;
  const draw = (done: number) => {
    const filled = Math.min(width, Math.round((width * done) / total));
    if (filled === shown && done < total) return;
    shown = filled;
    out.write(`\r${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done.toLocaleString('en')}/${total.toLocaleString('en')}`);
  };
  draw(0);
  return { update: draw, finish: () => out.write('\n') };
}
