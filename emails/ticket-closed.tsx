import { t } from './_i18n';
import { Layout } from './_components/layout';
import { TicketFacts } from './_components/ticket-facts';
import { Comments, Paragraphs } from './_components/comments';
import { OtherChanges } from './_components/other-changes';
import { previewProps } from './_components/preview-payload';
import type { TicketEmailProps } from './_components/email-context';

export default function TicketClosed(props: TicketEmailProps) {
  const { payload } = props;
  const { locale, ticket } = payload;
  const name = payload.recipient.name;
  const heading = t(locale, 'closedHeading', { id: ticket.id });
  const intro =
    payload.audience === 'customer'
      ? t(locale, 'closedIntroCustomer', { name, id: ticket.id })
      : payload.actorName
        ? t(locale, 'closedIntroStaffBy', { name, actor: payload.actorName })
        : t(locale, 'closedIntroStaff', { name });
  return (
    <Layout {...props} preview={heading} heading={heading}>
      <Paragraphs text={intro} />
      <OtherChanges payload={payload} except="status" />
      <Comments comments={payload.comments} locale={payload.locale} />
      <TicketFacts payload={payload} />
    </Layout>
  );
}

// Right-to-left text in the subject and the name.
TicketClosed.PreviewProps = previewProps({
  event: 'ticket_closed',
  recipient: { name: 'ليلى حداد', reason: 'customer' },
  status: { from: 'resolved', to: 'closed' },
  ticket: { ...previewProps().payload.ticket, subject: 'الطابعة لا تعمل — Printer offline', status: 'closed', customerName: 'ليلى حداد' },
});
