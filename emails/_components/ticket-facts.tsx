import { Column, Row, Section, Text } from '@react-email/components';
import { formatDate, priorityLabel, statusLabel } from './email-context';
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
  const status = payload.status
    ? `${statusLabel[payload.status.from]} → ${statusLabel[payload.status.to]}`
    : statusLabel[t.status];
  return (
    <Section style={{ backgroundColor: '#f9fafb', borderRadius: '6px', padding: '12px 16px', margin: '12px 0' }}>
      <Fact name="Ticket">{`#${t.id} ${t.subject}`}</Fact>
      <Fact name="Status">{status}</Fact>
      <Fact name="Priority">{priorityLabel[t.priority]}</Fact>
      <Fact name="Assigned to">{t.assigneeName ?? 'Not assigned yet'}</Fact>
      <Fact name="Due">{formatDate(t.dueDate)}</Fact>
    </Section>
  );
}
