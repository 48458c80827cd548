// Preloaded by `npm run email:dev`. React Email's `email dev` (5.2.11) calls
// server.listen(port) with no address and has no option for one, so Node would
// listen on every interface and show the templates' preview data to the whole
// network. Here a listen without an address takes the loopback one instead;
// a listen that names its address is left alone.
// EMAIL_DEV_HOST chooses another address (an IP address, e.g. 0.0.0.0 for every interface).
const net = require('node:net');

const LOOPBACK = process.env.EMAIL_DEV_HOST || '127.0.0.1';
if (!net.isIP(LOOPBACK)) {
  console.error(`error: EMAIL_DEV_HOST (${JSON.stringify(LOOPBACK)}) must be an IP address, e.g. 127.0.0.1 or 0.0.0.0`);
  process.exit(1);
}
const listen = net.Server.prototype.listen;

net.Server.prototype.listen = function listenOnLoopback(...args) {
  const [first, second] = args;
  const isPort = typeof first === 'number' || (typeof first === 'string' && /^\d+$/.test(first));
  if (isPort && typeof second !== 'string') return listen.call(this, first, LOOPBACK, ...args.slice(1));
  if (first === undefined || typeof first === 'function') return listen.call(this, 0, LOOPBACK, ...args);
  const isOptions = first !== null && typeof first === 'object' && !(first instanceof net.Server) && !('_handle' in first) && !('fd' in first);
  if (isOptions && first.path === undefined && first.host === undefined) return listen.call(this, { ...first, host: LOOPBACK }, ...args.slice(1));
  return listen.apply(this, args);
};
