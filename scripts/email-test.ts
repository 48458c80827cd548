import { Command } from 'commander';
import { runCommand } from './command';
import { createLogger } from '../src/logging';
import { closeTransport, createTransport, explain } from '../src/transport';

const program = new Command('email:test')
  .description('Send one test email through the configured transport (EMAIL_BACKEND).')
  .requiredOption('--to <address>', 'who receives the test email')
  .parse();

void runCommand(async (config) => {
  const { to } = program.opts<{ to: string }>();
  const transport = createTransport(config, createLogger(config.logLevel));
  try {
    const info = await transport.sendMail({
      from: config.email.from,
      to,
      subject: 'Test email from the ticket notifier',
      text: `This is a test message sent through the ${config.email.backend} backend.\n\nTickets link to ${config.email.siteUrl}.`,
      html: `<p>This is a test message sent through the <b>${config.email.backend}</b> backend.</p><p>Tickets link to <a href="${config.email.siteUrl}">${config.email.siteUrl}</a>.</p>`,
    });
    console.log(`sent to ${to} (${info.messageId}): ${info.response ?? 'ok'}`);
  } catch (error) {
    console.error(`error: could not send: ${explain(error, `${config.email.smtp.host}:${config.email.smtp.port}`)}`);
    return 1;
  } finally {
    await closeTransport(transport);
  }
});
