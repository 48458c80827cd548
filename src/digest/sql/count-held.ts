/** Rows waiting for a digest, for the command's summary. */
export function countHeld(db: any): Promise<number> {
  return db.emailOutbox.count({ where: { status: 'held' } });
}
