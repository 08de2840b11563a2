// The figures table: each measure beside its baseline from the same run, the target, and PASS/MISS.
export interface Figure {
  group: string;
  name: string;
  value: number;
  unit: string;
  /** Same measure for the baseline program, same run; absent where there is none (sizes). */
  baseline?: number;
  target: string;
  pass: boolean;
  note?: string;
}

/** A figure as measured, before it is held to a target. */
type Measured = Omit<Figure, 'target' | 'pass'>;

/** Passes at or under `limit` (a time against its ceiling, a growth factor); `target` says so to the reader. */
export function atMost(f: Measured, limit: number, target: string): Figure {
  return { ...f, target, pass: f.value <= limit };
}

/** Passes strictly under `limit` (a memory or size ceiling). */
export function below(f: Measured, limit: number, target: string): Figure {
  return { ...f, target, pass: f.value < limit };
}

/** Passes at or over `limit` (a rate). */
export function atLeast(f: Measured, limit: number, target: string): Figure {
  return { ...f, target, pass: f.value >= limit };
}

/** Shown for context, held to nothing (`target` may say why it is there). */
export function info(f: Measured, target = 'info'): Figure {
  return { ...f, target, pass: true };
}

function fmt(v: number, unit: string): string {
  const digits = Math.abs(v) >= 100 ? 0 : Math.abs(v) >= 10 ? 1 : 2;
  const n = v.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: 0 });
  return unit ? `${n} ${unit}` : n;
}

function ratio(f: Figure): string {
  return f.baseline && f.baseline > 0 ? `${(f.value / f.baseline).toFixed(2)}×` : '';
}

/** Markdown table (also what the terminal shows: readable as plain text). */
export function table(figures: readonly Figure[]): string {
  const head = ['measure', 'value', 'baseline (same run)', 'ratio', 'target', 'result'];
  const rows = figures.map((f) => [
    `${f.group}: ${f.name}`,
    fmt(f.value, f.unit),
    f.baseline === undefined ? '–' : fmt(f.baseline, f.unit),
    ratio(f),
    f.target,
    (f.pass ? 'PASS' : 'MISS') + (f.note ? ` (${f.note})` : ''),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]): string => `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}
