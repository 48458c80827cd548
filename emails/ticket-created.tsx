import { t } from './_i18n';
import { Layout } from './_components/layout';
import { TicketFacts } from './_components/ticket-facts';
import { Comments, Paragraphs } from './_components/comments';
import { previewProps } from './_components/preview-payload';
import type { TicketEmailProps } from './_components/email-context';

export default function TicketCreated(props: TicketEmailProps) {
  const { payload } = props;
  const { locale, ticket } = payload;
  const forCustomer = payload.audience === 'customer';
  const intro = forCustomer
    ? t(locale, 'createdIntroCustomer', { name: payload.recipient.name })
    : ticket.assigneeName
      ? t(locale, 'createdIntroStaffAssigned', { customer: ticket.customerName, assignee: ticket.assigneeName })
      : t(locale, 'createdIntroStaff', { customer: ticket.customerName });
  return (
    <Layout
      {...props}
      preview={t(locale, 'ticketWithText', { id: ticket.id, text: ticket.subject })}
      heading={t(locale, forCustomer ? 'createdHeadingCustomer' : 'createdHeadingStaff', { id: ticket.id })}
    >
      <Paragraphs text={intro} />
      <TicketFacts payload={payload} />
      <Paragraphs text={payload.ticket.description} />
      <Comments comments={payload.comments} locale={locale} />
    </Layout>
  );
}

// A ticket nobody is assigned to yet, from a customer whose name is not ASCII.
TicketCreated.PreviewProps = previewProps({
  event: 'ticket_created',
  created: true,
  recipient: { name: 'Zoë Ægir-Şahin', reason: 'customer' },
  ticket: { ...previewProps().payload.ticket, status: 'new', assigneeName: null, dueDate: null, customerName: 'Zoë Ægir-Şahin' },
});
