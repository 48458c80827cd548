import { t } from '../../emails/_i18n';
import { digestCounts } from '../../emails/_components/digest-lines';
import type { DigestPayload } from '../notifications';
import { headerText } from './header-text';

/** `[Helpdesk] Your daily summary: 5 updates on 3 tickets`, in the reader's language. */
export function digestSubject(payload: DigestPayload, brandName: string): string {
  const counts = digestCounts(payload.locale, payload.updates, payload.tickets.length);
  return `[${headerText(brandName, 60)}] ${t(payload.locale, 'digestSubject', counts)}`;
}
