export * from './types';
export { diffTicket, detailChanges } from './diff-ticket';
export { intendedRecipients, isActor, actorOf } from './recipients';
export { planEmails, RECORDED_SKIPS, type PlannedEmail, type PlanOptions, type SkippedRecipient, type SkipReason } from './plan-emails';
export { isMandatory, unsubscribeScope } from './preferences';
export { resolveLocale } from './locale';
export { buildPayload, type EmailPayload } from './email-payload';
export { DIGEST_EVENT, isDigestPayload, type DigestPayload, type DigestEntry, type DigestTicket, type OutboxPayload } from './digest-payload';
export { isDeliverableAddress, addressKey } from './email-address';
