import { connect } from 'node:net';

/** Whether something accepts TCP connections at host:port. */
export function accepts(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port }, () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/**
 * Whether a listener on this port is on loopback only. On Linux all of 127/8
 * reaches this machine, so a listener on every interface (0.0.0.0) answers at
 * 127.0.0.2 as well; one on 127.0.0.1 does not.
 */
export async function loopbackOnly(port: number): Promise<boolean> {
  return (await accepts('127.0.0.1', port)) && !(await accepts('127.0.0.2', port));
}
