export type { OutboxDb, RawDb } from './outbox-db';
export {
  newOutboxRow,
  messageIdDomain,
  insertRows,
  insertMissingRows,
  insertSkips,
  threadRootId,
  legacyThreadRootId,
  newMessageId,
  installationKeyReader,
  type NewOutboxRow,
  type NewSkip,
} from './write';
export { claimDueRows, claimHeldRows, releaseRows, renewLease, countDue, type ClaimOptions } from './claim';
export { markSent, markRetry, markFailed, groupedSentMarks, requeueRows, recentProblems, countByStatus, type OutboxCounts } from './outcome';
export {
  countHeld,
  listHeldPeople,
  readHeldRows,
  insertDigestRow,
  markDigested,
  type HeldPerson,
  type HeldRow,
  type NewDigestRow,
} from './held';
