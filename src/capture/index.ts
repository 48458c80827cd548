export { ticketNotifications, UnboundTransactionError, type CaptureOptions } from './notifier-extension';
export { bindTransactions } from './transaction-scope';
export { runAs, currentActor } from './actor-context';
export type { TicketChange } from './record-write';
