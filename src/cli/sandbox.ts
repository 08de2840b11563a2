// `adatrap-miner sandbox [--port 4566] [--data DIR] [--no-seed] [--write-env PATH]`: the local AWS simulator,
// serving until SIGINT/SIGTERM. It prints the .env lines that point every tool at it.
import { mkdir, readFile, stat } from 'node:fs/promises';
import { safeWrite } from '../files/safeWrite';
import { join, resolve } from 'node:path';
import { Command } from 'commander';
import { EnvFile } from '../core/envFile';
import { InputError, UserError, errorMessage } from '../core/errors';
import { t } from '../core/i18n';
import { startSandbox, type InstanceSnapshot, type RequestSummary, type Sandbox } from '../sandbox';
import { globalOptions } from './program';
import { createAgentLauncher } from '../sandbox/agentLauncher';
import { INCOMPLETE_DAY, SEEDED_DAYS, SEEDED_PO_DATES } from '../sandbox/seed';

interface SandboxCommandOptions {
  port: number;
  data?: string;
  seed: boolean;
  writeEnv?: string;
  traceRequests?: boolean;
}

export function register(program: Command): void {
  program
    .command('sandbox')
    .description(t('sandbox.cli.description'))
    .option('--port <port>', t('sandbox.cli.port'), parsePort, 4566)
    .option('--data <dir>', t('sandbox.cli.data'))
    .option('--no-seed', t('sandbox.cli.noSeed'))
    .option('--write-env <path>', t('sandbox.cli.writeEnv'))
    .option('--trace-requests', t('sandbox.cli.traceRequests'))
    .action(async (options: SandboxCommandOptions, cmd: Command) => {
      const verbose = globalOptions(cmd).verbose === true;
      const sandbox = await openSandbox(options, (text) => process.stdout.write(text), { verbose });
      await untilSignal();
      process.stdout.write(`${t('sandbox.stopping')}\n`);
      await sandbox.close();
      process.stdout.write(`${t('sandbox.stopped')}\n`);
    });
}

/**
 * Starts the sandbox and prints its banner and settings, then one line per machine state change (and, verbose,
 * every console line of the machines); the caller decides how long it serves.
 */
async function openSandbox(
  options: SandboxCommandOptions,
  write: (text: string) => void,
  activity: { verbose?: boolean } = {},
): Promise<Sandbox> {
  const dataDir = options.data === undefined ? undefined : resolve(options.data);
  if (dataDir !== undefined) {
    try {
      await mkdir(dataDir, { recursive: true });
    } catch (e) {
      throw new InputError(t('sandbox.dataUnusable', { dir: dataDir, reason: errorMessage(e) }));
    }
  }
  let sandbox: Sandbox;
  try {
    // Machines run the real agent with the simulated executable (src/sandbox/agentLauncher.ts).
    const onOutput = activity.verbose
      ? (instanceId: string, line: string) =>
          write(`${t('sandbox.machineLine', { time: clock(), instanceId, line })}\n`)
      : undefined;
    const launcher = createAgentLauncher({ ...(dataDir ? { workRoot: join(dataDir, 'machines') } : {}), onOutput });
    sandbox = await startSandbox({
      port: options.port,
      dataDir,
      seed: options.seed,
      launcher,
      onInstanceState: (i) => write(`${instanceLine(i)}\n`),
      onRequest: options.traceRequests ? (r) => write(`${requestLine(r)}\n`) : undefined,
    });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EADDRINUSE')
      throw new UserError(t('sandbox.portInUse', { port: options.port }));
    throw new UserError(t('sandbox.startFailed', { reason: errorMessage(e) }));
  }
  try {
    if (options.writeEnv !== undefined) await writeEnvFile(resolve(options.writeEnv), sandbox.env);
  } catch (e) {
    await sandbox.close();
    throw e;
  }
  write(bannerText(sandbox, options, dataDir));
  return sandbox;
}

function bannerText(sandbox: Sandbox, options: SandboxCommandOptions, dataDir: string | undefined): string {
  const lines = [
    t('sandbox.banner', { endpoint: sandbox.endpoint }),
    t('sandbox.bannerNoAws'),
    sandbox.seeded
      ? t('sandbox.seeded', {
          days: SEEDED_DAYS.join(', '),
          incomplete: INCOMPLETE_DAY,
          po: SEEDED_PO_DATES.join(', '),
        })
      : options.seed
        ? t('sandbox.reused')
        : t('sandbox.empty'),
    dataDir ? t('sandbox.dataKept', { dir: dataDir }) : t('sandbox.dataTemporary'),
    ...(options.writeEnv !== undefined ? [t('sandbox.envWritten', { path: resolve(options.writeEnv) })] : []),
    '',
    t('sandbox.envHeader'),
    sandbox.envText(),
    '',
    t('sandbox.exportHeader'),
    `export AWS_ENDPOINT_URL=${sandbox.endpoint}`,
    t('sandbox.controlHint', { endpoint: sandbox.endpoint }),
    '',
    t('sandbox.ready'),
  ];
  return `${lines.join('\n')}\n`;
}

function instanceLine(i: InstanceSnapshot): string {
  const params = { time: clock(), instanceId: i.instanceId, date: i.tags['adatrap:date'] ?? '-', state: i.state };
  if (i.exitCode !== undefined && (i.state === 'shutting-down' || i.state === 'stopping')) {
    return t('sandbox.instanceExited', { ...params, code: i.exitCode === null ? '-' : i.exitCode });
  }
  return t('sandbox.instanceState', params);
}

function requestLine(r: RequestSummary): string {
  const status = r.status === 0 ? t('sandbox.connectionCut') : String(r.status);
  return t('sandbox.requestLine', {
    time: clock(),
    service: r.service,
    operation: r.operation,
    resource: r.resource,
    status,
    ms: r.ms,
  });
}

function clock(): string {
  return new Date().toTimeString().slice(0, 8);
}

/** Sets every sandbox key in the file, keeping the user's other lines and comments; creates it when absent. */
async function writeEnvFile(path: string, values: Record<string, string>): Promise<void> {
  try {
    const existing = await stat(path).catch(() => undefined);
    const file = EnvFile.parse(existing ? await readFile(path, 'utf8') : '');
    for (const [key, value] of Object.entries(values)) file.set(key, value);
    // All or nothing (a crash mid-write never leaves half a .env), keeping its mode (it may hold secrets).
    await safeWrite(path, file.toString(), {
      replace: existing !== undefined,
      mode: existing ? existing.mode & 0o777 : undefined,
    });
  } catch (e) {
    throw new InputError(t('sandbox.writeEnvFailed', { path, reason: errorMessage(e) }));
  }
}

function parsePort(value: string): number {
  const port = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isInteger(port) || port > 65535) {
    throw new InputError(t('sandbox.badPort', { value }));
  }
  return port;
}

function untilSignal(): Promise<void> {
  return new Promise((resolveStop) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolveStop();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}
