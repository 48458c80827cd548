import { Column } from '@react-email/column';
import { Row } from '@react-email/row';
import { Section } from '@react-email/section';
import { Text } from '@react-email/text';
import { t as text } from '../_i18n';
import { formatDate, priorityName, statusName } from './email-context';
import type { EmailPayload } from '../../src/notifications';

const label = { color: '#6b7280', fontSize: '13px', margin: '2px 0', width: '120px' };
const value = { color: '#111827', fontSize: '13px', margin: '2px 0' };

function Fact({ name, children }: { name: string; children: string }) {
  return (
    <Row>
      <Column style={label}>
        <Text style={label}>{name}</Text>
      </Column>
      <Column>
        <Text style={value}>{children}</Text>
      </Column>
    </Row>
  );
}

/** The ticket at a glance; status shows old → new when it changed in this email. */
export function TicketFacts({ payload }: { payload: EmailPayload }) {
  const t = payload.ticket;
  const locale = payload.locale;
  const status = payload.status
    ? `${statusName(locale, payload.status.from)} → ${statusName(locale, payload.status.to)}`
    : statusName(locale, t.status);
  return (
    <Section style={{ backgroundColor: '#f9fafb', borderRadius: '6px', padding: '12px 16px', margin: '12px 0' }}>
      <Fact name={text(locale, 'factTicket')}>{`#${t.id} ${t.subject}`}</Fact>
      <Fact name={text(locale, 'factStatus')}>{status}</Fact>
      {t.priority === null ? null : <Fact name={text(locale, 'factPriority')}>{priorityName(locale, t.priority)}</Fact>}
      <Fact name={text(locale, 'factAssignedTo')}>{t.assigneeName ?? text(locale, 'notAssignedYet')}</Fact>
      <Fact name={text(locale, 'factDue')}>{formatDate(t.dueDate, locale)}</Fact>
    </Section>
  );
}
