import nodemailer from 'nodemailer';
import { join } from 'node:path';
import type { Config } from '../config';
import type { Logger } from '../logging';
import { consoleTransport } from './console-transport';
import { dummyTransport } from './dummy-transport';
import { fileTransport } from './file-transport';
import type { MailTransport } from './mail-transport';
import { sesTransportOptions } from './ses-transport';
import { smtpOptions } from './smtp-options';

/** The transport EMAIL_BACKEND asks for. */
export function createTransport(config: Config, logger: Logger): MailTransport {
  const { email } = config;
  switch (email.backend) {
    case 'console':
      return nodemailer.createTransport(consoleTransport({ htmlDir: join(email.filePath, 'html') }) as any);
    case 'dummy':
      return nodemailer.createTransport(dummyTransport() as any);
    case 'file':
      return nodemailer.createTransport(fileTransport({ dir: email.filePath }) as any);
    case 'ses':
      return nodemailer.createTransport(sesTransportOptions(email.awsRegion, logger) as any);
    case 'smtp':
      return nodemailer.createTransport(smtpOptions(email.smtp) as any);
  }
}
