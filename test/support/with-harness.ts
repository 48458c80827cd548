import { createPeople } from './fixtures';
import { createHarness, type Harness } from './notifier-harness';

export type People = Awaited<ReturnType<typeof createPeople>>;

/**
 * The usual frame of a delivery test file: one harness and cast for the file,
 * and each test starting with nothing due and no mail caught.
 */
export function withHarness(use: (h: Harness, people: People) => void, options: { freshEachTest?: boolean } = {}): void {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness();
    use(h, await createPeople(h.db.prisma));
  });
  afterAll(() => h.close());
  if (options.freshEachTest === false) return;
  beforeEach(async () => {
    await h.notifier.drain();
    h.mail.clear();
  });
}

/** Polls `check` until it holds; fails after `ms`. */
export async function waitFor(check: () => boolean | Promise<boolean>, ms = 60_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}
