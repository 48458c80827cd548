export { Dispatcher, type DispatcherOptions, type DrainResult } from './dispatcher';
export { nextRetryDelay } from './backoff';
export { threadHeaders } from './thread-headers';
