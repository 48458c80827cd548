import { Layout } from './components/layout';
import { TicketFacts } from './components/ticket-facts';
import { Paragraphs } from './components/comments';
import { OtherChanges } from './components/other-changes';
import { previewProps } from './components/preview-payload';
import type { TicketEmailProps } from './components/email-context';

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

TicketClosed.PreviewProps = previewProps({ event: 'ticket_closed', status: { from: 'resolved', to: 'closed' }, ticket: { ...previewProps().payload.ticket, status: 'closed' } });
