// Bundles the three entry points. Type-checking is separate (`npm run typecheck`), as in esbuild-sample.
import * as esbuild from 'esbuild';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

// node20: the bundles must run on the Node the tests and the extension host use (20), and the agent also on the
// machines' pinned Node 24 (src/core/nodeRuntime.ts). Code built for the older target runs on the newer one, not
// the other way round, so the older of the two decides.
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  legalComments: 'none',
};

// The extension and the CLI keep the AWS SDK in a file of its own, dist/aws-sdk.js, read on the first AWS
// call (src/aws/sdkPackages.ts): parsing it at start-up was most of the extension's activation time.
const separateAwsSdk = {
  name: 'separate-aws-sdk',
  setup(build) {
    build.onResolve({ filter: /^\.\/sdkPackages$/ }, () => ({ path: './aws-sdk.js', external: true }));
  },
};

const builds = [
  {
    ...common,
    entryPoints: ['src/extension.ts'],
    outfile: 'dist/extension.js',
    external: ['vscode'],
    plugins: [separateAwsSdk],
  },
  {
    ...common,
    entryPoints: ['src/cli.ts'],
    outfile: 'dist/cli.js',
    banner: { js: '#!/usr/bin/env node' },
    plugins: [separateAwsSdk],
  },
  { ...common, entryPoints: ['src/aws/sdkPackages.ts'], outfile: 'dist/aws-sdk.js' },
  // The agent runs on a bare Windows machine: every dependency goes inside, minified.
  { ...common, entryPoints: ['agent/main.ts'], outfile: 'dist/agent.js', minify: true, sourcemap: false },
  { ...common, entryPoints: ['agent/sim/pvmtscSim.ts'], outfile: 'dist/pvmtsc-sim.js' },
  // The sandbox's stand-in for the AWS Tools cmdlets a machine's user data calls (src/sandbox/windows).
  {
    ...common,
    entryPoints: ['src/sandbox/windows/awsToolsStandIn.ts'],
    outfile: 'dist/aws-tools-standin.js',
    minify: true,
    sourcemap: false,
  },
];

const webviews = [];
for (const entry of ['media/configEditor/main.ts', 'media/calendar/main.ts']) {
  webviews.push({
    ...common,
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    entryPoints: [entry],
    outfile: entry.replace(/^media\//, 'dist/media/').replace(/\.ts$/, '.js'),
  });
}

import { existsSync } from 'node:fs';
const all = [...builds, ...webviews].filter((b) => b.entryPoints.every((e) => existsSync(e)));

if (watch) {
  for (const b of all) {
    const ctx = await esbuild.context(b);
    await ctx.watch();
  }
} else {
  await Promise.all(all.map((b) => esbuild.build(b)));
}
