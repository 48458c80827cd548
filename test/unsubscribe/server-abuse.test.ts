import { request } from 'node:http';
import { Writable } from 'node:stream';
import { createLogger } from '../../src/logging';
import { signUnsubscribeToken } from '../../src/unsubscribe';
import { DEVELOPMENT_SECRET_KEY } from '../../src/config/secret-key';
import { TEST_SECRET_KEY, type Harness } from '../support/notifier-harness';
import { withHarness, type People } from '../support/with-harness';
import { startUnsubscribeServer, type Running } from './unsubscribe-server';

let h: Harness;
let people: People;
let app: Running;
withHarness((harness, cast) => ((h = harness), (people = cast)), { freshEachTest: false });
beforeAll(async () => {
  app = await startUnsubscribeServer(h);
});
afterAll(() => app?.close());
beforeEach(() => h.db.prisma.notificationPreference.deleteMany());

const future = () => new Date(Date.now() + 86400_000);
const preferences = () => h.db.prisma.notificationPreference.count();

/** A POST over a plain socket, so what the server does with the connection is seen as it is. */
function post(path: string, body: Buffer): Promise<{ status: number; connection?: string; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(`${app.baseUrl}${path}`, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'Content-Length': body.length } }, (res) => {
      let text = '';
      res.on('data', (d) => (text += d));
      res.on('end', () => resolve({ status: res.statusCode!, connection: res.headers.connection, text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('the unsubscribe server under abuse', () => {
  it('answers an oversized POST with 413 and a clean close, and changes nothing', async () => {
    const token = signUnsubscribeToken({ kind: 'customer', id: String(people.carol.id), scope: 'all' }, TEST_SECRET_KEY, future());
    for (const size of [16 * 1024 + 1, 200 * 1024, 1024 * 1024]) {
      const res = await post(`/unsubscribe?token=${token}`, Buffer.alloc(size, 'x'));
      expect([size, res.status, res.connection, res.text]).toEqual([size, 413, 'close', 'request too large\n']);
    }
    expect(await preferences()).toBe(0);
    // A body just under the limit is fine.
    expect((await post(`/unsubscribe?token=${token}`, Buffer.alloc(16 * 1024, 'x'))).status).toBe(200);
    expect(await preferences()).toBe(1);
  });

  it('cuts a body past what it will read, and keeps serving', async () => {
    const res = await post('/unsubscribe?token=x', Buffer.alloc(3 * 1024 * 1024, 'x')).catch((e: NodeJS.ErrnoException) => e.code);
    // The 413 is sent, but the client may still be writing when the connection goes.
    expect([413, 'ECONNRESET', 'EPIPE']).toContainEqual(typeof res === 'object' ? res.status : res);
    expect((await fetch(`${app.baseUrl}/healthz`)).status).toBe(200);
  });

  it('shows whose link it is without the address', async () => {
    const token = signUnsubscribeToken({ kind: 'user', id: String(people.ada.id), scope: 'comment_added' }, TEST_SECRET_KEY, future());
    const page = await (await fetch(`${app.baseUrl}/unsubscribe?token=${token}`)).text();
    expect(page).toContain('a***@staff.test');
    expect(page).not.toContain('ada@staff.test');
    const done = await post(`/unsubscribe?token=${token}`, Buffer.from('List-Unsubscribe=One-Click'));
    expect(done.text).toContain('a***@staff.test');
    expect(done.text).not.toContain('ada@staff.test');
  });

  it('refuses links signed with the published development key, so ids cannot be walked', async () => {
    for (let id = 1; id <= 5; id += 1) {
      const forged = signUnsubscribeToken({ kind: 'customer', id: String(id), scope: 'all' }, DEVELOPMENT_SECRET_KEY, future());
      const res = await fetch(`${app.baseUrl}/unsubscribe?token=${forged}`);
      expect(res.status).toBe(400);
      expect(await res.text()).not.toMatch(/@customer\.test/);
    }
  });

  it('logs a flood of 1000 refused links in a bounded number of lines, and the count when it stops', async () => {
    const logLines: string[] = [];
    const sink = new Writable({
      write(chunk, _encoding, done) {
        logLines.push(...String(chunk).split('\n').filter(Boolean));
        done();
      },
    });
    const flooded = await startUnsubscribeServer(h, createLogger('info', sink));
    const bad = Array.from({ length: 1000 }, (_, i) => `${flooded.baseUrl}/unsubscribe?token=forged.${i}`);
    for (let i = 0; i < bad.length; i += 50) {
      const answers = await Promise.all(bad.slice(i, i + 50).map((url) => fetch(url).then((r) => r.status)));
      expect(new Set(answers)).toEqual(new Set([400]));
    }
    const refusedLines = () => logLines.filter((l) => /unsubscribe links? refused/.test(l));
    expect(refusedLines().length).toBeLessThanOrEqual(2);
    await flooded.close();
    const lines = refusedLines().map((l) => JSON.parse(l) as { msg: string; refused?: number });
    expect(lines.length).toBeLessThanOrEqual(3);
    expect(lines[0].msg).toBe('unsubscribe link refused');
    // Every refusal is accounted for: one line each for those logged, the rest counted.
    const single = lines.filter((l) => l.refused === undefined).length;
    const counted = lines.reduce((n, l) => n + (l.refused ?? 0), 0);
    expect(single + counted).toBe(1000);
  });
});
