// The sandbox's machines. Where PowerShell (pwsh) is installed, a machine boots THROUGH its real user data
// (src/sandbox/windows/powershellMachine.ts): the script downloads and hash-checks node.exe and the agent from the
// sandbox's EXECUTABLES_BUCKET, arms the deadline, starts the agent and records a failed boot, exactly as on
// Windows. Without pwsh (a user's workstation), the launcher does the same steps in Node (decode the run config,
// fetch and verify the agent, start it) and says so once. Either way the executable is the simulator, the sandbox
// credentials stand in for the instance profile, and TerminateInstances kills the whole process group. User data
// that is not an ADATRAP Miner script boots a machine that does nothing.
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createWriteStream, existsSync } from 'node:fs';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { statusTagValue } from '../../agent/instanceControl';
import { killTree } from '../../agent/runExecutable';
import { createClients } from '../aws/clients';
import { ec2Sdk } from '../aws/ec2Sdk';
import { logsSdk } from '../aws/sdk';
import { S3Storage } from '../aws/storage';
import { encodeRunConfig, type AgentRunConfig } from '../core/agentRunConfig';
import { errorMessage } from '../core/errors';
import { t, tIn } from '../core/i18n';
import { formatLogLine } from '../core/logFormat';
import { TAG } from '../core/launchPlan';
import { agentBundleFromUserData, runConfigFromUserData, taskTokenFromUserData } from '../core/userData';
import { bootPowerShellMachine, findPwsh } from './windows/powershellMachine';
import { idleLauncher, type InstanceLaunch, type InstanceLauncher, type LaunchedInstance } from './instanceLauncher';

interface AgentLauncherOptions {
  /**
   * Where each machine gets its own folder (user-data.ps1, agent.js, console.log, tmp/, ADATRAP/); default a
   * private temporary folder (mode 0700) made for this launcher.
   */
  workRoot?: string;
  /** The simulated executable; dist/pvmtsc-sim.js by default. */
  simulatorScript?: string;
  /** Default seconds the simulator takes; an `adatrap:sim-seconds` tag overrides it per machine. */
  simSeconds?: number;
  /** GiB of each root volume Windows itself takes (SANDBOX_WINDOWS_GB by default); the agent sees the rest free. */
  windowsDiskGb?: number;
  /** Every console line of every machine, e.g. for the sandbox's own output. */
  onOutput?: (instanceId: string, line: string) => void;
  /**
   * `powershell`: run the user data in pwsh (the default when pwsh is found); `direct`: start the agent from Node
   * (the default without pwsh; tests of the agent itself choose it, the boot path has its own tests).
   */
  boot?: 'powershell' | 'direct';
  /** Told once when machines start directly because pwsh is missing; console.warn by default. */
  onNotice?: (message: string) => void;
}

/** Beside the running bundle (dist/), or the repository's dist/ when running compiled tests. */
function locateSimulator(from: string = __dirname): string {
  const candidates = [
    join(from, 'pvmtsc-sim.js'),
    ...[1, 2, 3].map((up) => resolve(from, ...Array<string>(up).fill('..'), 'dist', 'pvmtsc-sim.js')),
  ];
  return candidates.find((c) => existsSync(c)) ?? candidates[candidates.length - 1];
}

const STOP_GRACE_MS = 3000;

// Only what a bare machine would have: no developer AWS keys or profiles leak into the simulated instance.
const INHERITED_ENV = ['PATH', 'SYSTEMROOT', 'TEMP', 'TMP', 'TMPDIR', 'HOME', 'USERPROFILE', 'LANG', 'LC_ALL'];

/**
 * Where the launcher's machine folders go. A fixed folder under /tmp could be pre-created (or symlinked) by
 * another user of the machine: without a workRoot, each launcher gets its own private folder (mkdtemp, mode
 * 0700) on first use, and the same one after.
 */
export function machinesRoot(workRoot?: string): () => Promise<string> {
  let privateRoot: Promise<string> | undefined;
  return async () => {
    if (workRoot !== undefined) {
      await mkdir(workRoot, { recursive: true, mode: 0o700 });
      return workRoot;
    }
    privateRoot ??= mkdtemp(join(tmpdir(), 'adatrap-sandbox-machines-'));
    return privateRoot;
  };
}

export function createAgentLauncher(options: AgentLauncherOptions = {}): InstanceLauncher {
  const workRoot = machinesRoot(options.workRoot);
  const pwsh = options.boot === 'direct' ? undefined : findPwsh();
  let noticeGiven = options.boot === 'direct';
  return {
    async start(launch: InstanceLaunch): Promise<LaunchedInstance> {
      const bundle = agentBundleFromUserData(launch.userData);
      if (!bundle) return idleLauncher.start(launch);
      const runConfig = runConfigFromUserData(launch.userData);
      const root = await workRoot();
      const workDir = await mkdtemp(join(root, `${launch.instanceId}-`));
      const simulator = options.simulatorScript ?? locateSimulator();
      const machineEnv = (): NodeJS.ProcessEnv => {
        const env: NodeJS.ProcessEnv = {};
        for (const name of INHERITED_ENV) if (process.env[name] !== undefined) env[name] = process.env[name];
        return Object.assign(env, {
          AWS_ACCESS_KEY_ID: launch.env.AWS_ACCESS_KEY_ID,
          AWS_SECRET_ACCESS_KEY: launch.env.AWS_SECRET_ACCESS_KEY,
          AWS_REGION: runConfig.region,
          AWS_ENDPOINT_URL: launch.endpoint,
          // The machine's own IMDS when the sandbox serves one (the agent reads its id and Spot notices there);
          // the static keys above come first in the SDK credential chain, so it never asks IMDS for credentials.
          ...(launch.imdsEndpoint
            ? { AWS_EC2_METADATA_SERVICE_ENDPOINT: launch.imdsEndpoint }
            : { AWS_EC2_METADATA_DISABLED: 'true' }),
          ADATRAP_INSTANCE_ID: launch.instanceId,
          ADATRAP_EXECUTABLE_COMMAND: `"${process.execPath}" "${simulator}"`,
          ...sandboxDisk(launch.rootVolumeGb, options.windowsDiskGb ?? SANDBOX_WINDOWS_GB),
          PVMTSC_SIM_MODE: launch.tags[TAG.simMode] ?? 'ok',
          PVMTSC_SIM_SECONDS: launch.tags['adatrap:sim-seconds'] ?? String(options.simSeconds ?? 3),
        });
      };
      if (pwsh) {
        const child = await bootPowerShellMachine({
          pwsh,
          root: workDir,
          userData: launch.userData,
          env: machineEnv(),
        });
        return supervise(child, workDir, launch, options.onOutput);
      }
      if (!noticeGiven && options.boot === undefined) {
        noticeGiven = true;
        (options.onNotice ?? ((m: string) => console.warn(m)))(t('boot.sandboxDirectStart'));
      }
      await writeFile(join(workDir, 'user-data.ps1'), launch.userData);
      const agentPath = join(workDir, 'agent.js');
      try {
        await writeFile(agentPath, await fetchVerifiedAgent(launch, runConfig.buckets.executables, bundle));
      } catch (e) {
        // What the user data's catch block does on a real machine, before it shuts down.
        await reportBootstrapFailure(launch, runConfig, errorMessage(e));
        throw e;
      }

      const env: NodeJS.ProcessEnv = {
        ...machineEnv(),
        ADATRAP_RUN_CONFIG: encodeRunConfig(runConfig),
        ADATRAP_WORK_DIR: workDir,
      };
      // What the user data sets before it starts the agent on a workflow machine (it reports with the token).
      const taskToken = taskTokenFromUserData(launch.userData);
      if (taskToken) env.ADATRAP_TASK_TOKEN = taskToken;
      const args = [agentPath, 'execute-adatrap', runConfig.date, ...(runConfig.debug ? ['-d'] : [])];
      const child = spawn(process.execPath, args, {
        cwd: workDir,
        env,
        detached: process.platform !== 'win32',
        stdio: ['ignore', 'pipe', 'pipe'],
        windowsHide: true,
      });
      return supervise(child, workDir, launch, options.onOutput);
    },
  };
}

/**
 * The machine's disk is its root volume, of which Windows Server itself takes about 20 GiB (a fresh Amazon Windows
 * Server 2022 Base machine on its 30 GiB snapshot has roughly 10 GiB free): the agent sees the rest as free
 * (ADATRAP_SANDBOX_DISK, `free/total` bytes) instead of the host's disk.
 */
const SANDBOX_WINDOWS_GB = 20;

function sandboxDisk(rootVolumeGb: number | undefined, windowsGb: number): Record<string, string> {
  if (rootVolumeGb === undefined) return {};
  const total = rootVolumeGb * 1024 ** 3;
  const free = Math.max(0, total - windowsGb * 1024 ** 3);
  return { ADATRAP_SANDBOX_DISK: `${free}/${total}` };
}

/** console.log of the machine, every line to onOutput, and stop() as a shutdown does it. */
function supervise(
  child: ChildProcess,
  workDir: string,
  launch: InstanceLaunch,
  onOutput?: (instanceId: string, line: string) => void,
): LaunchedInstance {
  const consoleLog = createWriteStream(join(workDir, 'console.log'));
  const forward = (chunk: Buffer) => {
    consoleLog.write(chunk);
    launch.console?.(chunk.toString('utf8'));
    if (onOutput) for (const line of chunk.toString('utf8').split(/\r?\n/)) if (line) onOutput(launch.instanceId, line);
  };
  child.stdout?.on('data', forward);
  child.stderr?.on('data', forward);
  const exited = new Promise<{ code: number | null }>((resolveExit) => {
    child.once('error', () => resolveExit({ code: null }));
    child.once('close', (code) => {
      consoleLog.end();
      resolveExit({ code });
    });
  });
  return {
    exited,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      // As a shutdown does: ask first (the agent then stops its executable), then pull the plug.
      killTree(child.pid, 'SIGTERM');
      const gone = await Promise.race([
        exited.then(() => true),
        new Promise<boolean>((r) => setTimeout(() => r(false), STOP_GRACE_MS).unref()),
      ]);
      if (!gone) killTree(child.pid);
      await exited;
    },
  };
}

function sandboxClients(launch: InstanceLaunch) {
  return createClients({
    region: launch.env.REGION_NAME ?? 'us-east-1',
    accessKeyId: launch.env.AWS_ACCESS_KEY_ID,
    secretAccessKey: launch.env.AWS_SECRET_ACCESS_KEY,
    endpoints: { default: launch.endpoint },
  });
}

async function reportBootstrapFailure(
  launch: InstanceLaunch,
  runConfig: AgentRunConfig,
  detail: string,
): Promise<void> {
  const clients = sandboxClients(launch);
  const reason = tIn(runConfig.language, 'agent.bootstrapFailed', { date: runConfig.date }) + detail;
  try {
    await clients.ec2.send(
      new (ec2Sdk().CreateTagsCommand)({
        Resources: [launch.instanceId],
        Tags: [{ Key: TAG.status, Value: statusTagValue({ ok: false, reason: detail }) }],
      }),
    );
    await clients.logs.send(
      new (logsSdk().PutLogEventsCommand)({
        logGroupName: runConfig.logGroup,
        logStreamName: runConfig.generalLogStream,
        logEvents: [{ timestamp: Date.now(), message: formatLogLine('ERROR', reason, new Date()) }],
      }),
    );
  } catch {
    // Best effort, as on the machine.
  } finally {
    clients.destroy();
  }
}

async function fetchVerifiedAgent(
  launch: InstanceLaunch,
  bucket: string,
  bundle: { key: string; sha256: string },
): Promise<Buffer> {
  const clients = sandboxClients(launch);
  try {
    let body: Buffer;
    try {
      body = await new S3Storage(clients.s3).getBytes(bucket, bundle.key);
    } catch (e) {
      throw new Error(`s3://${bucket}/${bundle.key}: ${errorMessage(e)}`);
    }
    const actual = createHash('sha256').update(body).digest('hex');
    if (actual !== bundle.sha256) throw new Error(`SHA-256 mismatch: ${bundle.key}`);
    return body;
  } finally {
    clients.destroy();
  }
}
