// The demo is read by people, not by log collectors: its log records are
// printed as `warning: message (key=value, …)` instead of pino's JSON lines.

const LABELS: Record<number, string> = { 10: 'trace', 20: 'debug', 30: 'info', 40: 'warning', 50: 'error', 60: 'fatal' };
// pino's own fields; the rest are what the code logged.
const PINO_FIELDS = new Set(['level', 'time', 'pid', 'hostname', 'name', 'msg']);

function shown(value: unknown): string {
  if (typeof value === 'string') return value;
  // An error (pino's `err`) reads best as its message; its stack is for the JSON logs.
  if (value && typeof value === 'object' && 'message' in value) return String((value as { message: unknown }).message);
  return JSON.stringify(value);
}

/** One pino record (a JSON line) as one line for people. Pure; a line that is not JSON is kept as it is. */
export function readableLine(json: string): string {
  let record: Record<string, unknown>;
  try {
    record = JSON.parse(json);
  } catch {
    return json.trimEnd();
  }
  const label = LABELS[record.level as number] ?? 'log';
  const extra = Object.entries(record)
    .filter(([key]) => !PINO_FIELDS.has(key))
    .map(([key, value]) => `${key}=${shown(value)}`);
  return `${label}: ${shown(record.msg ?? '')}${extra.length > 0 ? ` (${extra.join(', ')})` : ''}`;
}

/** A pino destination that writes each record to `out` as a readable line. */
export function readableLog(out: { write(text: string): unknown } = process.stderr) {
  return { write: (line: string) => void out.write(`${readableLine(line)}\n`) };
}
