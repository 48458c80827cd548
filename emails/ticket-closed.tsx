import { Layout } from './_components/layout';
import { TicketFacts } from './_components/ticket-facts';
import { Paragraphs } from './_components/comments';
import { OtherChanges } from './_components/other-changes';
import { previewProps } from './_components/preview-payload';
import type { TicketEmailProps } from './_components/email-context';

export default function TicketClosed(props: TicketEmailProps) {
  const { payload } = props;
  const forCustomer = payload.audience === 'customer';
  return (
    <Layout {...props} preview={`Ticket #${payload.ticket.id} is closed`} heading={`Ticket #${payload.ticket.id} is closed`}>
      <Paragraphs
        text={
          forCustomer
            ? `Hello ${payload.recipient.name}, this ticket is now closed. Thank you for your patience. If you need more help, open a new ticket and mention #${payload.ticket.id}.`
            : `Hello ${payload.recipient.name}, this ticket was closed${payload.actorName ? ` by ${payload.actorName}` : ''}.`
        }
      />
      <OtherChanges payload={payload} except="status" />
      <TicketFacts payload={payload} />
    </Layout>
  );
}

// Right-to-left text in the subject and the name.
TicketClosed.PreviewProps = previewProps({
  event: 'ticket_closed',
  recipient: { name: 'ليلى حداد', reason: 'customer' },
  status: { from: 'resolved', to: 'closed' },
  ticket: { ...previewProps().payload.ticket, subject: 'الطابعة لا تعمل — Printer offline', status: 'closed', customerName: 'ليلى حداد' },
});
