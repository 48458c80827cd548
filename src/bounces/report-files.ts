import { constants, copyFileSync, linkSync, readdirSync, statSync, unlinkSync, type Stats } from 'node:fs';
import { basename, extname, join } from 'node:path';

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

/** `report.eml` → `report-2.eml`; names without the extension (Maildir's) get the number at the end. */
const numbered = (name: string, n: number) => (isEml(name) ? `${name.slice(0, -4)}-${n}${name.slice(-4)}` : `${name}-${n}`);

// Files from two Maildirs can share a name; past this many, something is wrong.
const MAX_NAME_TRIES = 1000;

/**
 * Moves a file into a folder under its own name, or under a numbered one when
 * that is taken: a file already there is never replaced. Returns where it went.
 * A hard link claims the name atomically (renameSync would overwrite); across
 * file systems the file is copied, with the same refusal to overwrite.
 */
export function moveInto(file: string, folder: string): string {
  const name = basename(file);
  for (let n = 1; n <= MAX_NAME_TRIES; n++) {
    const target = join(folder, n === 1 ? name : numbered(name, n));
    try {
      try {
        linkSync(file, target);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code !== 'EXDEV' && code !== 'EPERM' && code !== 'ENOTSUP') throw error;
        copyFileSync(file, target, constants.COPYFILE_EXCL);
      }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') continue;
      throw error;
    }
    unlinkSync(file);
    return target;
  }
  throw new ReportPathError(file, `cannot be moved: ${MAX_NAME_TRIES} files of that name are already in ${folder}`);
}
