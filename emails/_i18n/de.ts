import type { MessageKey } from './en';

// German. A key missing here falls back to English (a test lists any).
export const de: Partial<Record<MessageKey, string>> = {
  viewTicket: 'Ticket #{id} ansehen',
};
