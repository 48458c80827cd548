import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

export const root = join(__dirname, '..', '..');
// `node --import tsx` runs the script in this one process; the tsx CLI would start a child, and a signal
// sent to the CLI (SIGKILL above all) would not reach the command itself.
const node = (script: string, args: string[]) => [process.execPath, ['--import', 'tsx', join(root, 'scripts', script), ...args]] as const;

/** Runs one of the project's commands as a user would, and collects what it printed. */
export function runScript(script: string, args: string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const [cmd, argv] = node(script, args);
    execFile(cmd, argv, { cwd: root, env: { ...process.env, ...env }, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      resolve({ code: error ? ((error as any).code ?? 1) : 0, stdout, stderr });
    });
  });
}

/** Starts a long-running command; the caller stops it. */
export function startScript(script: string, args: string[], env: Record<string, string>): ChildProcess & { output: () => string } {
  const [cmd, argv] = node(script, args);
  const child = spawn(cmd, argv, { cwd: root, env: { ...process.env, ...env } });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  return Object.assign(child, { output: () => out });
}

export function exitOf(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve({ code: child.exitCode, signal: null });
    child.once('exit', (code, signal) => resolve({ code, signal }));
  });
}
