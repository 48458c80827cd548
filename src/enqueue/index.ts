export { planOutboxRows, type TicketEvents, type EnqueueOptions } from './plan-outbox-rows';
export { queueOverdue, utcDay } from './queue-overdue';
