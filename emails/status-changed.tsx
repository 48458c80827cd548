import { Layout } from './_components/layout';
import { TicketFacts } from './_components/ticket-facts';
import { Paragraphs } from './_components/comments';
import { OtherChanges } from './_components/other-changes';
import { previewProps } from './_components/preview-payload';
import { statusLabel, type TicketEmailProps } from './_components/email-context';

export default function StatusChanged(props: TicketEmailProps) {
  const { payload } = props;
  const s = payload.status;
  const text = s ? `${statusLabel[s.from]} → ${statusLabel[s.to]}` : statusLabel[payload.ticket.status];
  return (
    <Layout {...props} preview={`Ticket #${payload.ticket.id}: ${text}`} heading={`Ticket #${payload.ticket.id} is now ${statusLabel[payload.ticket.status].toLowerCase()}`}>
      <Paragraphs text={`Hello ${payload.recipient.name}, the status of this ticket changed${payload.actorName ? ` (by ${payload.actorName})` : ''}: ${text}.`} />
      <OtherChanges payload={payload} except="status" />
      <TicketFacts payload={payload} />
    </Layout>
  );
}

StatusChanged.PreviewProps = previewProps({ event: 'status_changed', status: { from: 'open', to: 'in_progress' }, ticket: { ...previewProps().payload.ticket, status: 'in_progress' } });
