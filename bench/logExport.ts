// Log export: `adatrap-miner get-log-stream NAME -o OUT` (the bundled CLI, unchanged) against a sandbox
// stream of N events, beside the bare SDK paging of the same stream in the same run.
import { createReadStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { createInterface } from 'node:readline';
import type { Sandbox } from '../src/sandbox';
import { PUT_LIMITS } from '../src/sandbox/logs/store';
import { atLeast, atMost, below, info, type Figure } from './report';
import { benchJsDir, runChild } from './runChild';

const LOG_GROUP = 'adatrap-bench';
const HEAP_CAP_MB = 24;

/** A realistic agent line (~90 bytes), unique per index so a duplicate or a gap shows in the check. */
function logLine(i: number, t: number): string {
  const d = new Date(t - 3 * 3_600_000).toISOString();
  return `${d.slice(0, 10)} ${d.slice(11, 19)}\tINFO: Descargando s3://adatrap-gps/2020-06-29.gps.gz bloque ${i} de la corrida`;
}

/** Straight into the store in PutLogEvents-sized batches: seeding 200k events takes a fraction of a second. */
function seedStream(sb: Sandbox, stream: string, count: number): void {
  if (!sb.logs.hasGroup(LOG_GROUP)) sb.logs.createGroup(LOG_GROUP);
  sb.logs.createStream(LOG_GROUP, stream);
  const t0 = Date.UTC(2020, 5, 29, 9, 0, 0);
  let batch: Array<{ timestamp: number; message: string }> = [];
  let bytes = 0;
  for (let i = 0; i < count; i++) {
    const e = { timestamp: t0 + i * 10, message: logLine(i, t0 + i * 10) };
    const size = Buffer.byteLength(e.message) + PUT_LIMITS.perEventOverhead;
    if (batch.length >= PUT_LIMITS.maxEvents || bytes + size > PUT_LIMITS.maxBatchBytes) {
      sb.logs.put(LOG_GROUP, stream, batch);
      batch = [];
      bytes = 0;
    }
    batch.push(e);
    bytes += size;
  }
  if (batch.length > 0) sb.logs.put(LOG_GROUP, stream, batch);
}

/** Every line of the export, in order, exactly once: the figure means nothing otherwise. */
async function verifyExport(file: string, count: number): Promise<string | undefined> {
  const t0 = Date.UTC(2020, 5, 29, 9, 0, 0);
  let i = 0;
  for await (const line of createInterface({ input: createReadStream(file) })) {
    if (line !== logLine(i, t0 + i * 10)) return `line ${i + 1} is not event ${i}`;
    i++;
  }
  return i === count ? undefined : `${i} lines for ${count} events`;
}

interface ExportSample {
  events: number;
  /** The same CLI doing nothing (`--help`): what loading it costs before any export work. */
  idleMs: number;
  idleRssMb: number;
  cliMs: number;
  cliRssMb: number;
  rawMs: number;
  rawRssMb: number;
  /** The same export with V8's old space capped: shows whether memory is retained or only heap headroom. */
  cappedRssMb?: number;
}

export async function measureExport(sb: Sandbox, cliJs: string, events: number, rounds: number): Promise<ExportSample> {
  const stream = `bench-${events}`;
  seedStream(sb, stream, events);
  const env = { ...sb.env, LOG_GROUP };
  const idle = await runChild(cliJs, ['--help'], { env });
  const sample: ExportSample = {
    events,
    idleMs: idle.wallMs,
    idleRssMb: idle.maxRssMb,
    cliMs: Infinity,
    cliRssMb: 0,
    rawMs: Infinity,
    rawRssMb: 0,
  };
  for (let r = 0; r < rounds; r++) {
    const raw = await runChild<{ events: number }>(
      path.join(benchJsDir(), 'children', 'rawLogPaging.js'),
      [sb.endpoint, LOG_GROUP, stream],
      { env },
    );
    if (raw.result.events !== events) throw new Error(`baseline paging read ${raw.result.events} of ${events} events`);
    const dir = mkdtempSync(path.join(tmpdir(), 'adatrap-bench-export-'));
    try {
      const cli = await runChild(cliJs, ['get-log-stream', stream, '-o', path.join(dir, 'export')], { env, cwd: dir });
      const problem = await verifyExport(path.join(dir, 'export.log'), events);
      if (problem) throw new Error(`get-log-stream exported a wrong file: ${problem}`);
      sample.cliMs = Math.min(sample.cliMs, cli.wallMs);
      sample.cliRssMb = Math.max(sample.cliRssMb, cli.maxRssMb);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    sample.rawMs = Math.min(sample.rawMs, raw.wallMs);
    sample.rawRssMb = Math.max(sample.rawRssMb, raw.maxRssMb);
  }
  if (events >= 200_000) {
    const dir = mkdtempSync(path.join(tmpdir(), 'adatrap-bench-export-'));
    try {
      const capped = await runChild(cliJs, ['get-log-stream', stream, '-o', path.join(dir, 'export')], {
        env,
        cwd: dir,
        nodeArgs: [`--max-old-space-size=${HEAP_CAP_MB}`],
      });
      const problem = await verifyExport(path.join(dir, 'export.log'), events);
      if (problem) throw new Error(`get-log-stream with a capped heap exported a wrong file: ${problem}`);
      sample.cappedRssMb = capped.maxRssMb;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  sb.logs.deleteStream(LOG_GROUP, stream);
  return sample;
}

export function exportFigures(small: ExportSample, large: ExportSample): Figure[] {
  const rate = (n: number, ms: number): number => n / (ms / 1000);
  const group = 'log export';
  const figures: Figure[] = [];
  for (const s of [small, large]) {
    const label = `${s.events / 1000}k events`;
    figures.push(
      atLeast(
        {
          group,
          name: `${label}, events/s (whole command)`,
          value: rate(s.events, s.cliMs),
          unit: 'ev/s',
          baseline: rate(s.events, s.rawMs),
        },
        50_000,
        '≥ 50,000',
      ),
      below(
        { group, name: `${label}, peak RSS`, value: s.cliRssMb, unit: 'MB', baseline: s.rawRssMb },
        150,
        '< 150 MB',
      ),
    );
  }
  // The fixed cost (process start, loading the bundle, first request) cancels out between the two sizes.
  const marginal = (large.events - small.events) / ((large.cliMs - small.cliMs) / 1000);
  const rawMarginal = (large.events - small.events) / ((large.rawMs - small.rawMs) / 1000);
  figures.push(
    atLeast(
      { group, name: 'marginal events/s (20k→200k)', value: marginal, unit: 'ev/s', baseline: rawMarginal },
      50_000,
      '≥ 50,000',
    ),
    info({ group, name: 'CLI loaded, doing nothing (--help): wall time', value: large.idleMs, unit: 'ms' }),
    info({ group, name: 'CLI loaded, doing nothing (--help): peak RSS', value: large.idleRssMb, unit: 'MB' }),
  );
  if (large.cappedRssMb !== undefined) {
    // Completing (and verified) under a small heap cap means nothing grows with the stream: the rest is headroom V8 takes.
    figures.push(
      atMost(
        {
          group,
          name: `200k events with old space capped at ${HEAP_CAP_MB} MB: peak RSS`,
          value: large.cappedRssMb,
          unit: 'MB',
          baseline: small.cliRssMb,
        },
        small.cliRssMb * 1.25,
        'completes, ≈ 20k figure',
      ),
    );
  }
  figures.push(
    atMost(
      {
        group,
        name: 'peak RSS growth 20k→200k',
        value: large.cliRssMb / small.cliRssMb,
        unit: '×',
        baseline: large.rawRssMb / small.rawRssMb,
      },
      1.25,
      '≤ 1.25× (flat)',
    ),
  );
  return figures;
}
