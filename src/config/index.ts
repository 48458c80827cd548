export { loadConfig, ConfigError } from './load-config';
export { loadEnvFile } from './load-env-file';
export { maskUrl } from './mask-url';
export { notificationEvents, locales, type NotificationEvent, type Locale } from './env-schema';
export type { Config, EmailBackend, SmtpSettings } from './config';
