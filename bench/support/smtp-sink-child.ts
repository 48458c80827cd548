import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { clock, type SinkCounts, type SinkReply, type SinkRequest } from './smtp-sink';

// The SMTP sink's own process (see smtp-sink.ts): accepts everything, keeps
// a count and the times of the first and last message, answers over IPC.

let counts: SinkCounts = { accepted: 0, firstAt: 0, lastAt: 0 };
let waiting: { id: number; count: number }[] = [];

const reply = (message: SinkReply) => process.send?.(message);

function answerWaiting(): void {
  if (!waiting.some((w) => counts.accepted >= w.count)) return;
  for (const w of waiting) if (counts.accepted >= w.count) reply({ id: w.id, counts });
  waiting = waiting.filter((w) => counts.accepted < w.count);
}

const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  logger: false,
  closeTimeout: 50,
  // No DNS: the figures are about the senders, not the resolver.
  disableReverseLookup: true,
  onData: (stream, _session, callback) => {
    stream.on('data', () => undefined);
    stream.on('end', () => {
      const now = clock();
      if (counts.accepted++ === 0) counts.firstAt = now;
      counts.lastAt = now;
      callback();
      answerWaiting();
    });
  },
});

process.on('message', (request: SinkRequest) => {
  switch (request.type) {
    case 'reset':
      counts = { accepted: 0, firstAt: 0, lastAt: 0 };
      reply({ id: request.id, counts });
      break;
    case 'read':
      reply({ id: request.id, counts });
      break;
    case 'wait':
      waiting.push({ id: request.id, count: request.count });
      answerWaiting();
      break;
  }
});

// The bench went away (finished, or killed): nothing is left to count for.
process.on('disconnect', () => server.close(() => process.exit(0)));

server.listen(0, '127.0.0.1', () => {
  // A sender stopped mid-session resets its socket; smtp-server re-emits that
  // on the server, and an unheard 'error' would end this process.
  server.on('error', () => undefined);
  reply({ id: 0, port: (server.server.address() as AddressInfo).port });
});
