import { readdirSync, statSync, type Stats } from 'node:fs';
import { extname, join } from 'node:path';

export class ReportPathError extends Error {
  constructor(readonly path: string, problem: string) {
    super(`${path}: ${problem}`);
    this.name = 'ReportPathError';
  }
}

const statOf = (path: string): Stats | null => {
  try {
    return statSync(path);
  } catch {
    return null;
  }
};

const filesIn = (dir: string, keep: (name: string) => boolean) =>
  readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isFile() && !e.name.startsWith('.') && keep(e.name))
    .map((e) => join(dir, e.name))
    .sort();

const isEml = (name: string) => extname(name).toLowerCase() === '.eml';

/**
 * The message files a path names: an .eml file; a folder's .eml files; or a
 * Maildir's messages (every file in cur/ and new/, which have no extension).
 * Any other path is an error naming it, before anything is read.
 */
export function reportFiles(path: string): string[] {
  const stat = statOf(path);
  if (stat === null) throw new ReportPathError(path, 'no such file or folder');
  if (stat.isFile()) {
    if (!isEml(path)) throw new ReportPathError(path, 'not an .eml file; expected a .eml file, a folder of .eml files or a Maildir');
    return [path];
  }
  if (!stat.isDirectory()) throw new ReportPathError(path, 'neither a file nor a folder');
  const maildir = ['cur', 'new'].map((d) => join(path, d)).filter((d) => statOf(d)?.isDirectory());
  if (maildir.length > 0) return maildir.flatMap((d) => filesIn(d, () => true));
  return filesIn(path, isEml);
}
