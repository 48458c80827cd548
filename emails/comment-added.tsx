import { Layout } from './_components/layout';
import { TicketFacts } from './_components/ticket-facts';
import { Comments, Paragraphs } from './_components/comments';
import { OtherChanges } from './_components/other-changes';
import { previewProps } from './_components/preview-payload';
import type { TicketEmailProps } from './_components/email-context';

export default function CommentAdded(props: TicketEmailProps) {
  const { payload } = props;
  const internal = payload.comments.every((c) => c.isInternal);
  const authors = [...new Set(payload.comments.map((c) => c.authorName))].join(', ');
  return (
    <Layout
      {...props}
      preview={`${authors} on #${payload.ticket.id}: ${payload.comments[0]?.content.slice(0, 90) ?? ''}`}
      heading={internal ? `Internal note on ticket #${payload.ticket.id}` : `New reply on ticket #${payload.ticket.id}`}
      cta="Reply on the ticket"
    >
      <Paragraphs text={`Hello ${payload.recipient.name}, ${authors} added ${payload.comments.length === 1 ? 'a comment' : `${payload.comments.length} comments`} to “${payload.ticket.subject}”.`} />
      <Comments comments={payload.comments} />
      <OtherChanges payload={payload} except="none" />
      <TicketFacts payload={payload} />
    </Layout>
  );
}

CommentAdded.PreviewProps = previewProps({
  event: 'comment_added',
  comments: [
    {
      id: 7,
      authorName: 'Grace Hopper',
      content:
        'Thanks for unplugging it, that was the right call.\n\nA technician will replace the fuser unit tomorrow morning. Until then please use the printer on the second floor.\n\n— Grace 🔧',
      isInternal: false,
      createdAt: '2026-11-24T10:50:00.000Z',
    },
  ],
});
