import type { AttachmentRef } from '../notifications';

/** The files on these comments, by comment id. */
export async function loadAttachments(db: any, commentIds: number[]): Promise<Map<number, AttachmentRef[]>> {
  const rows: (AttachmentRef & { commentId: number })[] = await db.ticketAttachment.findMany({
    where: { commentId: { in: commentIds } },
    select: { id: true, commentId: true, filename: true, contentType: true, path: true, url: true, size: true },
    orderBy: { id: 'asc' },
  });
  const byComment = new Map<number, AttachmentRef[]>();
  for (const { commentId, ...file } of rows) byComment.set(commentId, [...(byComment.get(commentId) ?? []), file]);
  return byComment;
}
