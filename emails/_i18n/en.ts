// English: the source language. Every key lives here first; other languages
// translate what they can and fall back to this text for the rest.
// Placeholders in braces ({name}) are filled in by t().
export const en = {
  viewTicket: 'View ticket #{id}',
} as const;

export type MessageKey = keyof typeof en;
