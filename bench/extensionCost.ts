// Extension activation (load dist/extension.js + activate()) and the first page of the Runs and Logs trees
// over 5,000 items, each in fresh processes with the vscode stub; medians of several processes.
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { below, type Figure } from './report';
import { benchJsDir, median, runChild } from './runChild';

interface ActivationResult {
  loadMs: number;
  activateMs: number;
}

interface TreesResult {
  runsMs: number;
  runsRendered: number;
  /** A second listing in the same process: the rows alone, the EC2 SDK already loaded. */
  runsWarmMs: number;
  runsBaselineMs: number;
  logsMs: number;
  logsRendered: number;
  logsBaselineMs: number;
}

/** A workspace whose `.env` is complete (pointing at a closed port: nothing here may reach AWS). */
export function benchWorkspace(root: string, envText: string): string {
  const dir = path.join(root, 'workspace');
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, '.env'), `${envText}\n`);
  return dir;
}

export async function measureExtension(repo: string, workspace: string, processes: number): Promise<Figure[]> {
  const children = path.join(benchJsDir(), 'children');
  const preloads = [path.join(children, 'stubPreload.js')];
  const env = { BENCH_WORKSPACE: workspace };
  const ours: ActivationResult[] = [];
  const base: ActivationResult[] = [];
  const trees: TreesResult[] = [];
  for (let i = 0; i < processes; i++) {
    const a = await runChild<ActivationResult>(
      path.join(children, 'activation.js'),
      [path.join(repo, 'dist', 'extension.js'), repo],
      { preloads, env },
    );
    const b = await runChild<ActivationResult>(
      path.join(children, 'activation.js'),
      [path.join(children, 'trivialExtension.js'), repo],
      { preloads, env },
    );
    const t = await runChild<TreesResult>(path.join(children, 'trees.js'), [], { preloads, env });
    ours.push(a.result);
    base.push(b.result);
    trees.push(t.result);
  }
  const total = (r: ActivationResult): number => r.loadMs + r.activateMs;
  const activation = median(ours.map(total));
  const first = trees[0] as TreesResult;
  const runsMs = median(trees.map((t) => t.runsMs));
  const runsWarmMs = median(trees.map((t) => t.runsWarmMs));
  const logsMs = median(trees.map((t) => t.logsMs));
  const runsBaselineMs = median(trees.map((t) => t.runsBaselineMs));
  const group = 'extension';
  // A tree's first page is held to 200 ms, each against the same listing without the extension.
  const treeFigure = (name: string, value: number, baseline: number): Figure =>
    below({ group, name, value, unit: 'ms', baseline }, 200, '< 200 ms');
  return [
    below(
      {
        group,
        name: 'activation (load bundle + activate)',
        value: activation,
        unit: 'ms',
        baseline: median(base.map(total)),
        note: `load ${median(ours.map((r) => r.loadMs)).toFixed(0)} + activate ${median(ours.map((r) => r.activateMs)).toFixed(0)}`,
      },
      50,
      '< 50 ms',
    ),
    treeFigure(
      `Runs tree first page, first listing (${first.runsRendered} rows of 5,000 runs; loads the EC2 SDK)`,
      runsMs,
      runsBaselineMs,
    ),
    treeFigure(
      `Runs tree first page, next listings (${first.runsRendered} rows of 5,000 runs)`,
      runsWarmMs,
      runsBaselineMs,
    ),
    treeFigure(
      `Logs tree first page (${first.logsRendered} rows of 5,000 streams)`,
      logsMs,
      median(trees.map((t) => t.logsBaselineMs)),
    ),
  ];
}
