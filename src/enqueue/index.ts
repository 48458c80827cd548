export { planOutboxRows, type TicketEvents, type EnqueueOptions } from './plan-outbox-rows';
