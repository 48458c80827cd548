import type { ComponentType } from 'react';
import type { NotificationEvent } from '../src/notifications';
import type { TicketEmailProps } from './_components/email-context';
import CommentAdded from './comment-added';
import StatusChanged from './status-changed';
import TicketAssigned from './ticket-assigned';
import TicketClosed from './ticket-closed';
import TicketCreated from './ticket-created';
import TicketOverdue from './ticket-overdue';
import TicketResolved from './ticket-resolved';
import TicketUpdated from './ticket-updated';

export type TemplateSet = Record<NotificationEvent, ComponentType<TicketEmailProps>>;

/** One template per event. An app can replace any of them (see README, "Templates"). */
export const templates: TemplateSet = {
  ticket_created: TicketCreated,
  ticket_assigned: TicketAssigned,
  status_changed: StatusChanged,
  ticket_resolved: TicketResolved,
  ticket_closed: TicketClosed,
  comment_added: CommentAdded,
  ticket_updated: TicketUpdated,
  ticket_overdue: TicketOverdue,
};

export { defaultBrand, type Brand, type TicketEmailProps } from './_components/email-context';
