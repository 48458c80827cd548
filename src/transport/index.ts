export { createTransport } from './create-transport';
export { closeTransport } from './close-transport';
export { checkConnection, describeCheck, explain, type ConnectionCheck } from './check-connection';
export { isPermanentFailure, describeFailure } from './classify-error';
export { smtpOptions } from './smtp-options';
export type { MailTransport, OutgoingMessage } from './mail-transport';
