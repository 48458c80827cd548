import { Layout } from './_components/layout';
import { TicketFacts } from './_components/ticket-facts';
import { Paragraphs } from './_components/comments';
import { OtherChanges } from './_components/other-changes';
import { previewProps } from './_components/preview-payload';
import type { TicketEmailProps } from './_components/email-context';

export default function TicketAssigned(props: TicketEmailProps) {
  const { payload } = props;
  const by = payload.actorName ? ` by ${payload.actorName}` : '';
  return (
    <Layout {...props} preview={`Ticket #${payload.ticket.id} is now yours`} heading={`Ticket #${payload.ticket.id} was assigned to you`}>
      <Paragraphs
        text={`Hello ${payload.recipient.name}, this ticket from ${payload.ticket.customerName} was assigned to you${by}${
          payload.assignment?.fromName ? ` (it was with ${payload.assignment.fromName})` : ''
        }.`}
      />
      <OtherChanges payload={payload} except="assignment" />
      <TicketFacts payload={payload} />
      <Paragraphs text={payload.ticket.description} />
    </Layout>
  );
}

TicketAssigned.PreviewProps = previewProps({
  event: 'ticket_assigned',
  audience: 'staff',
  recipient: { name: 'Grace Hopper', reason: 'assignee' },
  assignment: { fromName: 'Linus Torvalds', toName: 'Grace Hopper' },
  status: { from: 'new', to: 'open' },
});
