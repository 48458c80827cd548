import { Link } from '@react-email/link';
import { Text } from '@react-email/text';
import type { AttachmentRef, Locale } from '../../src/notifications';
import { t } from '../_i18n';

const UNITS = ['bytes', 'KB', 'MB', 'GB'] as const;

/** 1536 → "1.5 KB" (in German "1,5 KB"); bytes below 1 KB as they are. */
export function formatSize(bytes: number, locale: Locale | undefined): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  const digits = unit === 0 || value >= 10 ? 0 : 1;
  return `${new Intl.NumberFormat(locale ?? 'en', { maximumFractionDigits: digits }).format(value)} ${UNITS[unit]}`;
}

/**
 * The files of one comment: name, size, and whether this email carries it
 * ("attached"), links to it, or could not find it. The sender decides that
 * before rendering (src/delivery/attachments.ts) and puts the decision on
 * each file; a file without one (a preview, an older renderer) is shown with
 * its URL when it has one.
 */
export function AttachmentList({ files, locale }: { files: AttachmentRef[] | undefined; locale?: Locale }) {
  if (!files || files.length === 0) return null;
  return (
    <Text style={{ color: '#374151', fontSize: '13px', lineHeight: '20px', margin: '8px 0 0' }}>
      {t(locale, 'attachmentsLabel')}
      {files.map((file) => {
        const size = file.delivery?.size ?? file.size;
        const href = file.delivery ? file.delivery.href : file.url;
        const state = file.delivery?.as;
        return (
          <span key={file.id}>
            <br />
            {'📎 '}
            {href && state !== 'attached' ? <Link href={href} style={{ color: '#2563eb' }}>{file.filename}</Link> : file.filename}
            {size !== null ? ` (${formatSize(size, locale)})` : ''}
            {state === 'attached' ? ` – ${t(locale, 'attachmentAttached')}` : ''}
            {state === 'unavailable' ? ` – ${t(locale, 'attachmentUnavailable')}` : ''}
          </span>
        );
      })}
    </Text>
  );
}
