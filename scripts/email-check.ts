import { Command } from 'commander';
import { runCommand } from './command';
import { createLogger } from '../src/logging';
import { checkConnection, createTransport } from '../src/transport';

new Command('email:check')
  .description('Open and close a connection to the configured mail server and say what failed: DNS, refused, TLS or auth.')
  .parse();

void runCommand(async (config) => {
  if (config.email.backend !== 'smtp') {
    console.log(`EMAIL_BACKEND=${config.email.backend}: no server to check (set EMAIL_BACKEND=smtp to check one)`);
    return 0;
  }
  const s = config.email.smtp;
  const where = s.service ? `${s.service} (well-known service)` : `${s.host}:${s.port}`;
  const transport = createTransport(config, createLogger(config.logLevel));
  try {
    const result = await checkConnection(transport, where);
    if (result.ok) console.log(`ok: ${result.message}`);
    else console.error(`error: ${result.message}`);
    return result.ok ? 0 : 1;
  } finally {
    transport.close();
  }
});
