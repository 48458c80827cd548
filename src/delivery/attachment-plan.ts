import type { AttachmentDelivery, AttachmentRef } from '../notifications';

export interface AttachmentLimits {
  /** A file larger than this is linked (EMAIL_ATTACHMENT_MAX_BYTES). */
  maxBytes: number;
  /** The files of one email together stop at this (EMAIL_ATTACHMENTS_TOTAL_MAX_BYTES). */
  totalMaxBytes: number;
}

/**
 * One file as found at send time: `diskSize` is its size on disk, null when
 * it cannot be read (gone, or refused: outside the attachment root, not a
 * regular file), undefined when it has no path.
 */
export interface FoundFile {
  ref: AttachmentRef;
  diskSize?: number | null;
}

/**
 * How many bytes the next file may have and still be attached, after
 * `attachedBytes` went into this email; -1 when nothing may be attached.
 * The sender reads no more than this (plus one, to see a file is larger).
 */
export function roomLeft(limits: AttachmentLimits, attachedBytes: number): number {
  // A limit of 0 means attach nothing, not even an empty file.
  if (limits.maxBytes <= 0 || limits.totalMaxBytes <= 0) return -1;
  return Math.max(-1, Math.min(limits.maxBytes, limits.totalMaxBytes - attachedBytes));
}

/**
 * How one email carries one file, after `attachedBytes` were attached before
 * it: a file on disk goes in while it fits `roomLeft`; a file known only by
 * URL, or one that cannot be read, is linked to its URL, else unavailable; a
 * file on disk that is not attached links to its URL if it has one, else to
 * the ticket's attachment page. Pure: the caller has looked at the disk.
 */
export function decideFile({ ref, diskSize }: FoundFile, limits: AttachmentLimits, attachedBytes: number, pageOf: (ref: AttachmentRef) => string | null): AttachmentDelivery {
  // Known only by URL, or its file is gone or refused: the URL is all there is.
  if (diskSize === undefined || diskSize === null) return ref.url ? { as: 'linked', href: ref.url, size: ref.size } : { as: 'unavailable', href: null, size: ref.size };
  if (diskSize <= roomLeft(limits, attachedBytes)) return { as: 'attached', href: null, size: diskSize };
  return { as: 'linked', href: ref.url ?? pageOf(ref), size: diskSize };
}

/**
 * Which files one email carries and which it links, in the order given: each
 * decided by `decideFile` after the ones before it; a later, smaller file may
 * still fit after a larger one was linked.
 */
export function planAttachments(files: FoundFile[], limits: AttachmentLimits, pageOf: (ref: AttachmentRef) => string | null): AttachmentDelivery[] {
  let attachedBytes = 0;
  return files.map((file) => {
    const decision = decideFile(file, limits, attachedBytes, pageOf);
    if (decision.as === 'attached') attachedBytes += decision.size ?? 0;
    return decision;
  });
}
