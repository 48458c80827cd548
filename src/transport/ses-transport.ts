import type { Logger } from '../logging';

/**
 * Amazon SES through Nodemailer's SES transport. The AWS SDK is optional:
 * install @aws-sdk/client-sesv2 to use it. Credentials come from the usual
 * AWS environment or instance role.
 */
export function sesTransportOptions(region: string | undefined, logger: Logger) {
  let sdk: any;
  try {
    sdk = require('@aws-sdk/client-sesv2');
  } catch {
    throw new Error('EMAIL_BACKEND=ses needs the AWS SDK: run `npm install @aws-sdk/client-sesv2`');
  }
  logger.debug({ region }, 'using Amazon SES');
  return { SES: { sesClient: new sdk.SESv2Client(region ? { region } : {}), SendEmailCommand: sdk.SendEmailCommand } };
}
