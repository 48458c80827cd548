import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { root } from '../support/run-script';

const run = promisify(execFile);

// Each way of calling listen() without an address, and one with: the addresses they get.
const probe = `
const net = require('node:net');
const calls = [
  (s, cb) => s.listen(0, cb),
  (s, cb) => s.listen('0', cb),
  (s, cb) => s.listen(0, 511, cb),
  (s, cb) => s.listen({ port: 0 }, cb),
  (s, cb) => s.listen(cb),
  (s, cb) => s.listen(0, '::1', cb),
  (s, cb) => s.listen({ port: 0, host: '::1' }, cb),
];
(async () => {
  const out = [];
  for (const call of calls) {
    const s = net.createServer();
    await new Promise((resolve) => call(s, resolve));
    out.push(s.address().address);
    await new Promise((resolve) => s.close(resolve));
  }
  console.log(JSON.stringify(out));
})();
`;

it('the preload of npm run email:dev gives a listener without an address the loopback one, and leaves a named one alone', async () => {
  const { stdout } = await run(process.execPath, ['--require', join(root, 'scripts', 'listen-on-loopback.cjs'), '-e', probe]);
  expect(JSON.parse(stdout)).toEqual(['127.0.0.1', '127.0.0.1', '127.0.0.1', '127.0.0.1', '127.0.0.1', '::1', '::1']);
});

it('EMAIL_DEV_HOST chooses the address instead; a value that is no IP address stops it with one line', async () => {
  const preload = ['--require', join(root, 'scripts', 'listen-on-loopback.cjs'), '-e', probe];
  const { stdout } = await run(process.execPath, preload, { env: { ...process.env, EMAIL_DEV_HOST: '0.0.0.0' } });
  expect(JSON.parse(stdout)).toEqual(['0.0.0.0', '0.0.0.0', '0.0.0.0', '0.0.0.0', '0.0.0.0', '::1', '::1']);
  const refused = await run(process.execPath, preload, { env: { ...process.env, EMAIL_DEV_HOST: 'everywhere' } }).catch((e) => e);
  expect(refused.code).toBe(1);
  expect(refused.stderr).toBe('error: EMAIL_DEV_HOST ("everywhere") must be an IP address, e.g. 127.0.0.1 or 0.0.0.0\n');
});
