import { Layout } from './_components/layout';
import { TicketFacts } from './_components/ticket-facts';
import { Paragraphs } from './_components/comments';
import { ChangeList } from './_components/other-changes';
import { previewProps } from './_components/preview-payload';
import type { TicketEmailProps } from './_components/email-context';

export default function TicketUpdated(props: TicketEmailProps) {
  const { payload } = props;
  return (
    <Layout {...props} preview={`Ticket #${payload.ticket.id} was updated`} heading={`Ticket #${payload.ticket.id} was updated`}>
      <Paragraphs text={`Hello ${payload.recipient.name}, ${payload.actorName ?? 'someone'} changed this ticket:`} />
      <ChangeList payload={payload} />
      <TicketFacts payload={payload} />
    </Layout>
  );
}

TicketUpdated.PreviewProps = previewProps({
  event: 'ticket_updated',
  audience: 'staff',
  recipient: { name: 'Grace Hopper', reason: 'assignee' },
  changes: [
    { field: 'priority', from: 'high', to: 'urgent' },
    { field: 'dueDate', from: '2026-12-05T00:00:00.000Z', to: '2026-12-01T00:00:00.000Z' },
  ],
});
