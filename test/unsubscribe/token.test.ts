import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { type PreferenceScope, notificationEvents } from '../../src/notifications';
import { signUnsubscribeToken, verifyUnsubscribeToken, type UnsubscribeClaim } from '../../src/unsubscribe';

const SECRET = 'k'.repeat(32);
const NOW = new Date('2026-06-01T12:00:00Z');
const LATER = new Date('2026-08-30T12:00:00Z');
const claim: UnsubscribeClaim = { kind: 'customer', id: 42, scope: 'comment_added' };

const b64 = (s: string) => Buffer.from(s).toString('base64url');
/** A token over any payload text, correctly signed: what an attacker holding the key could make. */
const signedRaw = (text: string, secret = SECRET) => {
  const payload = b64(text);
  return `${payload}.${createHmac('sha256', secret).update(`unsubscribe:${payload}`).digest('base64url')}`;
};
const flip = (s: string, i: number) => s.slice(0, i) + (s[i] === 'A' ? 'B' : 'A') + s.slice(i + 1);

describe('unsubscribe tokens', () => {
  const scopes: PreferenceScope[] = ['all', ...notificationEvents];

  it('carry kind, id, scope and expiry (to the second) for every scope and both kinds', () => {
    for (const scope of scopes) {
      for (const kind of ['user', 'customer'] as const) {
        const token = signUnsubscribeToken({ kind, id: 7, scope }, SECRET, LATER);
        expect(token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
        expect(verifyUnsubscribeToken(token, SECRET, NOW)).toEqual({ ok: true, claim: { kind, id: 7, scope, expiresAt: LATER } });
      }
    }
  });

  it('round-trip any id and expiry', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('user' as const, 'customer' as const),
        fc.integer({ min: 1, max: 2 ** 31 }),
        fc.constantFrom(...scopes),
        fc.integer({ min: 1, max: 10 * 365 * 86400 }),
        (kind, id, scope, seconds) => {
          const expiresAt = new Date(Math.floor(NOW.getTime() / 1000) * 1000 + seconds * 1000);
          const r = verifyUnsubscribeToken(signUnsubscribeToken({ kind, id, scope }, SECRET, expiresAt), SECRET, NOW);
          expect(r).toEqual({ ok: true, claim: { kind, id, scope, expiresAt } });
        },
      ),
    );
  });

  it('are short enough for a URL and a mail subject', () => {
    expect(signUnsubscribeToken({ kind: 'customer', id: 2 ** 31, scope: 'ticket_assigned' }, SECRET, LATER).length).toBeLessThan(110);
  });

  it('refuse any changed character of the payload or the signature', () => {
    const token = signUnsubscribeToken(claim, SECRET, LATER);
    const dot = token.indexOf('.');
    for (let i = 0; i < token.length; i++) {
      if (i === dot) continue;
      expect(verifyUnsubscribeToken(flip(token, i), SECRET, NOW)).toEqual({ ok: false, reason: 'bad_signature' });
    }
  });

  it('refuse a payload swapped for another, with the signature kept', () => {
    const mine = signUnsubscribeToken(claim, SECRET, LATER);
    const other = signUnsubscribeToken({ ...claim, id: 43 }, SECRET, LATER);
    const swapped = `${other.split('.')[0]}.${mine.split('.')[1]}`;
    expect(verifyUnsubscribeToken(swapped, SECRET, NOW)).toEqual({ ok: false, reason: 'bad_signature' });
    // Re-encoding the same claim to widen it to "all" is a new payload too.
    const widened = `${b64(Buffer.from(mine.split('.')[0], 'base64url').toString().replace('comment_added', 'all'))}.${mine.split('.')[1]}`;
    expect(verifyUnsubscribeToken(widened, SECRET, NOW)).toEqual({ ok: false, reason: 'bad_signature' });
  });

  it('refuse a token signed with another secret', () => {
    const token = signUnsubscribeToken(claim, 'x'.repeat(32), LATER);
    expect(verifyUnsubscribeToken(token, SECRET, NOW)).toEqual({ ok: false, reason: 'bad_signature' });
    expect(verifyUnsubscribeToken(token, SECRET + 'x', NOW)).toEqual({ ok: false, reason: 'bad_signature' });
  });

  it('expire at their expiry, not before', () => {
    const token = signUnsubscribeToken(claim, SECRET, LATER);
    expect(verifyUnsubscribeToken(token, SECRET, new Date(LATER.getTime() - 1000)).ok).toBe(true);
    expect(verifyUnsubscribeToken(token, SECRET, LATER)).toEqual({ ok: false, reason: 'expired' });
    expect(verifyUnsubscribeToken(token, SECRET, new Date(LATER.getTime() + 86400_000))).toEqual({ ok: false, reason: 'expired' });
  });

  it('check the signature before they say a token has expired (no oracle for forged ones)', () => {
    const forged = `${b64('1:c:42:all:1')}.${b64('not a signature at all, 32 bytes')}`;
    expect(verifyUnsubscribeToken(forged, SECRET, NOW)).toEqual({ ok: false, reason: 'bad_signature' });
  });

  it('refuse a correctly signed payload of another version or layout as malformed', () => {
    const expiry = Math.floor(LATER.getTime() / 1000);
    expect(verifyUnsubscribeToken(signedRaw(`1:c:42:all:${expiry}`), SECRET, NOW).ok).toBe(true);
    for (const text of [
      `2:c:42:all:${expiry}`, // a version this code does not know
      `0:c:42:all:${expiry}`,
      `1:x:42:all:${expiry}`, // kind
      `1:toString:42:all:${expiry}`,
      `1:c:0:all:${expiry}`, // id
      `1:c:-4:all:${expiry}`,
      `1:c:4.5:all:${expiry}`,
      `1:c:042:all:${expiry}`,
      `1:c:1234567890123456:all:${expiry}`,
      `1:c:42:everything:${expiry}`, // scope
      `1:c:42::${expiry}`,
      `1:c:42:all:soon`, // expiry
      `1:c:42:all:`,
      `1:c:42:all:${expiry}:extra`,
      `1:c:42:all`,
      '',
    ]) {
      expect([text, verifyUnsubscribeToken(signedRaw(text), SECRET, NOW)]).toEqual([text, { ok: false, reason: 'malformed' }]);
    }
  });

  it('refuse garbage as malformed, without throwing', () => {
    const token = signUnsubscribeToken(claim, SECRET, LATER);
    for (const junk of ['', '.', 'abc', 'abc.', '.abc', 'a.b.c', `${token}.x`, token.replace('.', '+'), `${token} `, 'ä.ö', 'x'.repeat(600), `${token}=`]) {
      expect(verifyUnsubscribeToken(junk, SECRET, NOW)).toEqual({ ok: false, reason: 'malformed' });
    }
    for (const notText of [undefined, null, 42, {}, ['a.b']]) expect(verifyUnsubscribeToken(notText, SECRET, NOW)).toEqual({ ok: false, reason: 'malformed' });
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (s) => {
        expect(verifyUnsubscribeToken(s, SECRET, NOW).ok).toBe(false);
      }),
    );
  });

  it('accept one spelling of a signature only (base64url has spare bits at the end)', () => {
    const token = signUnsubscribeToken(claim, SECRET, LATER);
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const last = alphabet.indexOf(token.at(-1)!);
    for (const spare of [1, 2, 3]) {
      const respelled = token.slice(0, -1) + alphabet[last ^ spare];
      expect(verifyUnsubscribeToken(respelled, SECRET, NOW)).toEqual({ ok: false, reason: 'bad_signature' });
    }
  });

  it('refuse a signature that is short or long, without throwing', () => {
    const [payload, signature] = signUnsubscribeToken(claim, SECRET, LATER).split('.');
    expect(verifyUnsubscribeToken(`${payload}.${signature.slice(0, 20)}`, SECRET, NOW)).toEqual({ ok: false, reason: 'bad_signature' });
    expect(verifyUnsubscribeToken(`${payload}.${signature}AAAA`, SECRET, NOW)).toEqual({ ok: false, reason: 'bad_signature' });
  });
});
