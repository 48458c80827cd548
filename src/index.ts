// The public face of the notifier.
export { createTicketNotifier, type TicketNotifier, type NotifierOptions } from './create-notifier';
export { RedisUnavailableError } from './bullmq/errors';
export { runAs, UnboundTransactionError, ticketNotifications, bindTransactions } from './capture';
export { loadConfig, loadEnvFile, ConfigError, type Config } from './config';
export { createPrismaClient, type AppPrismaClient } from './db';
export { DEFAULT_HOST_SCHEMA, HostSchemaError, type HostSchemaOptions, type StatusVocabulary } from './host-schema';
export { TicketEmailNotification } from './api';
export type { Actor, EmailPayload, EntityId, NotificationEvent, PreferenceScope } from './notifications';
export { PreferenceError, type PersonRef, type PreferenceView } from './preferences';
export { ingestReports, readReport, clearBouncing, listBouncing, type IngestSummary } from './bounces';
export { templates, type TemplateSet, type TicketEmailProps } from '../emails';
