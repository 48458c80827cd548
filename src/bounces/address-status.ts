import type { BounceKind } from './bounce-kind';

export interface AddressCounts {
  bouncing: boolean;
  hardBounces: number;
  softBounces: number;
}

/**
 * An address's counters after one more bounce. Only hard bounces make it
 * bouncing, once there are `hardLimit` of them since it was last cleared;
 * soft ones (a full mailbox, a delay) are counted for the record and never
 * stop mail on their own. Bouncing stays until someone clears it.
 */
export function afterBounce(before: AddressCounts | null, kind: BounceKind, hardLimit: number): AddressCounts {
  const hardBounces = (before?.hardBounces ?? 0) + (kind === 'hard' ? 1 : 0);
  const softBounces = (before?.softBounces ?? 0) + (kind === 'soft' ? 1 : 0);
  return { hardBounces, softBounces, bouncing: (before?.bouncing ?? false) || hardBounces >= hardLimit };
}
