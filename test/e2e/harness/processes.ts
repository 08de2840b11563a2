// Child processes the harness starts (code-server, the sandbox) and their clean-up. code-server's extension
// hosts and the sandbox's agents are grandchildren that outlive their parent, so stopping means the whole tree.
import { ChildProcess, spawn, SpawnOptions } from 'node:child_process';
import { createWriteStream, readdirSync, readFileSync } from 'node:fs';
import * as net from 'node:net';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Spawns with stdout/stderr appended to `logFile`, in its own process group. */
export function spawnLogged(command: string, args: string[], logFile: string, options: SpawnOptions): ChildProcess {
  const log = createWriteStream(logFile, { flags: 'a' });
  const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  return child;
}

function childrenByParent(): Map<number, number[]> {
  const map = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // The command name (field 2) may hold spaces and parentheses: the fields after the last ')' are safe.
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const list = map.get(ppid) ?? [];
      list.push(Number(entry));
      map.set(ppid, list);
    } catch {
      // The process ended while we looked.
    }
  }
  return map;
}

function processTree(pid: number): number[] {
  const byParent = childrenByParent();
  const tree: number[] = [];
  const queue = [pid];
  while (queue.length) {
    const current = queue.shift() as number;
    tree.push(current);
    queue.push(...(byParent.get(current) ?? []));
  }
  return tree;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function signal(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(pid, sig);
  } catch {
    // Already gone.
  }
}

/** SIGTERM to `pid` and every descendant (collected before any of them dies), SIGKILL to what remains. */
export async function killTree(pid: number | undefined, graceMs = 3000): Promise<void> {
  if (!pid) return;
  const tree = processTree(pid);
  for (const p of tree) signal(p, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline && tree.some(isAlive)) await delay(100);
  for (const p of tree) if (isAlive(p)) signal(p, 'SIGKILL');
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls `probe` until it returns a value; fails with `what` after `timeoutMs`. */
export async function waitUntil<T>(
  what: string,
  probe: () => Promise<T | undefined> | T | undefined,
  timeoutMs: number,
  everyMs = 250,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (e) {
      lastError = e;
    }
    await delay(everyMs);
  }
  const reason = lastError instanceof Error ? `: ${lastError.message}` : '';
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${reason}`);
}

export async function httpOk(url: string): Promise<boolean | undefined> {
  const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
  return response.status < 500 ? true : undefined;
}
