import { sameSignature, signature as keyedSignature } from '../config';
import { type PreferenceScope, notificationEvents } from '../notifications';

/** Whose email an unsubscribe link came in, and what it stops. */
export interface UnsubscribeClaim {
  kind: 'user' | 'customer';
  id: number;
  scope: PreferenceScope;
}

export interface VerifiedClaim extends UnsubscribeClaim {
  expiresAt: Date;
}

export type TokenProblem = 'malformed' | 'bad_signature' | 'expired';

export type VerifyResult = { ok: true; claim: VerifiedClaim } | { ok: false; reason: TokenProblem };

// Bump when the payload's layout changes; older tokens then read as malformed.
const VERSION = '1';
const KINDS = { u: 'user', c: 'customer' } as const;
const KIND_CODES = { user: 'u', customer: 'c' } as const;
const SCOPES: ReadonlySet<string> = new Set<string>(['all', ...notificationEvents]);
const BASE64URL = /^[A-Za-z0-9_-]+$/;

// Signed for this purpose alone: another use of SECRET_KEY can never
// produce a MAC that passes here.
const mac = (payload: string, secret: string) => keyedSignature('unsubscribe', payload, secret);

/**
 * `<payload>.<signature>`, both base64url. The payload is
 * `version:kind:id:scope:expiry` (expiry in Unix seconds), short enough for
 * a URL and a mail subject; the signature is HMAC-SHA256 of it.
 */
export function signUnsubscribeToken(claim: UnsubscribeClaim, secret: string, expiresAt: Date): string {
  const expiry = Math.floor(expiresAt.getTime() / 1000);
  const payload = Buffer.from(`${VERSION}:${KIND_CODES[claim.kind]}:${claim.id}:${claim.scope}:${expiry}`).toString('base64url');
  return `${payload}.${mac(payload, secret).toString('base64url')}`;
}

/** The claim a token carries, or why it carries none. The signature is checked before anything in the payload is believed. */
export function verifyUnsubscribeToken(token: unknown, secret: string, now: Date): VerifyResult {
  if (typeof token !== 'string' || token.length > 512) return { ok: false, reason: 'malformed' };
  const parts = token.split('.');
  if (parts.length !== 2 || !BASE64URL.test(parts[0]) || !BASE64URL.test(parts[1])) return { ok: false, reason: 'malformed' };
  const [payload, signature] = parts;
  const given = Buffer.from(signature, 'base64url');
  // One spelling per signature: base64url's spare trailing bits must not make other valid tokens.
  if (given.toString('base64url') !== signature) return { ok: false, reason: 'bad_signature' };
  const expected = mac(payload, secret);
  if (!sameSignature(given, expected)) return { ok: false, reason: 'bad_signature' };

  const fields = Buffer.from(payload, 'base64url').toString('utf8').split(':');
  if (fields.length !== 5) return { ok: false, reason: 'malformed' };
  const [version, kindCode, id, scope, expiry] = fields;
  if (version !== VERSION || !Object.hasOwn(KINDS, kindCode) || !/^[1-9]\d{0,14}$/.test(id) || !SCOPES.has(scope) || !/^\d{1,12}$/.test(expiry)) {
    return { ok: false, reason: 'malformed' };
  }
  const expiresAt = new Date(Number(expiry) * 1000);
  if (now.getTime() >= expiresAt.getTime()) return { ok: false, reason: 'expired' };
  return { ok: true, claim: { kind: KINDS[kindCode as keyof typeof KINDS], id: Number(id), scope: scope as PreferenceScope, expiresAt } };
}
