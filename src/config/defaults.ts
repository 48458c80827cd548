/** The embedded default: a SQLite file in the git-ignored data/ folder. */
export const DEFAULT_DATABASE_URL = 'file:./data/helpdesk.db';
