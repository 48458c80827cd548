import type { EmailPayload } from '../../src/notifications';
import { defaultBrand, type TicketEmailProps } from './email-context';

/** Realistic props for the preview server and the template tests. */
export function previewProps(overrides: Partial<EmailPayload> = {}): TicketEmailProps {
  const payload: EmailPayload = {
    event: 'ticket_created',
    audience: 'customer',
    recipient: { name: 'Marie Curie', reason: 'customer' },
    ticket: {
      id: 42,
      subject: 'Printer on fire — the one on the third floor keeps printing blank pages and now smells of smoke',
      description: 'Since this morning the printer prints blank pages.\n\nAt 10:40 it started to smell of smoke. We unplugged it.',
      status: 'open',
      priority: 'urgent',
      dueDate: '2026-12-01T00:00:00.000Z',
      customerName: 'Marie Curie',
      assigneeName: 'Grace Hopper',
    },
    actorName: 'Ada Lovelace',
    created: false,
    status: null,
    assignment: null,
    changes: [],
    comments: [],
    overdue: null,
    ...overrides,
  };
  return { payload, siteUrl: 'https://helpdesk.example.com', brand: defaultBrand };
}
