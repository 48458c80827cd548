import { Section } from '@react-email/section';
import { Text } from '@react-email/text';
import type { EmailPayload, Locale } from '../../src/notifications';
import { t } from '../_i18n';
import { AttachmentList } from './attachment-list';

/** Comment text is rendered as text (React escapes it); each line break becomes a <br>. */
function Lines({ text }: { text: string }) {
  const lines = text.split(/\r\n|\r|\n/);
  return (
    <>
      {lines.map((line, i) => (
        <span key={i}>
          {line}
          {i < lines.length - 1 ? <br /> : null}
        </span>
      ))}
    </>
  );
}

export function Comments({ comments, locale }: { comments: EmailPayload['comments']; locale?: Locale }) {
  return (
    <>
      {comments.map((c) => (
        <Section
          key={c.id}
          style={{
            borderLeft: `4px solid ${c.isInternal ? '#f59e0b' : '#d1d5db'}`,
            backgroundColor: c.isInternal ? '#fffbeb' : '#ffffff',
            padding: '8px 14px',
            margin: '12px 0',
          }}
        >
          <Text style={{ color: '#6b7280', fontSize: '12px', margin: '0 0 4px' }}>
            {t(locale, c.isInternal ? 'commentInternalBy' : 'commentWrote', { author: c.authorName })}
          </Text>
          <Text style={{ color: '#111827', fontSize: '14px', lineHeight: '22px', margin: 0 }}>
            <Lines text={c.content} />
          </Text>
          <AttachmentList files={c.attachments} locale={locale} />
        </Section>
      ))}
    </>
  );
}

export function Paragraphs({ text }: { text: string }) {
  return (
    <Text style={{ color: '#374151', fontSize: '14px', lineHeight: '22px' }}>
      <Lines text={text} />
    </Text>
  );
}
