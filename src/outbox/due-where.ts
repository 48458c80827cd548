/** Rows a sender may take at `now`. */
export const dueWhere = (now: Date) => ({
  OR: [
    { status: 'pending' as const, nextAttemptAt: { lte: now } },
    // A sender that died mid-send leaves rows `sending`; when its lease runs out they are due again.
    { status: 'sending' as const, lockedUntil: { lt: now } },
  ],
});
