import { constants, existsSync, type Stats } from 'node:fs';
import { open, readlink, realpath, stat, type FileHandle } from 'node:fs/promises';
import { isAbsolute, relative, resolve, sep } from 'node:path';

/** A comment's file as the sender found it. `content` is read only when `size` is within the room it was given. */
export type AttachmentFile =
  | { found: 'missing' }
  | { found: 'refused'; reason: string }
  | { found: 'file'; size: number; content: Buffer | null };

// O_NOFOLLOW: the last part of the checked real path must not have become a
// link since; O_NONBLOCK: a FIFO put in a regular file's place after the
// check cannot hang the sender on open; O_NOCTTY: nor can a terminal become
// the process's. Each is 0 where the OS has none.
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0) | (constants.O_NOCTTY ?? 0);

// Large enough that a 5 MB file takes five reads, small enough that a lying size costs little.
const CHUNK_BYTES = 1024 * 1024;

/** True when `path` is `root` or below it; both absolute and already resolved. Pure. */
export function isWithin(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
}

const codeOf = (error: unknown) => (error as NodeJS.ErrnoException)?.code ?? 'unknown error';
const gone = (error: unknown) => ['ENOENT', 'ENOTDIR'].includes(codeOf(error));

/**
 * Reads the file a comment's `stored` path names, from inside `root` only.
 * A relative path is taken from the root, not from the working directory.
 * The real path (all links followed) must lie inside the root's real path,
 * and be a regular file: devices, FIFOs and directories are refused without
 * being opened. The file is then opened once, and what is read is that
 * handle, once it is known to hold a file inside the root (opensWithin), so
 * a link or folder swapped between the check and the open cannot bring in a
 * file from elsewhere.
 *
 * At most `room + 1` bytes are read, whatever the file system says its size
 * is (files under /proc report 0): a file with more than `room` bytes comes
 * back without content. The caller attaches exactly the bytes returned.
 */
export async function readAttachmentFile(root: string, stored: string, room: number): Promise<AttachmentFile> {
  let realRoot: string;
  try {
    realRoot = await realpath(root);
  } catch (error) {
    return { found: 'refused', reason: `the attachment root ${root} cannot be read (${codeOf(error)})` };
  }
  const named = resolve(root, stored);
  let real: string;
  try {
    real = await realpath(named);
  } catch (error) {
    // A NUL byte or similar in the stored path throws before the disk is asked.
    return gone(error) ? { found: 'missing' } : { found: 'refused', reason: `cannot be resolved (${codeOf(error)})` };
  }
  if (!isWithin(realRoot, real)) return { found: 'refused', reason: 'outside the attachment root' };
  try {
    if (!(await stat(real)).isFile()) return { found: 'refused', reason: 'not a regular file' };
  } catch (error) {
    return gone(error) ? { found: 'missing' } : { found: 'refused', reason: `cannot be read (${codeOf(error)})` };
  }
  let handle: FileHandle;
  try {
    handle = await open(real, OPEN_FLAGS);
  } catch (error) {
    return gone(error) ? { found: 'missing' } : { found: 'refused', reason: `cannot be opened (${codeOf(error)})` };
  }
  try {
    const held = await handle.stat();
    if (!held.isFile()) return { found: 'refused', reason: 'not a regular file' };
    if (!(await opensWithin(realRoot, named, handle, held))) return { found: 'refused', reason: 'changed while it was being opened' };
    if (held.size > room) return { found: 'file', size: held.size, content: null };
    const content = await readAtMost(handle, room + 1);
    // More bytes than the size said: a growing file, or one that reports none (/proc). Not attached;
    // the size shown with its link is then the bytes seen, a lower bound.
    if (content.length > room) return { found: 'file', size: content.length, content: null };
    return { found: 'file', size: content.length, content };
  } catch (error) {
    return { found: 'refused', reason: `cannot be read (${codeOf(error)})` };
  } finally {
    await handle.close();
  }
}

// Linux names each open file under /proc/self/fd: asking it where the handle's file is cannot race.
const KERNEL_KNOWS_PATHS = existsSync('/proc/self/fd');

/**
 * Whether the file `handle` holds lies inside the root now. On Linux the
 * kernel's own path of the handle decides. Elsewhere, a path inside the root
 * must lead to the same device and inode: this catches a swap made before the
 * open, though not one toggled back and forth between these two look-ups.
 */
async function opensWithin(realRoot: string, named: string, handle: FileHandle, held: Stats): Promise<boolean> {
  if (KERNEL_KNOWS_PATHS) {
    const where = await readlink(`/proc/self/fd/${handle.fd}`).catch(() => null);
    return where !== null && isWithin(realRoot, where);
  }
  const now = await realpath(named).catch(() => null);
  const there = now !== null && isWithin(realRoot, now) ? await stat(now).catch(() => null) : null;
  return there !== null && there.dev === held.dev && there.ino === held.ino;
}

async function readAtMost(handle: FileHandle, max: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  while (total < max) {
    const buffer = Buffer.alloc(Math.min(max - total, CHUNK_BYTES));
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, null);
    if (bytesRead === 0) break;
    chunks.push(buffer.subarray(0, bytesRead));
    total += bytesRead;
  }
  return Buffer.concat(chunks, total);
}
