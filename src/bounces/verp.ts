import { sameSignature, signature } from '../config';

/** What delivery needs to tag each email's envelope sender (BOUNCE_ADDRESS and SECRET_KEY). */
export interface VerpSettings {
  /** The bounce mailbox, `bounces@helpdesk.example`; the mail server must deliver `bounces+anything@` there too. */
  address: string;
  secretKey: string;
}

export type VerpTag = { ok: true; outboxId: number } | { ok: false; reason: 'malformed' | 'bad_signature' };

// 96 bits: a forger gets one guess per report they send, and the tag stays
// short. Hex, since some mail servers lower-case the local part on the way.
const SIGNATURE_BYTES = 12;
const TAG = /^([1-9]\d{0,9})\.([0-9a-f]{24})$/;
// Outbox ids are 32-bit integers in both databases.
const MAX_ID = 2_147_483_647;

const tagSignature = (outboxId: number, secret: string) => signature('bounce', String(outboxId), secret).subarray(0, SIGNATURE_BYTES);

/**
 * The envelope sender of one outbox row's email: `bounces+<id>.<signature>@domain`.
 * The local part is at most 64 characters (BOUNCE_ADDRESS allows 28 before
 * the 36 of the tag), and lower-case apart from the mailbox's own name.
 */
export function verpSender(settings: VerpSettings, outboxId: number): string {
  const at = settings.address.lastIndexOf('@');
  return `${settings.address.slice(0, at)}+${outboxId}.${tagSignature(outboxId, settings.secretKey).toString('hex')}${settings.address.slice(at)}`;
}

/**
 * The outbox row an address's tag names, when we signed it; null when the
 * address carries no tag at all (no `+` in its local part). Anyone can write
 * an address, so only the signature is believed, never the id alone.
 */
export function verpTagOf(address: string, secret: string): VerpTag | null {
  const at = address.lastIndexOf('@');
  const local = at < 0 ? address : address.slice(0, at);
  const plus = local.indexOf('+');
  if (plus < 0) return null;
  const m = TAG.exec(local.slice(plus + 1).toLowerCase());
  if (!m || Number(m[1]) > MAX_ID) return { ok: false, reason: 'malformed' };
  const outboxId = Number(m[1]);
  return sameSignature(Buffer.from(m[2], 'hex'), tagSignature(outboxId, secret)) ? { ok: true, outboxId } : { ok: false, reason: 'bad_signature' };
}
