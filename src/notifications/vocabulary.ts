// The words every part of the project speaks in: which events can send an
// email, and which languages an email can be written in. Configuration
// switches events on and off and picks a default language, but the lists
// themselves belong to the notifications.

/** Languages the templates and subjects are written in; English is the fallback for any missing text. */
export const locales = ['en', 'de'] as const;
export type Locale = (typeof locales)[number];

export const notificationEvents = [
  'ticket_created',
  'ticket_assigned',
  'status_changed',
  'ticket_resolved',
  'ticket_closed',
  'comment_added',
  'ticket_updated',
  'ticket_overdue',
] as const;
export type NotificationEvent = (typeof notificationEvents)[number];
