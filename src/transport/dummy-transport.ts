/** Accepts every message and sends nothing, like Django's dummy backend. */
export function dummyTransport() {
  return {
    name: 'dummy',
    version: '1.0.0',
    send(mail: any, callback: (err: Error | null, info?: any) => void) {
      callback(null, { messageId: mail.message.messageId(), envelope: mail.message.getEnvelope(), response: 'dropped' });
    },
  };
}
