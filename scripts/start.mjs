// `npm start`: the whole system on this machine, no AWS account needed.
//   1. builds dist/ (extension, CLI, agent),
//   2. starts the sandbox (S3, EC2, CloudWatch Logs, Step Functions, CloudFormation and more on 127.0.0.1) and
//      writes its .env into .cache/demo-workspace,
//   3. packages the extension (.vsix) and installs it into a local code-server 4.100.3 (installed on first use),
//   4. serves VS Code on http://127.0.0.1:8080 (or the next free port) and prints the URL.
// Ctrl-C stops code-server and the sandbox (and every process they started).
// Options: --port N (code-server port), --no-build (reuse dist/).
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as net from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { activityBarViews, viewList } from './activityBarViews.mjs';
import { CODE_SERVER, codeServerEntry, ensureE2eDeps } from './e2e-deps.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const cache = join(root, '.cache');
const workspace = join(cache, 'demo-workspace');
const stateDir = join(cache, 'demo-code-server');
const args = process.argv.slice(2);
const requestedPort = Number(args[args.indexOf('--port') + 1]) || (args.includes('--port') ? NaN : 8080);

const children = [];

function step(message) {
  console.log(`\n▶ ${message}`);
}

function run(cmd, cmdArgs, options = {}) {
  const r = spawnSync(cmd, cmdArgs, { stdio: 'inherit', cwd: root, ...options });
  if (r.status !== 0) throw new Error(`${cmd} ${cmdArgs.join(' ')} failed (exit ${r.status ?? r.signal})`);
}

function portIsFree(port) {
  return new Promise((resolvePort) => {
    const server = net.createServer();
    server.once('error', () => resolvePort(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolvePort(true)));
  });
}

async function pickPort(preferred) {
  for (let port = preferred; port < preferred + 50; port++) if (await portIsFree(port)) return port;
  throw new Error(`no free port from ${preferred} to ${preferred + 49}`);
}

function startChild(name, cmd, cmdArgs, logFile, env = process.env) {
  const log = createWriteStream(logFile, { flags: 'w' });
  // Own process group: Ctrl-C is handled here, and the whole group is stopped together.
  const child = spawn(cmd, cmdArgs, { cwd: root, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  children.push({ name, child });
  child.on('exit', (code, signal) => {
    if (!stopping) {
      console.error(`\n${name} stopped unexpectedly (${code ?? signal}); see ${logFile}`);
      void stopAll(1);
    }
  });
  return child;
}

/** Every descendant of pid, read from /proc, so extension hosts and launched agents go too. */
function processTree(pid) {
  const byParent = new Map();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      byParent.set(ppid, [...(byParent.get(ppid) ?? []), Number(entry)]);
    } catch {
      // gone meanwhile
    }
  }
  const tree = [];
  const queue = [pid];
  while (queue.length) {
    const p = queue.shift();
    tree.push(p);
    queue.push(...(byParent.get(p) ?? []));
  }
  return tree;
}

let stopping = false;
async function stopAll(code = 0) {
  if (stopping) return;
  stopping = true;
  console.log('\nStopping code-server and the sandbox…');
  const pids = children.flatMap(({ child }) => (child.pid ? processTree(child.pid) : []));
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGTERM');
    } catch {
      // already gone
    }
  }
  const deadline = Date.now() + 4000;
  const alive = (pid) => {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  while (Date.now() < deadline && pids.some(alive)) await new Promise((r) => setTimeout(r, 100));
  for (const pid of pids.filter(alive)) process.kill(pid, 'SIGKILL');
  process.exit(code);
}

async function waitFor(what, probe, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value) return value;
    } catch {
      // not yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`timed out waiting for ${what}`);
}

async function main() {
  process.on('SIGINT', () => void stopAll(0));
  process.on('SIGTERM', () => void stopAll(0));

  if (!args.includes('--no-build')) {
    step('Building the extension, the CLI and the agent (npm run build)');
    run(process.execPath, ['scripts/build.mjs', '--production']);
  }

  step('Checking code-server and chromium prerequisites (installed on first use)');
  ensureE2eDeps();

  step(
    'Starting the sandbox (simulated S3, EC2, CloudWatch Logs, Step Functions, CloudFormation and more on 127.0.0.1)',
  );
  mkdirSync(workspace, { recursive: true });
  const envFile = join(workspace, '.env');
  const sandboxPort = await pickPort(4566);
  // A fresh sandbox has fresh data: the .env of an earlier one must not be mistaken for its answer.
  rmSync(envFile, { force: true });
  startChild(
    'the sandbox',
    process.execPath,
    ['dist/cli.js', 'sandbox', '--port', String(sandboxPort), '--write-env', envFile],
    join(cache, 'sandbox.log'),
  );
  await waitFor(
    'the sandbox to write .cache/demo-workspace/.env',
    () => existsSync(envFile) && readFileSync(envFile, 'utf8').includes(`127.0.0.1:${sandboxPort}`),
    30_000,
  );
  console.log(`  sandbox on http://127.0.0.1:${sandboxPort}; settings in ${envFile}`);

  step('Packaging the extension (vsce package --no-dependencies)');
  const vsix = join(cache, 'adatrap-miner.vsix');
  run(process.execPath, [
    join(root, 'node_modules', '@vscode', 'vsce', 'vsce'),
    ...CODE_SERVER.vscePackage,
    '--out',
    vsix,
  ]);

  step('Installing it into code-server');
  const dirs = {
    userData: join(stateDir, 'user-data'),
    extensions: join(stateDir, 'extensions'),
    xdgConfig: join(stateDir, 'xdg-config'),
    xdgData: join(stateDir, 'xdg-data'),
  };
  for (const d of Object.values(dirs)) mkdirSync(d, { recursive: true });
  mkdirSync(join(dirs.userData, 'User'), { recursive: true });
  writeFileSync(join(dirs.userData, 'User', 'settings.json'), JSON.stringify(CODE_SERVER.quietSettings, null, 2));
  const env = {
    ...process.env,
    XDG_CONFIG_HOME: dirs.xdgConfig,
    XDG_DATA_HOME: dirs.xdgData,
    AWS_EC2_METADATA_DISABLED: 'true',
  };
  const common = ['--user-data-dir', dirs.userData, '--extensions-dir', dirs.extensions, ...CODE_SERVER.quietFlags];
  run(process.execPath, [codeServerEntry(), ...common, '--install-extension', vsix, '--force'], {
    env,
    stdio: ['ignore', 'ignore', 'inherit'],
  });

  step('Starting code-server');
  if (Number.isNaN(requestedPort)) throw new Error('--port needs a number');
  const port = await pickPort(requestedPort);
  // Anyone on this machine can reach a loopback port, and VS Code runs code: a random password, printed once,
  // passed to code-server through its PASSWORD variable (not the command line, which `ps` shows).
  const password = randomBytes(18).toString('base64url');
  startChild(
    'code-server',
    process.execPath,
    [codeServerEntry(), ...common, '--auth', 'password', '--bind-addr', `127.0.0.1:${port}`],
    join(cache, 'code-server.log'),
    { ...env, PASSWORD: password },
  );
  await waitFor('code-server', async () => (await fetch(`http://127.0.0.1:${port}/healthz`)).ok, 60_000);

  const url = `http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}`;
  console.log(`
ADATRAP Miner is running on the local sandbox. Open:

    ${url}

Password (printed only here, new at each start): ${password}

Then, in VS Code: the ADATRAP icon in the activity bar shows ${viewList(activityBarViews(root))}.
Try "ADATRAP: Launch Run for Date(s)" with 2020-06-29 (F1 opens the command palette).
Logs: .cache/sandbox.log, .cache/code-server.log. Press Ctrl-C to stop everything.`);
}

main().catch(async (e) => {
  console.error(`\nnpm start failed: ${e instanceof Error ? e.message : String(e)}`);
  await stopAll(1);
});
