// `npm run bench`: every figure of issue 7 beside a baseline measured in the same run, the target and
// PASS/MISS; the table and the machine are appended to BENCHMARKS.md. `--only=logs,input,extension,sizes`
// narrows the run while working on one part.
import { appendFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { startSandbox } from '../src/sandbox';
import { benchWorkspace, measureExtension } from './extensionCost';
import { ensureInputObject, INPUT_BUCKET } from './inputData';
import { inputFigures, measureInput } from './inputStage';
import { exportFigures, measureExport } from './logExport';
import { machineInfo, type MachineInfo } from './machine';
import { table, type Figure } from './report';
import { measureSizes } from './sizes';
import { measureBatches } from './batches';
import { measureCalendar } from './calendar';

const REPO = path.resolve(__dirname, '..', '..', '..');
const CACHE = path.join(REPO, '.cache', 'bench');
interface BenchInput {
  key: string;
  bytes: number;
}
const BIG_INPUT: BenchInput = { key: '2020-06-29.trx.gz', bytes: 1_000_000_000 };
const SMALL_INPUT: BenchInput = { key: '2020-06-30.gps.gz', bytes: 100_000_000 };

const log = (text: string): void => void process.stderr.write(`[bench] ${text}\n`);

function parts(): Set<string> {
  const only = process.argv.find((a) => a.startsWith('--only='));
  return new Set(
    only ? only.slice('--only='.length).split(',') : ['sizes', 'extension', 'logs', 'input', 'batches', 'calendar'],
  );
}

function markdown(machine: MachineInfo, figures: readonly Figure[], seconds: number): string {
  return [
    `## ${machine.date} · commit ${machine.commit}`,
    '',
    `Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGb} GB RAM, ${machine.os}, Node ${machine.node};` +
      ` load average at start ${machine.loadAverage}. Whole run: ${seconds.toFixed(0)} s (\`npm run bench\`).`,
    '',
    table(figures),
    '',
    '',
  ].join('\n');
}

async function main(): Promise<void> {
  const started = Date.now();
  const want = parts();
  const machine = machineInfo(REPO);
  mkdirSync(CACHE, { recursive: true });
  const figures: Figure[] = [];

  if (want.has('sizes')) {
    log('sizes: packing the .vsix');
    figures.push(...(await measureSizes(REPO, CACHE)));
  }
  if (want.has('batches')) {
    log('batches: 30 days through 5 and 10 slots, 8 s runs (the real workflow on the sandbox)');
    figures.push(...(await measureBatches([5, 10], 8000)));
  }
  if (want.has('calendar')) {
    log('calendar: a month of 31 runs, grid read against pricing it (fresh and cached prices)');
    figures.push(...(await measureCalendar(5)));
  }
  // One sandbox for the log and input parts; its S3 data dir is the cache of generated inputs.
  const sb = await startSandbox({ seed: false, dataDir: path.join(CACHE, 's3') });
  try {
    if (want.has('extension')) {
      log('extension: activation and trees (fresh processes)');
      figures.push(...(await measureExtension(REPO, benchWorkspace(CACHE, sb.envText()), 3)));
    }
    if (want.has('logs')) {
      const cli = path.join(REPO, 'dist', 'cli.js');
      log('log export: 20k events');
      const small = await measureExport(sb, cli, 20_000, 3);
      log('log export: 200k events');
      const large = await measureExport(sb, cli, 200_000, 2);
      figures.push(...exportFigures(small, large));
    }
    if (want.has('input')) {
      for (const input of [SMALL_INPUT, BIG_INPUT]) {
        log(
          `input: ensuring ${input.key} (~${input.bytes / 1e6} MB of gzip; generated once into ${path.relative(REPO, CACHE)})`,
        );
        const got = await ensureInputObject(sb, input.key, input.bytes);
        if (got.generated) log(`input: generated ${input.key} (${(got.size / 1e6).toFixed(0)} MB)`);
      }
      const work = path.join(CACHE, 'work');
      const measure = (input: BenchInput, rounds: number) =>
        measureInput(sb, input.key, sb.s3.head(INPUT_BUCKET, input.key)?.size ?? 0, work, rounds);
      log('input: 100 MB');
      const small = await measure(SMALL_INPUT, 1);
      log('input: 1 GB (baseline, agent, agent, baseline)');
      const big = await measure(BIG_INPUT, 2);
      figures.push(...inputFigures(big, small));
    }
  } finally {
    await sb.close();
  }

  const seconds = (Date.now() - started) / 1000;
  process.stdout.write(`\n${table(figures)}\n\n`);
  const missed = figures.filter((f) => !f.pass);
  process.stdout.write(
    missed.length === 0
      ? 'All targets met.\n'
      : `Targets missed: ${missed.map((f) => `${f.group}: ${f.name}`).join('; ')}\n`,
  );
  const file = path.join(REPO, 'BENCHMARKS.md');
  if (!existsSync(file)) {
    writeFileSync(file, '# Benchmarks\n\nAppended by `npm run bench` (see README, "Benchmarks"). Newest last.\n\n');
  }
  appendFileSync(file, markdown(machine, figures, seconds));
  log(`appended to ${path.relative(REPO, file)} (${seconds.toFixed(0)} s)`);
}

main().catch((e: unknown) => {
  process.stderr.write(`[bench] failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exitCode = 1;
});
