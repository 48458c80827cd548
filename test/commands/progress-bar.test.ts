import { progressBar } from '../../scripts/progress-bar';

const terminal = () => {
  const written: string[] = [];
  return { out: { isTTY: true, write: (s: string) => written.push(s) }, written };
};

describe('progress bar', () => {
  it('redraws one line on a terminal as batches finish, and ends it', () => {
    const { out, written } = terminal();
    const bar = progressBar('overdue tickets', 20_000, out);
    bar.update(5_000);
    bar.update(20_000);
    bar.finish();
    expect(written).toEqual([
      `\roverdue tickets [${'.'.repeat(30)}] 0/20,000`,
      `\roverdue tickets [${'#'.repeat(8)}${'.'.repeat(22)}] 5,000/20,000`,
      `\roverdue tickets [${'#'.repeat(30)}] 20,000/20,000`,
      '\n',
    ]);
  });

  it('skips redraws that would not move the bar', () => {
    const { out, written } = terminal();
    const bar = progressBar('x', 100_000, out);
    for (let done = 500; done <= 2_000; done += 500) bar.update(done);
    expect(written).toHaveLength(2);
  });

  it('writes nothing when the output is not a terminal (cron, logs)', () => {
    const written: string[] = [];
    const bar = progressBar('x', 10, { isTTY: false, write: (s: string) => written.push(s) });
    bar.update(5);
    bar.finish();
    expect(written).toEqual([]);
  });
});
