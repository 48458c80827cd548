export { loadConfig, ConfigError, type LoadOptions } from './load-config';
export { linkWarnings, publicUrlProblem } from './public-links';
export { secretKeyProblem } from './secret-key';
export { loadEnvFile } from './load-env-file';
export { maskUrl } from './mask-url';
export type { Config, EmailBackend, SmtpSettings } from './config';
export { signature, sameSignature, type SignaturePurpose } from './signature';
