import { Link } from '@react-email/link';
import { Section } from '@react-email/section';
import { Text } from '@react-email/text';
import type { DigestPayload, DigestTicket } from '../src/notifications';
import { t } from './_i18n';
import { defaultBrand, ticketUrl, type Brand } from './_components/email-context';
import { changeLines, digestCounts, entryTitle, ticketLine } from './_components/digest-lines';
import { EmailFrame, muted } from './_components/email-frame';
import { UnsubscribeLine } from './_components/unsubscribe-line';

/** What the digest template receives; the digest is about many tickets, so it has no TicketEmailProps. */
export interface DigestEmailProps {
  payload: DigestPayload;
  siteUrl: string;
  brand: Brand;
  /** This recipient's unsubscribe page (turns off every email: a digest gathers all kinds). */
  unsubscribeUrl?: string;
}

const line = { color: '#374151', fontSize: '14px', lineHeight: '20px', margin: '2px 0' };

function TicketBlock({ ticket, payload, siteUrl, brand }: { ticket: DigestTicket } & DigestEmailProps) {
  const locale = payload.locale;
  return (
    <Section style={{ borderTop: '1px solid #e5e7eb', padding: '12px 0 4px' }}>
      <Link href={ticketUrl(siteUrl, ticket.id)} style={{ color: brand.color, fontSize: '16px', fontWeight: 600 }}>
        {t(locale, 'ticketWithText', { id: ticket.id, text: ticket.subject })}
      </Link>
      <Text style={{ ...muted, margin: '2px 0 8px' }}>{ticketLine(locale, ticket)}</Text>
      {ticket.entries.map((entry, i) => (
        <Section key={i} style={{ margin: '0 0 10px' }}>
          <Text style={{ color: '#111827', fontSize: '13px', fontWeight: 600, margin: '0 0 2px' }}>{entryTitle(locale, entry)}</Text>
          {changeLines(locale, entry).map((text) => (
            <Text key={text} style={line}>
              • {text}
            </Text>
          ))}
          {entry.comments.map((c, j) => (
            <Section
              key={j}
              style={{
                borderLeft: `4px solid ${c.isInternal ? '#f59e0b' : '#d1d5db'}`,
                backgroundColor: c.isInternal ? '#fffbeb' : '#ffffff',
                padding: '4px 12px',
                margin: '6px 0',
              }}
            >
              <Text style={{ color: '#6b7280', fontSize: '12px', margin: '0 0 2px' }}>
                {t(locale, c.isInternal ? 'commentInternalBy' : 'commentWrote', { author: c.authorName })}
              </Text>
              <Text style={{ ...line, margin: 0 }}>{c.excerpt}</Text>
              {c.attachments.length > 0 ? <Text style={muted}>{t(locale, 'digestAttachments', { files: c.attachments.join(', ') })}</Text> : null}
            </Section>
          ))}
        </Section>
      ))}
    </Section>
  );
}

/** One email a day for staff who chose it: every held email, grouped by ticket, each with a link to the ticket. */
export default function DailyDigest(props: DigestEmailProps) {
  const { payload, brand } = props;
  const locale = payload.locale;
  const counts = digestCounts(locale, payload.updates, payload.tickets.length);
  const footer = (
    <>
      <Text style={muted}>{t(locale, 'digestReason')}</Text>
      {brand.footer ? <Text style={muted}>{brand.footer}</Text> : null}
      {props.unsubscribeUrl ? <UnsubscribeLine href={props.unsubscribeUrl} locale={locale} /> : null}
    </>
  );
  return (
    <EmailFrame lang={locale ?? 'en'} preview={`${counts.updates}, ${counts.tickets}`} brand={brand} heading={t(locale, 'digestHeading')} footer={footer}>
      <Text style={{ color: '#374151', fontSize: '14px', lineHeight: '22px' }}>{t(locale, 'digestIntro', { name: payload.recipient.name, ...counts })}</Text>
      {payload.tickets.map((ticket) => (
        <TicketBlock key={ticket.id} ticket={ticket} {...props} />
      ))}
    </EmailFrame>
  );
}

const entry = (at: string, more: Partial<DigestPayload['tickets'][number]['entries'][number]>) => ({
  event: 'status_changed' as const,
  at,
  actorName: null,
  created: false,
  status: null,
  assignment: null,
  changes: [],
  comments: [],
  overdue: null,
  ...more,
});

DailyDigest.PreviewProps = {
  siteUrl: 'https://helpdesk.example.com',
  brand: defaultBrand,
  payload: {
    event: 'daily_digest',
    audience: 'staff',
    recipient: { name: 'Grace Hopper' },
    locale: 'en',
    day: '2026-11-25',
    updates: 5,
    tickets: [
      {
        id: 42,
        subject: 'Printer on fire — the one on the third floor keeps printing blank pages',
        status: 'in_progress',
        priority: 'urgent',
        assigneeName: 'Grace Hopper',
        entries: [
          entry('2026-11-25T08:12:00.000Z', { event: 'ticket_assigned', actorName: 'Ada Lovelace', assignment: { fromName: null, toName: 'Grace Hopper' } }),
          entry('2026-11-25T09:40:00.000Z', { status: { from: 'open', to: 'in_progress' }, actorName: 'Ada Lovelace' }),
          entry('2026-11-25T10:05:00.000Z', {
            event: 'comment_added',
            actorName: 'Marie Curie',
            comments: [{ authorName: 'Marie Curie', excerpt: 'It smells of smoke again. We unplugged it and put a sign on it.', isInternal: false, attachments: ['printer.jpg'] }],
          }),
          entry('2026-11-25T10:30:00.000Z', {
            event: 'comment_added',
            actorName: 'Ada Lovelace',
            comments: [{ authorName: 'Ada Lovelace', excerpt: 'Facilities say the fuser is the likely culprit.', isInternal: true, attachments: [] }],
          }),
        ],
      },
      {
        id: 57,
        subject: 'VPN drops every hour',
        status: 'open',
        priority: 'high',
        assigneeName: 'Grace Hopper',
        entries: [entry('2026-11-25T13:00:00.000Z', { event: 'ticket_overdue', overdue: { dueDate: '2026-11-20T00:00:00.000Z' } })],
      },
    ],
  },
} satisfies DigestEmailProps;
