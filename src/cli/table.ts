// Plain-text tables for the terminal: columns padded to the widest cell, no colours (output may be piped).
import { escapeControl } from '../core/logFormat';

/** Cells may hold what a machine wrote (tags, log fields): shown escaped, on one line. */
export function renderTable(header: readonly string[], cellRows: readonly (readonly string[])[]): string {
  const rows = cellRows.map((r) => r.map((c) => escapeControl(c).replace(/[\t\n]/g, ' ')));
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]): string =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n') + '\n';
}
