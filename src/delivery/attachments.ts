import { stat } from 'node:fs/promises';
import type { Logger } from '../logging';
import type { AttachmentRef, EmailPayload } from '../notifications';
import { planAttachments, type AttachmentLimits, type FoundFile } from './attachment-plan';

export interface AttachmentSettings extends AttachmentLimits {
  /** Files on disk without a URL are linked to `<siteUrl>/tickets/<id>/attachments/<attachmentId>`. */
  siteUrl: string;
}

/** What Nodemailer needs to read a file into the message. */
export interface MailAttachment {
  filename: string;
  path: string;
  contentType?: string;
}

/** The size of the file at `path`, or null when there is no such file. */
async function sizeOnDisk(path: string): Promise<number | null> {
  try {
    const s = await stat(path);
    return s.isFile() ? s.size : null;
  } catch {
    return null;
  }
}

/**
 * Decides, just before rendering, how this email carries each file on its
 * comments, and returns the payload with each decision on its file, plus the
 * files to attach.
 *
 * Deciding before rendering, not after, lets the template say the truth
 * ("attached", a link, or "unavailable") rather than list every file as a
 * link and hope: the decision needs only sizes, which fs.stat gives. The
 * payload stored on the row is not changed; a retry decides again, so a file
 * that has since appeared or grown is seen as it is then. Nodemailer reads
 * an attached file while sending; a file removed in between fails that
 * attempt as a temporary error, and the next attempt links it as missing.
 */
export async function prepareAttachments(
  payload: EmailPayload,
  ticketId: number | null,
  settings: AttachmentSettings | undefined,
  logger: Logger,
): Promise<{ payload: EmailPayload; attachments: MailAttachment[] }> {
  const refs = (payload.comments ?? []).flatMap((c) => c.attachments ?? []);
  if (refs.length === 0) return { payload, attachments: [] };
  const found: FoundFile[] = await Promise.all(
    refs.map(async (ref) => ({ ref, diskSize: ref.path === null ? undefined : await sizeOnDisk(ref.path) })),
  );
  for (const f of found) {
    if (f.diskSize === null) logger.warn({ attachmentId: f.ref.id, path: f.ref.path }, 'attachment file not found; listed as unavailable');
  }
  const base = settings?.siteUrl.replace(/\/+$/, '');
  const pageOf = (ref: AttachmentRef) => (base && ticketId !== null ? `${base}/tickets/${ticketId}/attachments/${ref.id}` : null);
  // Without settings (an embedding app that passes none) nothing is attached.
  const limits = settings ?? { maxBytes: 0, totalMaxBytes: 0 };
  const decisions = new Map(planAttachments(found, limits, pageOf).map((d, i) => [refs[i], d]));
  const attachments = refs
    .filter((ref) => decisions.get(ref)!.as === 'attached')
    .map((ref) => ({ filename: ref.filename, path: ref.path!, ...(ref.contentType ? { contentType: ref.contentType } : {}) }));
  const comments = payload.comments.map((c) =>
    c.attachments ? { ...c, attachments: c.attachments.map((ref) => ({ ...ref, delivery: decisions.get(ref)! })) } : c,
  );
  return { payload: { ...payload, comments }, attachments };
}
