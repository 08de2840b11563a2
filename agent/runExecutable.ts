// Runs pvmtsc with a time limit, handing every output line to the log as it comes. On Windows that is the
// downloaded pvmtsc_vX.exe; elsewhere (the sandbox, tests) ADATRAP_EXECUTABLE_COMMAND names what stands in for
// it, e.g. `node /abs/dist/pvmtsc-sim.js`. A timeout kills the whole process tree, not just the first process.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { Transform } from 'node:stream';
import { DEFAULT_EXE_CODE_PAGE } from '../src/core/config';

interface ExeRun {
  command: string[];
  cwd: string;
  timeoutMs: number;
  env?: NodeJS.ProcessEnv;
  /** Encoding of its output (EXE_CODE_PAGE, a WHATWG label); windows-1252 when absent. */
  codePage?: string;
  onLine: (line: string, stream: 'stdout' | 'stderr') => void;
}

export interface ExeResult {
  code: number | null;
  signal: string | null;
  timedOut: boolean;
  stderrLines: number;
  firstStderrLine?: string;
  seconds: number;
  /** Set when the process could not be started at all. */
  startError?: string;
}

/** Splits a command line on spaces, keeping double-quoted parts (paths with spaces) together. */
export function splitCommand(text: string): string[] {
  const parts: string[] = [];
  for (const m of text.matchAll(/"([^"]*)"|(\S+)/g)) parts.push(m[1] ?? m[2]);
  return parts;
}

// Executables started by this process: each has its own process group, so when the agent itself is told to
// stop (the machine is terminated from outside) it must take them down explicitly.
const running = new Set<number>();

export function killRunningExecutables(): void {
  for (const pid of running) killTree(pid);
}

export function runExecutable(run: ExeRun): Promise<ExeResult> {
  const started = Date.now();
  return new Promise((resolve) => {
    const [file, ...args] = run.command;
    const child = spawn(file, args, {
      cwd: run.cwd,
      env: run.env ?? process.env,
      // Its own process group on POSIX, so a timeout can kill the group; taskkill /T does that on Windows.
      detached: process.platform !== 'win32',
      windowsHide: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    if (child.pid !== undefined) running.add(child.pid);
    let stderrLines = 0;
    let firstStderrLine: string | undefined;
    let timedOut = false;
    let startError: string | undefined;
    // ADATRAP writes in the Windows ANSI code page. Node's 'latin1' is ISO-8859-1, which turns 0x80-0x9F into
    // invisible C1 controls; TextDecoder('windows-1252') gives € ‘ ’ “ ” – — as Windows means them.
    const codePage = run.codePage ?? DEFAULT_EXE_CODE_PAGE;
    const out = createInterface({ input: child.stdout.pipe(decoding(codePage)), crlfDelay: Infinity });
    const err = createInterface({ input: child.stderr.pipe(decoding(codePage)), crlfDelay: Infinity });
    out.on('line', (line) => run.onLine(line, 'stdout'));
    err.on('line', (line) => {
      if (line.trim() === '') return;
      stderrLines++;
      firstStderrLine ??= line;
      run.onLine(line, 'stderr');
    });
    const timer = setTimeout(() => {
      timedOut = true;
      killTree(child.pid);
    }, run.timeoutMs);
    const streamsClosed = Promise.all([
      new Promise((r) => out.once('close', r)),
      new Promise((r) => err.once('close', r)),
    ]);
    child.once('error', (e) => {
      startError = e.message;
    });
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      if (child.pid !== undefined) running.delete(child.pid);
      void streamsClosed.then(() =>
        resolve({
          code,
          signal,
          timedOut,
          stderrLines,
          firstStderrLine,
          seconds: (Date.now() - started) / 1000,
          startError,
        }),
      );
    });
  });
}

/** Bytes in, text out; a character split across two chunks is decoded once whole (TextDecoder stream mode). */
function decoding(codePage: string): Transform {
  const decoder = new TextDecoder(codePage);
  return new Transform({
    decodeStrings: true,
    readableObjectMode: true,
    transform(chunk: Buffer, _encoding, done) {
      done(null, decoder.decode(chunk, { stream: true }));
    },
    flush(done) {
      const rest = decoder.decode();
      done(null, rest === '' ? undefined : rest);
    },
  });
}

export function killTree(pid: number | undefined, signal: NodeJS.Signals = 'SIGKILL'): void {
  if (pid === undefined) return;
  if (process.platform === 'win32') {
    spawn('taskkill', ['/pid', String(pid), '/T', '/F'], { stdio: 'ignore', windowsHide: true });
    return;
  }
  try {
    process.kill(-pid, signal);
  } catch {
    try {
      process.kill(pid, signal);
    } catch {
      // Already gone.
    }
  }
}
