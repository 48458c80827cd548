import pino, { type Logger } from 'pino';

export type { Logger };

/**
 * The project's logger, named `ticketing.emails` like the reference module's.
 * Credentials never reach it: the redact paths cover every place a password
 * or token could appear in what we log.
 */
export function createLogger(level = 'info', destination?: pino.DestinationStream): Logger {
  return pino(
    {
      name: 'ticketing.emails',
      level,
      redact: { paths: ['password', '*.password', '*.pass', 'auth', '*.auth', 'smtp.password'], censor: '***' },
    },
    destination ?? pino.destination(2),
  );
}
