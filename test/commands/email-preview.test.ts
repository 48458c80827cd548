import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { loopbackOnly } from '../support/accepts';
import { root } from '../support/run-script';

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

/** `npm run email:dev` as package.json spells it, on another port. */
function emailDevCommand(port: number): [string, string[]] {
  const script: string = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).scripts['email:dev'];
  const [program, ...args] = script.split(/\s+/).map((word, i, words) => (words[i - 1] === '--port' ? String(port) : word));
  return [program === 'node' ? process.execPath : join(root, 'node_modules', '.bin', program), args];
}

// `npm run email:dev` is React Email's preview server on emails/; it must start and render from local packages alone.
it('the preview server starts, listens on loopback only, and renders a template with its preview props', async () => {
  const port = await freePort();
  const [program, args] = emailDevCommand(port);
  const child = spawn(program, args, {
    cwd: root,
    detached: true,
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
  });
  let log = '';
  child.stdout.on('data', (d) => (log += d));
  child.stderr.on('data', (d) => (log += d));
  try {
    let body = '';
    const end = Date.now() + 90_000;
    while (Date.now() < end) {
      try {
        const res = await fetch(`http://127.0.0.1:${port}/preview/ticket-created`);
        if (res.ok) {
          body = await res.text();
          break;
        }
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 500));
    }
    expect(await loopbackOnly(port)).toBe(true);
    expect(body).toContain('We received your request #42');
    expect(body).toContain('Zoë Ægir-Şahin');
    const german = await (await fetch(`http://127.0.0.1:${port}/preview/ticket-resolved-de`)).text();
    expect(german).toContain('Ticket #42 wurde gelöst');
  } catch (error) {
    throw new Error(`${(error as Error).message}\npreview server said:\n${log}`);
  } finally {
    process.kill(-child.pid!, 'SIGTERM');
  }
}, 120_000);
