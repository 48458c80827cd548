export { Dispatcher, SHUTDOWN_GRACE_MS, type DispatcherOptions, type DrainResult } from './dispatcher';
export { deliverRow, type DeliverRowOptions, type DeliveryOutcome } from './deliver-row';
export { nextRetryDelay } from './backoff';
export { rateLimiter } from './rate-limiter';
export { Rounds } from './rounds';
export { threadHeaders } from './thread-headers';
