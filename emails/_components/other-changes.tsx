import { Text } from '@react-email/text';
import type { DetailField, EmailPayload, Locale } from '../../src/notifications';
import { t, type MessageKey } from '../_i18n';
import { formatDate, priorityName, statusName } from './email-context';

const FIELD_KEY = {
  subject: 'fieldSubject',
  description: 'fieldDescription',
  priority: 'fieldPriority',
  dueDate: 'fieldDueDate',
} as const satisfies Record<DetailField, MessageKey>;

function show(field: DetailField, v: string | null, locale: Locale | undefined): string {
  if (v === null) return t(locale, 'changedValueNone');
  if (field === 'priority') return priorityName(locale, v);
  if (field === 'dueDate') return formatDate(v, locale);
  if (field === 'description') return v.length > 200 ? `${v.slice(0, 200)}…` : v;
  return v;
}

/** One line per changed detail field: "Priority: High → Urgent". */
function changeLine(c: EmailPayload['changes'][number], locale: Locale | undefined): string {
  return t(locale, 'changeField', { field: t(locale, FIELD_KEY[c.field]), from: show(c.field, c.from, locale), to: show(c.field, c.to, locale) });
}

/** Everything else this write changed, so one email tells the whole story. */
export function OtherChanges({ payload, except }: { payload: EmailPayload; except: string }) {
  const locale = payload.locale;
  const items: string[] = [];
  if (payload.status && except !== 'status')
    items.push(t(locale, 'changeStatus', { from: statusName(locale, payload.status.from), to: statusName(locale, payload.status.to) }));
  if (payload.assignment && except !== 'assignment') {
    const { toName, fromName } = payload.assignment;
    items.push(fromName ? t(locale, 'changeAssignedWas', { to: toName, from: fromName }) : t(locale, 'changeAssigned', { to: toName }));
  }
  if (except !== 'changes') for (const c of payload.changes) items.push(changeLine(c, locale));
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
          • {changeLine(c, payload.locale)}
        </Text>
      ))}
    </>
  );
}
