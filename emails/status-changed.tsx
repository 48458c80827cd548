import { Layout } from './components/layout';
import { TicketFacts } from './components/ticket-facts';
import { Paragraphs } from './components/comments';
import { OtherChanges } from './components/other-changes';
import { previewProps } from './components/preview-payload';
import { statusLabel, type TicketEmailProps } from './components/email-context';

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
