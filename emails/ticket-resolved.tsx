import { t } from './_i18n';
import { Layout } from './_components/layout';
import { TicketFacts } from './_components/ticket-facts';
import { Comments, Paragraphs } from './_components/comments';
import { OtherChanges } from './_components/other-changes';
import { previewProps } from './_components/preview-payload';
import type { TicketEmailProps } from './_components/email-context';

export default function TicketResolved(props: TicketEmailProps) {
  const { payload } = props;
  const { locale, ticket } = payload;
  const name = payload.recipient.name;
  const heading = t(locale, 'resolvedHeading', { id: ticket.id });
  const intro =
    payload.audience === 'customer'
      ? t(locale, 'resolvedIntroCustomer', { name })
      : payload.actorName
        ? t(locale, 'resolvedIntroStaffBy', { name, actor: payload.actorName })
        : t(locale, 'resolvedIntroStaff', { name });
  return (
    <Layout {...props} preview={heading} heading={heading} cta={t(locale, 'resolvedCta')}>
      <Paragraphs text={intro} />
      <OtherChanges payload={payload} except="status" />
      <TicketFacts payload={payload} />
      <Comments comments={payload.comments} locale={locale} />
    </Layout>
  );
}

TicketResolved.PreviewProps = previewProps({ event: 'ticket_resolved', status: { from: 'in_progress', to: 'resolved' }, ticket: { ...previewProps().payload.ticket, status: 'resolved' } });
