import { createHmac, timingSafeEqual } from 'node:crypto';

/** What a signature vouches for; each use has its own, so a MAC made for one never passes for another. */
export type SignaturePurpose = 'unsubscribe' | 'bounce';

/** HMAC-SHA256 of `<purpose>:<payload>` under SECRET_KEY (see resolveSecretKey). */
export function signature(purpose: SignaturePurpose, payload: string, secret: string): Buffer {
  return createHmac('sha256', secret).update(`${purpose}:${payload}`).digest();
}

/** Whether a signature someone handed in is the expected one, compared in constant time. */
export function sameSignature(given: Buffer, expected: Buffer): boolean {
  return given.length === expected.length && timingSafeEqual(given, expected);
}
