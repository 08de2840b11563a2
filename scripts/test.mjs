// The one test command: type-check and compile, bundle, then unit, integration and e2e suites in one mocha run.
// `node scripts/test.mjs [unit|integration|e2e ...]` narrows the suites.
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { ensureTestDeps } from './test-deps.mjs';

const all = ['unit', 'integration', 'e2e'];
const picked = process.argv.slice(2).filter((a) => all.includes(a));
const suites = picked.length ? picked : all;

function run(cmd, args, extraEnv = {}) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...extraEnv } });
  if (r.status !== 0) {
    console.error(`\n${cmd} ${args.join(' ')} failed (exit ${r.status ?? r.signal})`);
    process.exit(r.status ?? 1);
  }
}

// A fresh out/: compiled tests of files since deleted would otherwise still run.
rmSync('out', { recursive: true, force: true });
run('npx', ['tsc', '-p', 'tsconfig.test.json']);
run('node', ['scripts/build.mjs']);
if (suites.includes('e2e')) run('node', ['scripts/e2e-deps.mjs']);
// pwsh (PATH gains ~/.dotnet/tools, inherited by mocha), osslsigncode and the pinned runtime tarball, for the boot
// and runtime tests and every launch the integration and e2e suites make.
if (suites.includes('integration') || suites.includes('e2e')) ensureTestDeps();

const specs = suites.map((s) => `out/test/${s}/**/*.test.js`).filter((_, i) => existsSync(`out/test/${suites[i]}`));
run(
  'npx',
  ['mocha', '--forbid-only', '--reporter', './scripts/mocha-reporter.cjs', '--timeout', '20000', '--exit', ...specs],
  {
    AWS_EC2_METADATA_DISABLED: 'true',
  },
);
