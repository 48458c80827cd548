import { Layout } from './_components/layout';
import { TicketFacts } from './_components/ticket-facts';
import { Comments, Paragraphs } from './_components/comments';
import { OtherChanges } from './_components/other-changes';
import { previewProps } from './_components/preview-payload';
import type { TicketEmailProps } from './_components/email-context';

export default function TicketResolved(props: TicketEmailProps) {
  const { payload } = props;
  const forCustomer = payload.audience === 'customer';
  return (
    <Layout {...props} preview={`Ticket #${payload.ticket.id} has been resolved`} heading={`Ticket #${payload.ticket.id} has been resolved`} cta="See the resolution">
      <Paragraphs
        text={
          forCustomer
            ? `Hello ${payload.recipient.name}, we believe your request is solved. If anything is still wrong, reply on the ticket and we will reopen it.`
            : `Hello ${payload.recipient.name}, this ticket was marked resolved${payload.actorName ? ` by ${payload.actorName}` : ''}.`
        }
      />
      <OtherChanges payload={payload} except="status" />
      <TicketFacts payload={payload} />
      <Comments comments={payload.comments} />
    </Layout>
  );
}

TicketResolved.PreviewProps = previewProps({ event: 'ticket_resolved', status: { from: 'in_progress', to: 'resolved' }, ticket: { ...previewProps().payload.ticket, status: 'resolved' } });
