// `npm run bench`: bundles the extension, CLI and agent as users get them (scripts/build.mjs), bundles the
// benchmark (bench/*.ts) into .cache/bench/js, then runs it. Arguments are passed on (e.g. --only=logs).
// Type-checking of bench/ is part of `npm run typecheck`.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import * as esbuild from 'esbuild';

const out = '.cache/bench/js';

function run(cmd, args) {
  const r = spawnSync(cmd, args, { stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`${cmd} ${args.join(' ')} failed (exit ${r.status ?? r.signal})`);
    process.exit(r.status ?? 1);
  }
}

// Production bundles (minified), as the .vsix and the agent machines get them.
run(process.execPath, ['scripts/build.mjs', '--production']);

const children = readdirSync('bench/children')
  .filter((f) => f.endsWith('.ts'))
  .map((f) => `bench/children/${f}`);
await esbuild.build({
  entryPoints: ['bench/main.ts', ...children],
  outdir: out,
  outbase: 'bench',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  external: ['vscode'],
  logLevel: 'error',
  legalComments: 'none',
});

run(process.execPath, [`${out}/main.js`, ...process.argv.slice(2)]);
