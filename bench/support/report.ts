import { arch, cpus, platform, release, totalmem } from 'node:os';

export interface Figure {
  section: string;
  name: string;
  value: string;
  target?: string;
  /** undefined: no target, just a figure. */
  met?: boolean;
}

export function machine() {
  const cpu = cpus();
  return {
    cpu: cpu[0]?.model.trim() ?? 'unknown',
    cores: cpu.length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    os: `${platform()} ${release()} ${arch()}`,
    node: process.version,
  };
}

/** The figures as a Markdown table: readable in a terminal and pasted as is into the README. */
export function table(figures: Figure[]): string {
  const rows = figures.map((f) => [f.section, f.name, f.value, f.target ?? '', f.met === undefined ? '' : f.met ? 'yes' : '**no**']);
  const head = ['', 'figure', 'measured', 'target', 'met'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}
