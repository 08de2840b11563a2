// Installs what the end-to-end tests and `npm start` need on a fresh Debian machine, and nothing when it is all
// there already (a few stat calls). Facts behind each step: ../shared/notes/TESTING-OFFLINE.md.
//   - apt: chromium (the browser playwright-core drives), libkrb5-dev (code-server's kerberos module builds
//     against gssapi.h), ripgrep (stands in for the rg that @vscode/ripgrep would download from GitHub).
//   - code-server@4.100.3 (the newest that runs on Node 20) in .cache/code-server, apart from our dependencies,
//     with its whole tree pinned by scripts/code-server/package-lock.json (npm ci, never a floating install).
// Usage: node scripts/e2e-deps.mjs [--quiet] [--into DIR] (DIR: install code-server there instead, e.g. to try
// the lockfile without touching a shared .cache/code-server). Exports codeServerEntry(), chromiumPath() and CODE_SERVER (the
// shared description in code-server.json, which the e2e harness reads too) for start.mjs.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const CODE_SERVER_VERSION = '4.100.3';
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const intoFlag = process.argv.indexOf('--into');
const installDir =
  intoFlag > 0 && process.argv[intoFlag + 1]
    ? resolve(process.argv[intoFlag + 1])
    : join(root, '.cache', 'code-server');
const quiet = process.argv.includes('--quiet');
/** package.json + package-lock.json of the code-server install, committed: the versions of every package. */
const lockDir = join(root, 'scripts', 'code-server');

/** @type {{ entry: string[], chromium: string, quietFlags: string[], quietSettings: Record<string, unknown>, vscePackage: string[] }} */
export const CODE_SERVER = JSON.parse(readFileSync(join(root, 'scripts', 'code-server.json'), 'utf8'));

/** The script code-server's CLI runs; start it with `node <entry> ...` so it uses this Node 20. */
export function codeServerEntry() {
  return join(root, ...CODE_SERVER.entry);
}

export function chromiumPath() {
  return CODE_SERVER.chromium;
}

function log(message) {
  if (!quiet) console.log(`[e2e-deps] ${message}`);
}

function run(cmd, args, options = {}) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', ...options });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (exit ${r.status ?? r.signal})`);
}

function aptPackagesMissing() {
  const missing = [];
  if (!existsSync(chromiumPath())) missing.push('chromium');
  if (!existsSync('/usr/include/gssapi/gssapi.h')) missing.push('libkrb5-dev');
  if (!existsSync('/usr/bin/rg')) missing.push('ripgrep');
  return missing;
}

function installAptPackages() {
  const missing = aptPackagesMissing();
  if (missing.length === 0) return;
  log(`apt-get install ${missing.join(' ')}`);
  const sudo = process.getuid?.() === 0 ? [] : ['sudo'];
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const aptGet = (args) => (sudo.length ? run('sudo', ['apt-get', ...args], { env }) : run('apt-get', args, { env }));
  aptGet(['update']);
  aptGet(['install', '-y', '--no-install-recommends', ...missing]);
}

function installedCodeServerVersion() {
  const pkg = join(installDir, 'node_modules', 'code-server', 'package.json');
  if (!existsSync(pkg) || !existsSync(join(installDir, ...CODE_SERVER.entry.slice(2)))) return undefined;
  return JSON.parse(readFileSync(pkg, 'utf8')).version;
}

/**
 * True when what is installed is what the committed lockfile says: npm's hidden lockfile
 * (node_modules/.package-lock.json, written by every install) lists the same packages at the same versions.
 * A matching install (ours, or a CI cache) is kept; anything else is installed again with npm ci.
 */
export function installMatchesLock() {
  const hidden = join(installDir, 'node_modules', '.package-lock.json');
  if (installedCodeServerVersion() !== CODE_SERVER_VERSION || !existsSync(hidden)) return false;
  const wanted = JSON.parse(readFileSync(join(lockDir, 'package-lock.json'), 'utf8')).packages;
  const have = JSON.parse(readFileSync(hidden, 'utf8')).packages;
  const paths = Object.keys(wanted).filter((p) => p !== '');
  return paths.every((p) => have[p]?.version === wanted[p].version) && Object.keys(have).length === paths.length;
}

// @vscode/ripgrep's postinstall downloads rg from GitHub unless this exact cached archive exists.
function seedRipgrepCache() {
  const cacheDir = join(tmpdir(), 'vscode-ripgrep-cache-1.15.11');
  const archive = join(cacheDir, 'ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz');
  if (existsSync(archive)) return;
  mkdirSync(cacheDir, { recursive: true });
  run('tar', ['-czf', archive, '-C', '/usr/bin', 'rg']);
}

function installCodeServer() {
  const where = relative(root, installDir) || installDir;
  if (installMatchesLock()) {
    log(`code-server ${CODE_SERVER_VERSION} already in ${where}, as scripts/code-server/package-lock.json pins it`);
    return;
  }
  seedRipgrepCache();
  mkdirSync(installDir, { recursive: true });
  // Its own package.json (and lockfile) keeps npm from walking up to the extension's project.
  for (const file of ['package.json', 'package-lock.json']) copyFileSync(join(lockDir, file), join(installDir, file));
  log(`installing code-server@${CODE_SERVER_VERSION} into ${where} with npm ci (about 70 s)`);
  run('npm', ['ci', '--prefix', installDir, '--no-audit', '--no-fund', '--foreground-scripts'], {
    env: { ...process.env, npm_config_yes: 'true', npm_config_unsafe_perm: 'true' },
  });
  if (!installMatchesLock()) throw new Error(`code-server did not install into ${where} as the lockfile says`);
}

export function ensureE2eDeps() {
  installAptPackages();
  installCodeServer();
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  try {
    ensureE2eDeps();
  } catch (e) {
    console.error(`[e2e-deps] ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  }
}
