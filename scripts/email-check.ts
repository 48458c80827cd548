import { Command } from 'commander';
import { runCommand } from './command';
import { checkConnection } from '../src/transport';

new Command('email:check')
  .description('Connect to the configured mail server as the sender would, log in if EMAIL_HOST_USER is set, say QUIT, and report what happened or what failed: DNS, refused, TLS or auth.')
  .parse();

void runCommand(async (config) => {
  if (config.email.backend !== 'smtp') {
    console.log(`EMAIL_BACKEND=${config.email.backend}: no server to check (set EMAIL_BACKEND=smtp to check one)`);
    return 0;
  }
  const s = config.email.smtp;
  const where = s.service ? `${s.service} (well-known service)` : `${s.host}:${s.port}`;
  const result = await checkConnection(s, where);
  if (result.ok) console.log(`ok: ${result.message}`);
  else console.error(`error: ${result.message}`);
  return result.ok ? 0 : 1;
});
