export { createLogger, type Logger } from './logger';
export { logSampler, type LogSampler } from './log-sampler';
