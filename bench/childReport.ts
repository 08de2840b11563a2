// How a benchmark child hands its figures to the orchestrator: one JSON file named by BENCH_RESULT_FILE
// (stdout stays free for the program being measured).
import { writeFileSync } from 'node:fs';

export function reportResult(result: Record<string, unknown>): void {
  const file = process.env.BENCH_RESULT_FILE;
  if (!file) throw new Error('BENCH_RESULT_FILE is not set: run this through scripts/bench.mjs');
  writeFileSync(file, JSON.stringify(result));
}

/** argv after the script, required by position. */
export function args(names: readonly string[]): Record<string, string> {
  const values = process.argv.slice(2);
  const out: Record<string, string> = {};
  names.forEach((name, i) => {
    const v = values[i];
    if (v === undefined) throw new Error(`missing argument <${name}>`);
    out[name] = v;
  });
  return out;
}
