export { planOutboxRows, type TicketEvents, type EnqueueOptions } from './plan-outbox-rows';
export type { KnownPeople } from './load-people';
export { queueOverdue, utcDay } from './queue-overdue';
