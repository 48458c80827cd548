export { BullmqDelivery, type BullmqDeliveryOptions } from './bullmq-delivery';
export { OutboxRelay, RedisUnavailableError, relayRoundsSettled } from './outbox-relay';
export { createEmailWorker, type EmailWorkerOptions } from './email-worker';
export { sendEmailJob, type SendEmailJobOptions } from './send-email-job';
export { registerOverdueSchedule, createOverdueWorker } from './overdue-schedule';
export { createProducerConnection, workerConnectionOptions } from './connection';
export { outboxBackoff, RetryLater } from './backoff';
export { emailJobOptions, type EmailJobData, type EmailJobResult } from './email-job';
export { EMAIL_QUEUE, OVERDUE_QUEUE, OVERDUE_SCHEDULER_ID, jobIdOf } from './names';
