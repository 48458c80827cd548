export { planOutboxRows, type TicketEvents, type EnqueueOptions, type OutboxPlan } from './plan-outbox-rows';
export { writePlan, writeMissing } from './write-plan';
export type { KnownPeople } from './load-people';

export { queueOverdue, utcDay } from './queue-overdue';
