import { Layout } from './_components/layout';
import { TicketFacts } from './_components/ticket-facts';
import { Comments, Paragraphs } from './_components/comments';
import { previewProps } from './_components/preview-payload';
import type { TicketEmailProps } from './_components/email-context';

export default function TicketCreated(props: TicketEmailProps) {
  const { payload } = props;
  const forCustomer = payload.audience === 'customer';
  return (
    <Layout
      {...props}
      preview={`Ticket #${payload.ticket.id}: ${payload.ticket.subject}`}
      heading={forCustomer ? `We received your request #${payload.ticket.id}` : `New ticket #${payload.ticket.id}`}
    >
      <Paragraphs
        text={
          forCustomer
            ? `Hello ${payload.recipient.name}, thank you for getting in touch. Your ticket is in our queue and we will reply here.`
            : `${payload.ticket.customerName} has a new ticket${payload.ticket.assigneeName ? `, assigned to ${payload.ticket.assigneeName}` : ''}.`
        }
      />
      <TicketFacts payload={payload} />
      <Paragraphs text={payload.ticket.description} />
      <Comments comments={payload.comments} />
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
