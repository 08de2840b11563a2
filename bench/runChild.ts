// Runs one measured program in its own process and collects: wall time (spawn to exit), peak RSS (from the
// usage preload), and the figures the program reported itself.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

interface ChildRun<R> {
  wallMs: number;
  maxRssMb: number;
  result: R;
  stdout: string;
  stderr: string;
}

interface ChildOptions {
  /** Modules loaded with `--require` before the script (the usage preload is always first). */
  preloads?: string[];
  env?: Record<string, string>;
  cwd?: string;
  /** Node options before the script (e.g. a heap cap). */
  nodeArgs?: string[];
  /** Kill the child after this long: a benchmark never hangs the run. */
  timeoutMs?: number;
}

export function benchJsDir(): string {
  return path.resolve(__dirname);
}

export async function runChild<R = Record<string, unknown>>(
  script: string,
  args: readonly string[],
  options: ChildOptions = {},
): Promise<ChildRun<R>> {
  const dir = mkdtempSync(path.join(tmpdir(), 'adatrap-bench-child-'));
  const usageFile = path.join(dir, 'usage.json');
  const resultFile = path.join(dir, 'result.json');
  const preloads = [path.join(benchJsDir(), 'children', 'usagePreload.js'), ...(options.preloads ?? [])];
  const argv = [...(options.nodeArgs ?? []), ...preloads.flatMap((p) => ['--require', p]), script, ...args];
  const env = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '',
    AWS_EC2_METADATA_DISABLED: 'true',
    ADATRAP_LANG: 'en',
    ...options.env,
    BENCH_USAGE_FILE: usageFile,
    BENCH_RESULT_FILE: resultFile,
  };
  const started = process.hrtime.bigint();
  try {
    const { code, stdout, stderr } = await new Promise<{ code: number | null; stdout: string; stderr: string }>(
      (resolve, reject) => {
        // Async spawn: the sandbox serving this child lives in this process and must keep answering.
        const child = spawn(process.execPath, argv, { cwd: options.cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
        let out = '';
        let err = '';
        child.stdout.on('data', (d: Buffer) => (out = (out + d.toString()).slice(-4096)));
        child.stderr.on('data', (d: Buffer) => (err = (err + d.toString()).slice(-4096)));
        const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 300_000);
        child.on('error', reject);
        child.on('close', (c) => {
          clearTimeout(timer);
          resolve({ code: c, stdout: out, stderr: err });
        });
      },
    );
    const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
    if (code !== 0)
      throw new Error(
        `${path.basename(script)} exited with ${code}: ${stderr.trim().split('\n').slice(-3).join(' | ')}`,
      );
    const usage = JSON.parse(readFileSync(usageFile, 'utf8')) as { maxRssKb: number };
    const result = (existsSync(resultFile) ? JSON.parse(readFileSync(resultFile, 'utf8')) : {}) as R;
    return { wallMs, maxRssMb: usage.maxRssKb / 1024, result, stdout, stderr };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}
