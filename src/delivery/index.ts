export { Dispatcher, type DispatcherOptions, type DrainResult } from './dispatcher';
export { nextRetryDelay } from './backoff';
export { rateLimiter } from './rate-limiter';
export { threadHeaders } from './thread-headers';
