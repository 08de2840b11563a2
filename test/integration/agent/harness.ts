// A sandbox whose machines run the real agent (dist/agent.js, fetched from the sandbox's bucket as a machine
// would) with the simulated executable, plus the probes the agent tests assert with.
import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DescribeInstancesCommand } from '@aws-sdk/client-ec2';
import { GetLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { createClients, type AwsClients } from '../../../src/aws/clients';
import { S3Storage } from '../../../src/aws/storage';
import { ensureAgentBundle, type AgentBundle } from '../../../src/aws/agentBundle';
import { resolveAmiId } from '../../../src/aws/amiResolver';
import { Ec2Images } from '../../../src/aws/images';
import type { LauncherDeps } from '../../../src/aws/launcher';
import { CloudWatchLogs } from '../../../src/aws/logs';
import { Ec2Runs } from '../../../src/aws/runs';
import { loadConfig, type AdatrapConfig } from '../../../src/core/config';
import { buildLaunchPlan, TAG } from '../../../src/core/launchPlan';
import { startSandbox, type Sandbox } from '../../../src/sandbox';
import { createAgentLauncher } from '../../../src/sandbox/agentLauncher';
import type { InstanceLauncher } from '../../../src/sandbox/instanceLauncher';

export const REPO = resolve(__dirname, '..', '..', '..', '..');
export const AGENT_JS = join(REPO, 'dist', 'agent.js');
export const SIM_JS = join(REPO, 'dist', 'pvmtsc-sim.js');

export interface AgentSandbox {
  sb: Sandbox;
  clients: AwsClients;
  storage: S3Storage;
  config: AdatrapConfig;
  bundle: AgentBundle;
  workRoot: string;
  close(): Promise<void>;
}

interface LaunchOptions {
  debug?: boolean;
  simMode?: 'ok' | 'fail' | 'hang' | 'stderr';
  exeTimeoutSeconds?: number;
  /** Another bundle than the uploaded one, e.g. one the bucket does not hold. */
  agentSha256?: string;
}

interface AgentSandboxOptions {
  /** Another machine launcher than the agent tests' direct start, e.g. the boot through pwsh. */
  launcher?: (workRoot: string) => InstanceLauncher;
  /** PutLogEvents drops events too old or too new, as CloudWatch Logs does (off in the sandbox by default). */
  rejectOutOfRangeLogEvents?: boolean;
  /** The sandbox clock (schedules, workflows): sandbox ms per second. */
  msPerSecond?: number;
}

export async function startAgentSandbox(options: AgentSandboxOptions = {}): Promise<AgentSandbox> {
  assert.ok(
    existsSync(AGENT_JS) && existsSync(SIM_JS),
    'dist/agent.js and dist/pvmtsc-sim.js are built by `npm run build`',
  );
  process.env.AWS_EC2_METADATA_DISABLED = 'true';
  const workRoot = await mkdtemp(join(tmpdir(), 'adatrap-agent-test-'));
  const sb = await startSandbox({
    // These tests are about the agent: it starts directly; the boot through the user data has its own tests.
    launcher:
      options.launcher?.(workRoot) ??
      createAgentLauncher({ workRoot, simSeconds: 0.5, simulatorScript: SIM_JS, boot: 'direct' }),
    timings: { pendingMs: 50, shuttingDownMs: 50 },
    rejectOutOfRangeLogEvents: options.rejectOutOfRangeLogEvents,
    ...(options.msPerSecond !== undefined ? { msPerSecond: options.msPerSecond } : {}),
  });
  const { config } = loadConfig('', sb.env);
  assert.ok(config, 'the sandbox env is a valid configuration');
  const clients = createClients({ ...config, region: 'us-east-1' });
  const storage = new S3Storage(clients.s3);
  const bundle = await ensureAgentBundle(storage, config.executablesBucket, AGENT_JS);
  return {
    sb,
    clients,
    storage,
    config,
    bundle,
    workRoot,
    async close() {
      clients.destroy();
      await sb.close();
      await rm(workRoot, { recursive: true, force: true });
    },
  };
}

/**
 * The real launch plan sent by the product's own launch adapter (Ec2Runs.launch, which launchDate calls). Not
 * launchDate itself: its general-stream lines come before RunInstances, and the fault tests fail every log call.
 */
export async function launchDay(env: AgentSandbox, date: string, options: LaunchOptions = {}): Promise<string> {
  const { plan } = buildLaunchPlan(env.config, {
    date,
    debug: options.debug,
    agentSha256: options.agentSha256 ?? env.bundle.sha256,
    agentVersion: 'test',
    language: 'es',
    exeTimeoutSeconds: options.exeTimeoutSeconds,
    extraTags: options.simMode ? { [TAG.simMode]: options.simMode } : undefined,
  });
  return new Ec2Runs(env.clients.ec2).launch(plan);
}

/**
 * launchDate's dependencies against this sandbox, wired like the product's (src/aws/launcherDeps.ts) but with the
 * bundle already uploaded and the simulated executable told to succeed; a test overrides what it varies.
 */
export function agentLauncherDeps(env: AgentSandbox, overrides: Partial<LauncherDeps> = {}): LauncherDeps {
  return {
    config: env.config,
    storage: env.storage,
    runs: new Ec2Runs(env.clients.ec2),
    logs: new CloudWatchLogs(env.clients.logs),
    agentBundle: () => Promise.resolve({ sha256: env.bundle.sha256, version: 'test' }),
    logLanguage: 'en',
    images: new Ec2Images(env.clients.ec2),
    resolveAmi: (amiId) => resolveAmiId(() => env.clients.ssm, amiId),
    extraTags: { [TAG.simMode]: 'ok' },
    ...overrides,
  };
}

interface EndState {
  state: string;
  tags: Record<string, string>;
}

/** Polls DescribeInstances until the machine is terminated (it must end by itself). */
export async function waitTerminated(env: AgentSandbox, id: string, timeoutMs = 30_000): Promise<EndState> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const out = await env.clients.ec2.send(new DescribeInstancesCommand({ InstanceIds: [id] }));
    const i = out.Reservations?.[0]?.Instances?.[0];
    const state = i?.State?.Name ?? 'unknown';
    const tags = Object.fromEntries((i?.Tags ?? []).map((t) => [t.Key ?? '', t.Value ?? '']));
    if (state === 'terminated') return { state, tags };
    if (Date.now() > until) assert.fail(`instance ${id} is still ${state} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Waits for the machine to end by itself and asserts its run succeeded (adatrap:status); `why` explains a miss. */
export async function waitSucceeded(env: AgentSandbox, id: string, why?: string): Promise<EndState> {
  const end = await waitTerminated(env, id);
  assert.equal(end.tags[TAG.status], 'succeeded', why);
  return end;
}

export async function streamLines(env: AgentSandbox, stream: string): Promise<string[]> {
  try {
    const out = await env.clients.logs.send(
      new GetLogEventsCommand({ logGroupName: env.config.logGroup, logStreamName: stream, startFromHead: true }),
    );
    return (out.events ?? []).map((e) => e.message ?? '');
  } catch (e) {
    if ((e as { name?: string }).name === 'ResourceNotFoundException') return [];
    throw e;
  }
}

export async function outputKeys(env: AgentSandbox): Promise<string[]> {
  return (await env.storage.listAll(env.config.outputBucket)).map((o) => o.key).sort();
}

/** Processes whose command line or working folder lies in the machines' folder: there must be none. */
function processesUnder(root: string): string[] {
  if (process.platform !== 'linux') return [];
  const found: string[] = [];
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
      const cwd = readlinkSync(`/proc/${pid}/cwd`);
      if (cmd.includes(root) || cwd.startsWith(root)) found.push(`${pid}: ${cmd}`);
    } catch {
      // Gone meanwhile, or not ours to read.
    }
  }
  return found;
}

/** Waits a little for the killed process group to be reaped before asserting none is left. */
export async function assertNoProcessLeft(root: string): Promise<void> {
  const until = Date.now() + 3000;
  let left = processesUnder(root);
  while (left.length > 0 && Date.now() < until) {
    await new Promise((r) => setTimeout(r, 100));
    left = processesUnder(root);
  }
  assert.deepEqual(left, [], 'a process of a terminated machine is still running');
}

export function ofLevel(lines: string[], level: 'INFO' | 'ERROR'): string[] {
  return lines.filter((l) => l.includes(`\t${level}: `));
}
