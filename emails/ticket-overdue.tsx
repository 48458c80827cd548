import { Layout } from './_components/layout';
import { TicketFacts } from './_components/ticket-facts';
import { Paragraphs } from './_components/comments';
import { previewProps } from './_components/preview-payload';
import { formatDate, type TicketEmailProps } from './_components/email-context';

export default function TicketOverdue(props: TicketEmailProps) {
  const { payload } = props;
  const due = formatDate(payload.overdue?.dueDate ?? payload.ticket.dueDate);
  return (
    <Layout {...props} preview={`Ticket #${payload.ticket.id} was due ${due}`} heading={`Ticket #${payload.ticket.id} is overdue`}>
      <Paragraphs text={`Hello ${payload.recipient.name}, this ticket from ${payload.ticket.customerName} was due on ${due} and is still ${payload.ticket.status.replace('_', ' ')}.`} />
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
