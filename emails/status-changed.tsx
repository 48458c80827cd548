import { t } from './_i18n';
import { Layout } from './_components/layout';
import { TicketFacts } from './_components/ticket-facts';
import { Comments, Paragraphs } from './_components/comments';
import { OtherChanges } from './_components/other-changes';
import { previewProps } from './_components/preview-payload';
import { statusInSentence, statusName, type TicketEmailProps } from './_components/email-context';

export default function StatusChanged(props: TicketEmailProps) {
  const { payload } = props;
  const { locale, ticket } = payload;
  const s = payload.status;
  const text = s ? `${statusName(locale, s.from)} → ${statusName(locale, s.to)}` : statusName(locale, ticket.status);
  const name = payload.recipient.name;
  return (
    <Layout
      {...props}
      preview={t(locale, 'ticketWithText', { id: ticket.id, text })}
      heading={t(locale, 'statusHeading', { id: ticket.id, status: statusInSentence(locale, ticket.status) })}
    >
      <Paragraphs text={payload.actorName ? t(locale, 'statusIntroBy', { name, actor: payload.actorName, text }) : t(locale, 'statusIntro', { name, text })} />
      <OtherChanges payload={payload} except="status" />
      <Comments comments={payload.comments} locale={payload.locale} />
      <TicketFacts payload={payload} />
    </Layout>
  );
}

StatusChanged.PreviewProps = previewProps({ event: 'status_changed', status: { from: 'open', to: 'in_progress' }, ticket: { ...previewProps().payload.ticket, status: 'in_progress' } });
