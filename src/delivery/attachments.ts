import type { Logger } from '../logging';
import type { AttachmentDelivery, AttachmentRef, EmailPayload } from '../notifications';
import { readAttachmentFile } from './attachment-file';
import { decideFile, roomLeft, type AttachmentLimits } from './attachment-plan';

export interface AttachmentSettings extends AttachmentLimits {
  /** Files on disk without a URL are linked to `<siteUrl>/tickets/<id>/attachments/<attachmentId>`. */
  siteUrl: string;
  /** The only folder files are read from (EMAIL_ATTACHMENT_ROOT), absolute; stored relative paths are relative to it. */
  root: string;
}

/** A file as Nodemailer puts it in the message: the bytes we read, never a path for it to open. */
export interface MailAttachment {
  filename: string;
  content: Buffer;
  contentType?: string;
}

/**
 * Decides, just before rendering, how this email carries each file on its
 * comments, and returns the payload with each decision on its file, plus the
 * files to attach with their bytes.
 *
 * Deciding before rendering, not after, lets the template say the truth
 * ("attached", a link, or "unavailable") rather than list every file as a
 * link and hope. Files are read here, one at a time and no more than the
 * room the limits leave, and the message carries those bytes: what the
 * checks in readAttachmentFile approved is exactly what is sent. The payload
 * stored on the row is not changed; a retry decides again, so a file that
 * has since appeared or grown is seen as it is then.
 */
export async function prepareAttachments(
  payload: EmailPayload,
  ticketId: number | string | null,
  settings: AttachmentSettings | undefined,
  logger: Logger,
): Promise<{ payload: EmailPayload; attachments: MailAttachment[] }> {
  const refs = (payload.comments ?? []).flatMap((c) => c.attachments ?? []);
  if (refs.length === 0) return { payload, attachments: [] };
  const base = settings?.siteUrl.replace(/\/+$/, '');
  const pageOf = (ref: AttachmentRef) => (base && ticketId !== null ? `${base}/tickets/${ticketId}/attachments/${ref.id}` : null);
  // Without settings (an embedding app that passes none) nothing is read or attached.
  const limits = settings ?? { maxBytes: 0, totalMaxBytes: 0 };
  const decisions = new Map<AttachmentRef, AttachmentDelivery>();
  const attachments: MailAttachment[] = [];
  let attachedBytes = 0;
  for (const ref of refs) {
    // No path: known by URL only. No settings: no root to read from, so no file is read.
    const file =
      ref.path === null ? null
      : settings ? await readAttachmentFile(settings.root, ref.path, roomLeft(limits, attachedBytes))
      : ({ found: 'refused', reason: 'the sender was given no attachment root' } as const);
    if (file && file.found !== 'file') {
      const detail = { ticketId, attachmentId: ref.id, path: ref.path };
      if (file.found === 'missing') logger.warn(detail, 'attachment file not found; listed as unavailable');
      else logger.warn({ ...detail, reason: file.reason }, `attachment file refused (${file.reason}); listed as unavailable`);
    }
    const diskSize = file === null ? undefined : file.found === 'file' ? file.size : null;
    const content = file?.found === 'file' ? file.content : null;
    const decision = decideFile({ ref, diskSize }, limits, attachedBytes, pageOf);
    decisions.set(ref, decision);
    if (decision.as !== 'attached') continue;
    // decideFile attaches only a size within roomLeft, and readAttachmentFile returns content for exactly those.
    if (content === null) throw new Error(`attachment ${ref.id} was planned as attached without its bytes`);
    attachedBytes += content.length;
    attachments.push({ filename: ref.filename, content, ...(ref.contentType ? { contentType: ref.contentType } : {}) });
  }
  const comments = payload.comments.map((c) =>
    c.attachments ? { ...c, attachments: c.attachments.map((ref) => ({ ...ref, delivery: decisions.get(ref)! })) } : c,
  );
  return { payload: { ...payload, comments }, attachments };
}
