import { t } from './_i18n';
import { Layout } from './_components/layout';
import { TicketFacts } from './_components/ticket-facts';
import { Comments, Paragraphs } from './_components/comments';
import { OtherChanges } from './_components/other-changes';
import { previewProps } from './_components/preview-payload';
import type { TicketEmailProps } from './_components/email-context';

export default function TicketAssigned(props: TicketEmailProps) {
  const { payload } = props;
  const { locale, ticket } = payload;
  const actor = payload.actorName;
  const from = payload.assignment?.fromName;
  const key = actor ? (from ? 'assignedIntroByWas' : 'assignedIntroBy') : from ? 'assignedIntroWas' : 'assignedIntro';
  return (
    <Layout {...props} preview={t(locale, 'assignedPreview', { id: ticket.id })} heading={t(locale, 'assignedHeading', { id: ticket.id })}>
      <Paragraphs text={t(locale, key, { name: payload.recipient.name, customer: ticket.customerName, actor: actor ?? '', from: from ?? '' })} />
      <OtherChanges payload={payload} except="assignment" />
      <Comments comments={payload.comments} locale={payload.locale} />
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
