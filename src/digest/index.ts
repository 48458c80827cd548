export { sendDigests, type DigestOptions, type DigestRun, type DigestRunOptions, type QueuedDigest } from './send-digests';
export { buildDigestPayload, groupByTicket, entryOf, digestKey } from './build-digest';
// The held rows and their count are the outbox's; named here too, as what a digest is built from.
export { countHeld, type HeldRow } from '../outbox';
export { excerpt } from './excerpt';
