// What users download: the .vsix (packed by vsce from the current dist/) and the agent each machine fetches.
import { spawn } from 'node:child_process';
import { mkdirSync, rmSync, statSync } from 'node:fs';
import * as path from 'node:path';
import type { Figure } from './report';

function run(cmd: string, args: string[], cwd: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`${cmd} ${args.join(' ')}: exit ${code}: ${err.trim().slice(-500)}`))));
  });
}

export async function measureSizes(repo: string, cacheDir: string): Promise<Figure[]> {
  mkdirSync(cacheDir, { recursive: true });
  const vsix = path.join(cacheDir, 'adatrap-miner.vsix');
  rmSync(vsix, { force: true });
  await run(path.join(repo, 'node_modules', '.bin', 'vsce'), ['package', '--no-dependencies', '--skip-license', '-o', vsix], repo);
  const mb = (file: string): number => statSync(file).size / 1e6;
  const vsixMb = mb(vsix);
  const agentMb = mb(path.join(repo, 'dist', 'agent.js'));
  return [
    { group: 'size', name: '.vsix', value: vsixMb, unit: 'MB', target: '< 2 MB', pass: vsixMb < 2 },
    { group: 'size', name: 'dist/agent.js', value: agentMb, unit: 'MB', target: '< 5 MB', pass: agentMb < 5 },
  ];
}
