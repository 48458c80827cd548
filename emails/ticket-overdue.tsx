import { t } from './_i18n';
import { Layout } from './_components/layout';
import { TicketFacts } from './_components/ticket-facts';
import { Paragraphs } from './_components/comments';
import { previewProps } from './_components/preview-payload';
import { formatDate, statusInSentence, type TicketEmailProps } from './_components/email-context';

export default function TicketOverdue(props: TicketEmailProps) {
  const { payload } = props;
  const { locale, ticket } = payload;
  const due = formatDate(payload.overdue?.dueDate ?? ticket.dueDate, locale);
  return (
    <Layout {...props} preview={t(locale, 'overduePreview', { id: ticket.id, due })} heading={t(locale, 'overdueHeading', { id: ticket.id })}>
      <Paragraphs
        text={t(locale, 'overdueIntro', { name: payload.recipient.name, customer: ticket.customerName, due, status: statusInSentence(locale, ticket.status) })}
      />
      <TicketFacts payload={payload} />
    </Layout>
  );
}

TicketOverdue.PreviewProps = previewProps({
  event: 'ticket_overdue',
  audience: 'staff',
  recipient: { name: 'Grace Hopper', reason: 'assignee' },
  overdue: { dueDate: '2026-11-20T00:00:00.000Z' },
  ticket: { ...previewProps().payload.ticket, dueDate: '2026-11-20T00:00:00.000Z' },
});
