import { t } from './_i18n';
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
  const { locale, ticket } = payload;
  const id = ticket.id;
  const count = payload.comments.length;
  return (
    <Layout
      {...props}
      preview={t(locale, 'commentPreview', { authors, id, excerpt: payload.comments[0]?.content.slice(0, 90) ?? '' })}
      heading={t(locale, internal ? 'commentHeadingInternal' : 'commentHeadingReply', { id })}
      cta={t(locale, 'commentCta')}
    >
      <Paragraphs text={t(locale, count === 1 ? 'commentIntroOne' : 'commentIntroMany', { name: payload.recipient.name, authors, count, subject: ticket.subject })} />
      <Comments comments={payload.comments} locale={locale} />
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
      // As the sender leaves them: one file small enough to attach, one linked.
      attachments: [
        { id: 3, filename: 'fuser-unit.jpg', contentType: 'image/jpeg', path: 'uploads/fuser-unit.jpg', url: null, size: 245_760, delivery: { as: 'attached', href: null, size: 245_760 } },
        {
          id: 4,
          filename: 'service-manual.pdf',
          contentType: 'application/pdf',
          path: null,
          url: 'https://files.example.com/service-manual.pdf',
          size: 12_582_912,
          delivery: { as: 'linked', href: 'https://files.example.com/service-manual.pdf', size: 12_582_912 },
        },
      ],
    },
  ],
});
