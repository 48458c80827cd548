import { inLocale } from './_components/all-previews';
import type { TicketEmailProps } from './_components/email-context';
import TicketResolved from './ticket-resolved';

// The preview server shows one email per file: this one shows the German
// version of a customer's email (every template has one; `npm run email:export`
// writes them all). Not a template of its own: emails/index.ts does not list it.
export default function TicketResolvedGerman(props: TicketEmailProps) {
  return <TicketResolved {...props} />;
}

TicketResolvedGerman.PreviewProps = inLocale(TicketResolved.PreviewProps, 'de');
