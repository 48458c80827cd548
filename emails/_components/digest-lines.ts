import type { DetailField, DigestEntry, DigestTicket, Locale } from '../../src/notifications';
import { t, type MessageKey } from '../_i18n';
import { eventTitle, formatDate, priorityName, statusName } from './email-context';

/** "5 updates on 3 tickets", in the reader's language, singular where it is one. */
export function digestCounts(locale: Locale | undefined, updates: number, tickets: number): { updates: string; tickets: string } {
  return {
    updates: t(locale, updates === 1 ? 'digestUpdatesOne' : 'digestUpdatesMany', { count: updates }),
    tickets: t(locale, tickets === 1 ? 'digestTicketsOne' : 'digestTicketsMany', { count: tickets }),
  };
}

const FIELD_KEY = {
  subject: 'fieldSubject',
  description: 'fieldDescription',
  priority: 'fieldPriority',
  dueDate: 'fieldDueDate',
} as const satisfies Record<DetailField, MessageKey>;

/** "14:05 UTC · Status changed, by Bob": when and what. Times are UTC, like the run's day. */
export function entryTitle(locale: Locale | undefined, entry: DigestEntry): string {
  const title = eventTitle(locale, entry.event, entry.comments);
  const time = `${entry.at.slice(11, 16)} UTC`;
  return entry.actorName ? t(locale, 'digestEntryBy', { time, title, actor: entry.actorName }) : t(locale, 'digestEntry', { time, title });
}

function fieldValue(locale: Locale | undefined, field: DetailField, v: string | null): string {
  if (v === null) return t(locale, 'changedValueNone');
  if (field === 'priority') return priorityName(locale, v);
  if (field === 'dueDate') return formatDate(v, locale ?? 'en');
  return v;
}

/** What changed, one line each: status, assignment, fields, overdue. Comments are shown apart. */
export function changeLines(locale: Locale | undefined, entry: DigestEntry): string[] {
  const lines: string[] = [];
  if (entry.status) lines.push(t(locale, 'changeStatus', { from: statusName(locale, entry.status.from), to: statusName(locale, entry.status.to) }));
  if (entry.assignment) {
    const { toName, fromName } = entry.assignment;
    lines.push(fromName ? t(locale, 'changeAssignedWas', { to: toName, from: fromName }) : t(locale, 'changeAssigned', { to: toName }));
  }
  for (const c of entry.changes) {
    const field = t(locale, FIELD_KEY[c.field]);
    // A description can be long: the ticket page has it.
    lines.push(
      c.field === 'description'
        ? t(locale, 'digestFieldChanged', { field })
        : t(locale, 'changeField', { field, from: fieldValue(locale, c.field, c.from), to: fieldValue(locale, c.field, c.to) }),
    );
  }
  if (entry.overdue) lines.push(t(locale, 'digestOverdue', { due: formatDate(entry.overdue.dueDate, locale ?? 'en') }));
  return lines;
}

/** "Open · High · Ada Agent": the ticket as its latest email saw it. */
export function ticketLine(locale: Locale | undefined, ticket: DigestTicket): string {
  return [
    `${t(locale, 'factStatus')}: ${statusName(locale, ticket.status)}`,
    ...(ticket.priority === null ? [] : [`${t(locale, 'factPriority')}: ${priorityName(locale, ticket.priority)}`]),
    `${t(locale, 'factAssignedTo')}: ${ticket.assigneeName ?? t(locale, 'notAssignedYet')}`,
  ].join(' · ');
}
