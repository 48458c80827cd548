import { t } from './_i18n';
import { Layout } from './_components/layout';
import { TicketFacts } from './_components/ticket-facts';
import { Paragraphs } from './_components/comments';
import { ChangeList } from './_components/other-changes';
import { previewProps } from './_components/preview-payload';
import type { TicketEmailProps } from './_components/email-context';

export default function TicketUpdated(props: TicketEmailProps) {
  const { payload } = props;
  const { locale, ticket } = payload;
  const heading = t(locale, 'updatedHeading', { id: ticket.id });
  return (
    <Layout {...props} preview={heading} heading={heading}>
      <Paragraphs text={t(locale, 'updatedIntro', { name: payload.recipient.name, actor: payload.actorName ?? t(locale, 'someone') })} />
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
