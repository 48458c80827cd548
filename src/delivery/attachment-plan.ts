import type { AttachmentDelivery, AttachmentRef } from '../notifications';

export interface AttachmentLimits {
  /** A file larger than this is linked (EMAIL_ATTACHMENT_MAX_BYTES). */
  maxBytes: number;
  /** The files of one email together stop at this (EMAIL_ATTACHMENTS_TOTAL_MAX_BYTES). */
  totalMaxBytes: number;
}

/** One file as found at send time: `diskSize` is its size on disk, null when the path does not exist, undefined when it has no path. */
export interface FoundFile {
  ref: AttachmentRef;
  diskSize?: number | null;
}

/**
 * Which files one email carries and which it links, in the order given:
 * a file on disk goes in while it is within the per-file limit and the
 * email's total stays within its limit; a later, smaller file may still fit
 * after a larger one was linked. A file known only by URL is linked to its
 * URL; a file on disk that is not attached links to its URL if it has one,
 * else to the ticket's attachment page. A missing file with no URL is
 * unavailable. Pure: the caller has looked at the disk.
 */
export function planAttachments(files: FoundFile[], limits: AttachmentLimits, pageOf: (ref: AttachmentRef) => string | null): AttachmentDelivery[] {
  let total = 0;
  return files.map(({ ref, diskSize }) => {
    // Known only by URL, or its file is gone: the URL is all there is.
    if (diskSize === undefined || diskSize === null) return ref.url ? { as: 'linked', href: ref.url, size: ref.size } : { as: 'unavailable', href: null, size: ref.size };
    // A limit of 0 means attach nothing, not even an empty file.
    const allowed = limits.maxBytes > 0 && limits.totalMaxBytes > 0;
    if (allowed && diskSize <= limits.maxBytes && total + diskSize <= limits.totalMaxBytes) {
      total += diskSize;
      return { as: 'attached', href: null, size: diskSize };
    }
    return { as: 'linked', href: ref.url ?? pageOf(ref), size: diskSize };
  });
}
