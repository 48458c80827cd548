import type { BullmqDelivery, BullmqDeliveryOptions } from './bullmq-delivery';

/**
 * bullmq and ioredis take a noticeable time to load, and only this mode uses
 * them: the notifier requires them here, when DELIVERY=bullmq, rather than at
 * start-up in every process.
 */
export function createBullmqDelivery(options: BullmqDeliveryOptions): BullmqDelivery {
  const { BullmqDelivery: Delivery } = require('./bullmq-delivery') as typeof import('./bullmq-delivery');
  return new Delivery(options);
}
