// The sandbox as a separate process (`node dist/cli.js sandbox --port P --write-env FILE`), exactly as a user
// starts it, so the browser-driven tests exercise the same code path as `npm start`.
import { ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { sandboxControlFromEnv } from '../../../src/sandbox/control';
import { freePort, killTree, spawnLogged, waitUntil } from './processes';

export interface SandboxProcess {
  readonly port: number;
  readonly endpoint: string;
  /** The variables the sandbox wrote into the workspace `.env` (contains a fake secret key: never print it). */
  readonly env: Record<string, string>;
  stop(): Promise<void>;
}

function parseDotEnv(text: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const line of text.split(/\r?\n/)) {
    const match = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/.exec(line);
    if (!match) continue;
    env[match[1]] = match[2].trim().replace(/^(['"])(.*)\1$/, '$2');
  }
  return env;
}

export async function startSandboxProcess(repoRoot: string, envFile: string, logFile: string): Promise<SandboxProcess> {
  const cli = path.join(repoRoot, 'dist', 'cli.js');
  if (!existsSync(cli)) throw new Error(`${cli} is missing: run \`npm run build\` first`);
  const port = await freePort();
  const child: ChildProcess = spawnLogged(
    process.execPath,
    [cli, 'sandbox', '--port', String(port), '--write-env', envFile],
    logFile,
    {
      cwd: repoRoot,
      env: { ...process.env, AWS_EC2_METADATA_DISABLED: 'true', ADATRAP_LANG: 'en' },
    },
  );
  let exited: string | undefined;
  child.once('exit', (code, sig) => (exited = `sandbox exited (${code ?? sig}); see ${logFile}`));
  const endpoint = `http://127.0.0.1:${port}`;
  try {
    const env = await waitUntil(
      'the sandbox to write its .env',
      () => {
        if (exited) throw new Error(exited);
        if (!existsSync(envFile)) return undefined;
        const values = parseDotEnv(readFileSync(envFile, 'utf8'));
        return values.OUTPUT_DATA_BUCKET_NAME ? values : undefined;
      },
      30_000,
    );
    const control = sandboxControlFromEnv(env);
    await waitUntil('the sandbox to answer', async () => ((await control.state()) ? true : undefined), 15_000);
    return { port, endpoint, env, stop: () => killTree(child.pid) };
  } catch (e) {
    await killTree(child.pid);
    throw e;
  }
}
