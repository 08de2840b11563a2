// What users download: the .vsix (packed by vsce from the current dist/) and the agent each machine fetches.
import { spawn } from 'node:child_process';
import { mkdirSync, rmSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { below, type Figure } from './report';

function run(cmd: string, args: string[], cwd: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`${cmd} ${args.join(' ')}: exit ${code}: ${err.trim().slice(-500)}`)),
    );
  });
}

export async function measureSizes(repo: string, cacheDir: string): Promise<Figure[]> {
  mkdirSync(cacheDir, { recursive: true });
  const vsix = path.join(cacheDir, 'adatrap-miner.vsix');
  rmSync(vsix, { force: true });
  const mb = (file: string): number => statSync(file).size / 1e6;
  const agentMb = mb(path.join(repo, 'dist', 'agent.js'));
  const agent = below({ group: 'size', name: 'dist/agent.js', value: agentMb, unit: 'MB' }, 5, '< 5 MB');
  // Relative README links need a base URL when package.json names no repository; it changes no size.
  const base = 'https://example.invalid/adatrap-miner';
  try {
    await run(
      path.join(repo, 'node_modules', '.bin', 'vsce'),
      ['package', '--no-dependencies', '--skip-license', '--baseContentUrl', base, '--baseImagesUrl', base, '-o', vsix],
      repo,
    );
  } catch (e) {
    // Packaging is someone's work in progress more often than not: report it, measure the rest.
    const why = e instanceof Error ? (e.message.split('\n')[0] ?? '') : String(e);
    return [
      {
        group: 'size',
        name: '.vsix',
        value: Number.NaN,
        unit: 'MB',
        target: '< 2 MB',
        pass: false,
        note: `vsce failed: ${why.slice(0, 120)}`,
      },
      agent,
    ];
  }
  const vsixMb = mb(vsix);
  return [below({ group: 'size', name: '.vsix', value: vsixMb, unit: 'MB' }, 2, '< 2 MB'), agent];
}
