import type { EmailPayload } from '../../src/notifications';

export interface Brand {
  name: string;
  color: string;
  logoUrl?: string;
  footer?: string;
}

/** What every template receives: the snapshot from the outbox row, and where links point. */
export interface TicketEmailProps {
  payload: EmailPayload;
  siteUrl: string;
  brand: Brand;
}

export const defaultBrand: Brand = { name: 'Helpdesk', color: '#2563eb' };

export const ticketUrl = (siteUrl: string, id: number) => `${siteUrl.replace(/\/+$/, '')}/tickets/${id}`;

export const statusLabel: Record<string, string> = {
  new: 'New',
  open: 'Open',
  in_progress: 'In progress',
  pending: 'Pending',
  resolved: 'Resolved',
  closed: 'Closed',
};

export const priorityLabel: Record<string, string> = { low: 'Low', medium: 'Medium', high: 'High', urgent: 'Urgent' };

export function formatDate(iso: string | null): string {
  if (!iso) return 'None';
  return new Date(iso).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
}

export function reasonLine(payload: EmailPayload): string {
  const n = `#${payload.ticket.id}`;
  switch (payload.recipient.reason) {
    case 'customer':
      return `You receive this because ticket ${n} was opened for you.`;
    case 'assignee':
      return `You receive this because you are assigned to ticket ${n}.`;
    case 'creator':
      return `You receive this because you created ticket ${n}.`;
    case 'participant':
      return `You receive this because you took part in the internal discussion of ticket ${n}.`;
  }
}
