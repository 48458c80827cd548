export type { OutboxDb } from './outbox-db';
export { newOutboxRow, messageIdDomain, type NewOutboxRow } from './new-outbox-row';
export { insertRows } from './insert-rows';
export { insertMissingRows } from './insert-missing-rows';
export { claimDueRows } from './claim-due-rows';
export { markSent, markRetry, markFailed } from './record-outcome';
export { countByStatus, countDue, type OutboxCounts } from './count-by-status';
export { threadRootId } from './message-ids';
