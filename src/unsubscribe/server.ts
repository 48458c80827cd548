import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AppPrismaClient } from '../db';
import { clientProvider, hostStore, resolveHostSchema, type HostDb, type HostSchemaOptions } from '../host-schema';
import { logSampler, type Logger } from '../logging';
import { resolveLocale, unsubscribeScope, type PreferenceScope, type Locale } from '../notifications';
import { applyUnsubscribe } from './apply-unsubscribe';
import { findRecipient } from './find-recipient';
import { confirmPage, donePage, gonePage, invalidPage, type Page, type PageContext } from './pages';
import { signUnsubscribeToken, verifyUnsubscribeToken, type VerifiedClaim } from './token';

export interface UnsubscribeServerOptions {
  prisma: AppPrismaClient;
  /** The host app's schema mapping, as given to createTicketNotifier. */
  schema?: HostSchemaOptions;
  logger: Logger;
  secretKey: string;
  /** Public base URL (UNSUBSCRIBE_URL); its path, if any, is also served. */
  baseUrl: string;
  defaultLocale: Locale;
  brand: { name: string; color: string };
  /** For tests: the clock that decides expiry and paces the log of refused links. */
  now?: () => Date;
}

// Large enough for any form a mail provider posts; a bigger body is not ours.
const MAX_BODY_BYTES = 16 * 1024;
// A larger body is still read to its end, up to this size, and thrown away
// before the 413 goes out with Connection: close: closing a socket with
// unread data resets it, and the client, still sending, never sees the
// answer. Past this the connection is cut; that much is no mistake.
const MAX_DISCARD_BYTES = 1024 * 1024;
// Refused links get one log line per this interval at most, besides the first.
const REFUSAL_LOG_INTERVAL_MS = 60_000;

const SECURITY_HEADERS = {
  'Cache-Control': 'no-store',
  // The token is in the URL: it must not leak to other sites, nor the page be framed around a hidden button.
  'Referrer-Policy': 'no-referrer',
  'X-Content-Type-Options': 'nosniff',
  'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
};

function send(res: ServerResponse, status: number, body: string, type = 'text/html; charset=utf-8', extra: Record<string, string> = {}) {
  res.writeHead(status, { 'Content-Type': type, 'Content-Length': Buffer.byteLength(body), ...SECURITY_HEADERS, ...extra });
  res.end(body);
}

type BodyCheck = 'ok' | 'too_large' | 'cut';

// The body itself does not matter (the token authorises), but it is read to
// its end, so the connection stays usable and a 413 reaches the client.
function drainBody(req: IncomingMessage): Promise<BodyCheck> {
  if (Number(req.headers['content-length']) > MAX_DISCARD_BYTES) return Promise.resolve('cut');
  return new Promise((resolve) => {
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_DISCARD_BYTES) {
        req.pause();
        resolve('cut');
      }
    });
    req.on('end', () => resolve(size > MAX_BODY_BYTES ? 'too_large' : 'ok'));
    req.on('error', () => resolve('cut'));
  });
}

/**
 * The unsubscribe endpoint. GET /unsubscribe?token=… only shows a page (link
 * scanners follow GETs); POST applies the token, whether from the page's
 * button or from a mail provider's one-click request (RFC 8058). A bad token
 * answers 400 and changes nothing. GET /healthz answers 200.
 */
export function createUnsubscribeServer(o: UnsubscribeServerOptions): Server {
  const now = o.now ?? (() => new Date());
  // Checked at start, like the notifier's: a mapping that does not fit stops the server before it listens.
  const store = hostStore(resolveHostSchema(o.prisma, o.schema), clientProvider(o.prisma) ?? 'sqlite');
  const prefix = new URL(o.baseUrl).pathname.replace(/\/+$/, '');
  const paths = new Set(['/unsubscribe', `${prefix}/unsubscribe`]);
  const context = (locale: Locale): PageContext => ({ locale, brand: o.brand.name, color: o.brand.color });
  const reply = (res: ServerResponse, p: Page) => send(res, p.status, p.html);

  // Tokens only carry scopes the email offered; should one name an event its
  // person cannot turn off alone, stopping it means stopping everything.
  const effectiveScope = (claim: VerifiedClaim): PreferenceScope => (claim.scope === 'all' ? 'all' : unsubscribeScope(claim.kind, claim.scope));

  // Anyone can send bad links as fast as the server answers: a line for each
  // filled 33 MB of log in 10 s. The first gets one, the rest a count.
  const refusals = logSampler(REFUSAL_LOG_INTERVAL_MS);
  const reportRefusals = (final: boolean) => {
    const count = refusals.flush(now().getTime(), final);
    if (count > 0) o.logger.info({ refused: count, intervalMs: REFUSAL_LOG_INTERVAL_MS }, 'more unsubscribe links refused, not logged one by one');
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname === '/healthz' && (req.method === 'GET' || req.method === 'HEAD')) return send(res, 200, 'ok\n', 'text/plain; charset=utf-8');
    if (!paths.has(url.pathname)) return send(res, 404, 'not found\n', 'text/plain; charset=utf-8');
    if (req.method !== 'GET' && req.method !== 'HEAD' && req.method !== 'POST') {
      return send(res, 405, 'method not allowed\n', 'text/plain; charset=utf-8', { Allow: 'GET, HEAD, POST' });
    }
    const body = req.method === 'POST' ? await drainBody(req) : 'ok';
    if (body !== 'ok') {
      if (body === 'cut') res.once('finish', () => req.destroy());
      return send(res, 413, 'request too large\n', 'text/plain; charset=utf-8', { Connection: 'close' });
    }

    const token = url.searchParams.get('token') ?? '';
    const verified = verifyUnsubscribeToken(token, o.secretKey, now());
    if (!verified.ok) {
      if (refusals.hit(now().getTime())) o.logger.info({ reason: verified.reason, method: req.method }, 'unsubscribe link refused');
      return reply(res, invalidPage(context(o.defaultLocale), verified.reason));
    }
    const claim = verified.claim;
    const person = await findRecipient(o.prisma as unknown as HostDb, store, claim);
    if (!person) return reply(res, gonePage(context(o.defaultLocale)));
    const c = context(resolveLocale(person.locale, o.defaultLocale));
    const scope = effectiveScope(claim);
    const email = person.email ?? '';

    if (req.method === 'POST') {
      await applyUnsubscribe(o.prisma, { kind: claim.kind, id: claim.id, scope }, async (kind, id) => (await store.person(o.prisma as unknown as HostDb, kind, id)) !== null);
      o.logger.info({ recipientKind: claim.kind, recipientId: claim.id, scope }, 'unsubscribed');
      return reply(res, donePage(c, { email, scope }));
    }
    // "All" as well, signed here for the same person and no longer than the link they came with.
    const allToken = scope === 'all' ? null : signUnsubscribeToken({ kind: claim.kind, id: claim.id, scope: 'all' }, o.secretKey, claim.expiresAt);
    const scopedToken = scope === claim.scope ? token : signUnsubscribeToken({ kind: claim.kind, id: claim.id, scope }, o.secretKey, claim.expiresAt);
    return reply(res, confirmPage(c, { email, scope, token: scopedToken, allToken }));
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      o.logger.error({ err: error instanceof Error ? error.message : String(error) }, 'unsubscribe request failed');
      if (!res.headersSent) send(res, 500, 'something went wrong; please try again\n', 'text/plain; charset=utf-8');
      else res.destroy();
    });
  });
  const timer = setInterval(() => reportRefusals(false), REFUSAL_LOG_INTERVAL_MS).unref();
  server.once('close', () => {
    clearInterval(timer);
    reportRefusals(true);
  });
  return server;
}

/** Stops taking connections, lets requests in flight finish, and closes idle keep-alive connections. */
export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
    server.closeIdleConnections();
  });
}
