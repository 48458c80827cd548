import { createTicketNotifier, type NotifierOptions, type TicketNotifier } from '../../../src';
import { loadConfig } from '../../../src/config';
import { createLogger } from '../../../src/logging';
import type { HostSchemaOptions } from '../../../src/host-schema/mapping';
import { MailCatcher } from '../../support/mail-catcher';
import { bullmqPrefix, onBullmq, smtpEnv } from '../../support/notifier-harness';
import { deleteKeys } from '../../support/redis-keys';
import { createOtherHelpdeskDatabase, type OtherHelpdeskClient, type OtherHelpdeskDatabase } from './fixture-database';
import { OTHER_SCHEMA } from './other-schema';

export interface OtherHarness {
  db: OtherHelpdeskDatabase;
  mail: MailCatcher;
  notifier: TicketNotifier;
  /** The notifier's client (notifier.client), under the app's own schema's types: what the app writes through. */
  app: OtherHelpdeskClient;
  /** A new notifier on the same database, with other settings or another mapping. */
  makeNotifier(extra?: Record<string, string>, schema?: HostSchemaOptions): TicketNotifier;
  close(): Promise<void>;
}

/**
 * The second helpdesk's database, a running SMTP server and a notifier wired
 * to both through OTHER_SCHEMA, made the way an adopting app makes it.
 */
export async function createOtherHarness(extra: Record<string, string> = {}): Promise<OtherHarness> {
  const db = await createOtherHelpdeskDatabase();
  const mail = await new MailCatcher().start();
  const notifiers: TicketNotifier[] = [];
  const makeNotifier = (more: Record<string, string> = {}, schema: HostSchemaOptions = OTHER_SCHEMA) => {
    const config = loadConfig({ DATABASE_URL: db.url, ...smtpEnv(mail.port, { ...extra, ...more }) });
    // NotifierOptions types the client as this repository's; an app with another schema casts, at this one place.
    const prisma = db.prisma as unknown as NotifierOptions['prisma'];
    const n = createTicketNotifier({ prisma, config, logger: createLogger(config.logLevel), schema });
    notifiers.push(n);
    return n;
  };
  let notifier: TicketNotifier;
  try {
    notifier = makeNotifier();
  } catch (error) {
    await mail.stop();
    await db.drop();
    throw error;
  }
  return {
    db,
    mail,
    notifier,
    app: appClient(notifier),
    makeNotifier,
    async close() {
      for (const n of notifiers) await n.close();
      await mail.stop();
      await db.drop();
      if (onBullmq) await deleteKeys(`${bullmqPrefix}:`);
    },
  };
}

/** A notifier's client with the types of the app's own schema (the notifier's types name this repository's models). */
export const appClient = (n: TicketNotifier) => n.client as unknown as OtherHelpdeskClient;

/** The cast: three agents and a requester, under this helpdesk's own field names. */
export async function createCast(prisma: OtherHelpdeskClient) {
  const ada = await prisma.agent.create({ data: { fullName: 'Ada Agent', workEmail: 'ada@staff.test' } });
  const bob = await prisma.agent.create({ data: { fullName: 'Bob Builder', workEmail: 'bob@staff.test' } });
  const cyd = await prisma.agent.create({ data: { fullName: 'Cyd Chief', workEmail: 'cyd@staff.test' } });
  const carol = await prisma.requester.create({ data: { displayName: 'Carol Customer', contactEmail: 'carol@customer.test', organisation: 'Acme' } });
  return { ada, bob, cyd, carol };
}

export type Cast = Awaited<ReturnType<typeof createCast>>;

/** One harness and cast per test file, each test starting with nothing due and no mail caught (see test/support/with-harness.ts). */
export function withOtherHarness(use: (h: OtherHarness, cast: Cast) => void, options: { freshEachTest?: boolean } = {}): void {
  let h: OtherHarness;
  beforeAll(async () => {
    h = await createOtherHarness();
    use(h, await createCast(h.db.prisma));
  });
  afterAll(() => h?.close());
  if (options.freshEachTest === false) return;
  beforeEach(async () => {
    await h.notifier.drain();
    h.mail.clear();
  });
}

/** Delivers what is due and returns who got which subject. */
export async function delivered(h: OtherHarness): Promise<Record<string, string[]>> {
  await h.notifier.drain();
  const out: Record<string, string[]> = {};
  for (const m of h.mail.messages) for (const to of m.envelopeTo) (out[to] ??= []).push(m.parsed.subject ?? '');
  return out;
}
