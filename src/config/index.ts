export { loadConfig, ConfigError } from './load-config';
export { loadEnvFile } from './load-env-file';
export { notificationEvents, locales, type NotificationEvent, type Locale } from './env-schema';
export type { Config, EmailBackend, SmtpSettings } from './config';
export { signature, sameSignature, type SignaturePurpose } from './signature';
