// The machine and code a set of figures belongs to, for BENCHMARKS.md.
import { execFileSync } from 'node:child_process';
import * as os from 'node:os';

export interface MachineInfo {
  date: string;
  commit: string;
  cpu: string;
  cores: number;
  memoryGb: number;
  node: string;
  os: string;
  loadAverage: string;
}

function git(repo: string, args: string[]): string {
  try {
    // Synchronous is fine here: git is not served by this process.
    return execFileSync('git', args, { cwd: repo, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return '';
  }
}

export function machineInfo(repo: string): MachineInfo {
  const commit = git(repo, ['rev-parse', '--short', 'HEAD']) || 'unknown';
  const dirty = git(repo, ['status', '--porcelain', '--untracked-files=no']) !== '';
  return {
    date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    commit: dirty ? `${commit} (+ uncommitted changes)` : commit,
    cpu: os.cpus()[0]?.model.trim() ?? 'unknown',
    cores: os.cpus().length,
    memoryGb: Math.round(os.totalmem() / 1e8) / 10,
    node: process.version,
    os: `${os.type()} ${os.release()}`,
    loadAverage: os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' '),
  };
}
