export { sendDigests, type DigestOptions, type DigestRun, type DigestRunOptions, type QueuedDigest } from './send-digests';
export { buildDigestPayload, groupByTicket, entryOf, digestKey, type HeldRow } from './build-digest';
export { excerpt } from './excerpt';
export { countHeld } from './sql/count-held';
