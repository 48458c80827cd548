export { parseDeliveryStatus, parseFieldBlock, addressOf, statusCodeOf, type DeliveryStatus, type DsnRecipient } from './delivery-status';
export { bounceKind, type BounceKind } from './bounce-kind';
export { afterBounce, type AddressCounts } from './address-status';
export { readReport, type Bounce, type ReadReport } from './read-report';
export { recordReport, type RecordedReport } from './record-report';
export { reportFiles, ReportPathError } from './report-files';
export { ingestReports, type IngestOptions, type IngestSummary } from './ingest-reports';
export { listBouncing, clearBouncing } from './address-list';
export { bouncingReason, bouncingReasons, type AddressStatusDb } from './bouncing-reason';
