import { Text } from '@react-email/components';
import type { EmailPayload } from '../../src/notifications';
import { formatDate, priorityLabel, statusLabel } from './email-context';

const fieldName: Record<string, string> = { subject: 'Subject', description: 'Description', priority: 'Priority', dueDate: 'Due date' };

function show(field: string, v: string | null): string {
  if (v === null) return 'none';
  if (field === 'priority') return priorityLabel[v] ?? v;
  if (field === 'dueDate') return formatDate(v);
  if (field === 'description') return v.length > 200 ? `${v.slice(0, 200)}…` : v;
  return v;
}

/** Everything else this write changed, so one email tells the whole story. */
export function OtherChanges({ payload, except }: { payload: EmailPayload; except: string }) {
  const items: string[] = [];
  if (payload.status && except !== 'status') items.push(`Status: ${statusLabel[payload.status.from]} → ${statusLabel[payload.status.to]}`);
  if (payload.assignment && except !== 'assignment')
    items.push(`Assigned to ${payload.assignment.toName}${payload.assignment.fromName ? ` (was ${payload.assignment.fromName})` : ''}`);
  if (except !== 'changes') for (const c of payload.changes) items.push(`${fieldName[c.field]}: ${show(c.field, c.from)} → ${show(c.field, c.to)}`);
  if (items.length === 0) return null;
  return (
    <>
      {items.map((item) => (
        <Text key={item} style={{ color: '#374151', fontSize: '14px', margin: '4px 0' }}>
          • {item}
        </Text>
      ))}
    </>
  );
}

export function ChangeList({ payload }: { payload: EmailPayload }) {
  return (
    <>
      {payload.changes.map((c) => (
        <Text key={c.field} style={{ color: '#374151', fontSize: '14px', margin: '4px 0' }}>
          • {fieldName[c.field]}: {show(c.field, c.from)} → {show(c.field, c.to)}
        </Text>
      ))}
    </>
  );
}
