export { planOutboxRows, type EnqueueOptions, type OutboxPlan, type NotifierDb } from './plan-outbox-rows';
export type { TicketEvents } from '../events';
export { planChanges, changePlanner, changesToPlan } from './plan-changes';
export { writePlan, writeMissing } from './write-plan';
export type { KnownPeople } from './load-people';

export { queueOverdue, utcDay } from './queue-overdue';
