// startSandbox: the local AWS (S3, EC2, STS, CloudWatch Logs) on one loopback port, seeded and fault-injectable.
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import type { Server } from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import { Ec2Handler } from './ec2/handler';
import { SANDBOX_ACCOUNT_ID } from './ec2/request';
import { Ec2State, type Ec2Timings, type Instance } from './ec2/state';
import {
  envLines,
  sandboxEnv,
  SANDBOX_AMI_ID,
  SANDBOX_AMI_NAME,
  SANDBOX_CREDENTIALS,
  SANDBOX_NAMES,
  SANDBOX_REGION,
  SANDBOX_SCHEDULER_ROLE_ARN,
} from './env';
import { API_BODY_LIMIT, S3_BODY_LIMIT } from './auth/access';
import { Faults } from './faults';
import { idleLauncher, type InstanceLauncher } from './instanceLauncher';
import { LogsHandler } from './logs/handler';
import { LiveTail } from './logs/liveTail';
import { LogsStore } from './logs/store';
import { S3Regions, type S3RegionOptions } from './s3/regions';
import { S3Handler } from './s3/handler';
import { S3Store } from './s3/store';
import { loadState, saveState } from './persistence';
import { seed as seedSandbox } from './seed';
import { createServer, listen, type RequestSummary } from './server';
import { CfnHandler } from './cloudFormation/handler';
import { Stacks } from './cloudFormation/stacks';
import { PricingHandler } from './pricing/handler';
import { SchedulerHandler } from './scheduler/handler';
import { SchedulerService } from './scheduler/service';
import { SsmHandler } from './ssm/handler';
import { SfnHandler } from './stepFunctions/handler';
import { SdkCaller, sdkActionExists } from './stepFunctions/sdkCaller';
import { SfnService } from './stepFunctions/service';

export interface SandboxOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Where objects are stored; a temp dir removed on close when absent. An existing dir keeps its objects. */
  dataDir?: string;
  /** Seed buckets, sample days, PO zips, log group and key pair (default true; skipped for a data dir in use). */
  seed?: boolean;
  /** What a running instance does; by default nothing (it stays running until terminated). */
  launcher?: InstanceLauncher;
  timings?: Partial<Ec2Timings>;
  /** Live-tail update period; AWS uses one second. */
  liveTailIntervalMs?: number;
  liveTailMaxSessionMs?: number;
  /** Every instance state change (pending, running, shutting-down, terminated …). */
  onInstanceState?: (instance: InstanceSnapshot) => void;
  /** Every AWS request once answered, e.g. for a request trace. */
  onRequest?: (summary: RequestSummary) => void;
  /**
   * Real milliseconds per second of workflow time (Step Functions Wait, Retry intervals, TimeoutSeconds,
   * HeartbeatSeconds) and of the Spot interruption notice: 1000 (default) is AWS time; tests use e.g. 10 so a
   * 300 s heartbeat lasts 3 s and a Spot machine ends 1.2 s after its notice.
   */
  msPerSecond?: number;
  /** Pause between a CloudFormation stack's resource operations (default 50 ms), so progress shows. */
  stackStepMs?: number;
  /** Body caps in bytes received (defaults: S3 5 GiB plus framing, other services 4 MiB); tests lower them. */
  limits?: { s3BodyBytes?: number; apiBodyBytes?: number };
  /** PutLogEvents drops events over 2 h ahead or 14 days old (rejectedLogEventsInfo) as AWS does; default off. */
  rejectOutOfRangeLogEvents?: boolean;
  /** Buckets placed in other regions than the sandbox's, and the CopyObject limit (tests lower it). */
  s3?: Omit<S3RegionOptions, 'defaultRegion'>;
}

export interface InstanceSnapshot {
  instanceId: string;
  state: string;
  stateReason?: string;
  /** 'spot' for a Spot Instance; on-demand otherwise. */
  lifecycle: 'spot' | 'on-demand';
  /** When a Spot interruption takes effect, once noticed (ISO). */
  interruptionTime?: string;
  launchTime: string;
  imageId: string;
  instanceType: string;
  keyName?: string;
  tags: Record<string, string>;
  /** Decoded user data, for inspection (e.g. "no secret in the user data"). */
  userData: string;
  iamInstanceProfile?: string;
  shutdownBehavior: string;
  exitCode?: number | null;
  launchError?: string;
}

export interface SandboxSnapshot {
  endpoint: string;
  instances: InstanceSnapshot[];
  keyPairs: string[];
  logGroups: Array<{ name: string; streams: Array<{ name: string; events: number }> }>;
  faults: ReturnType<Faults['list']>;
  requests: Record<string, number>;
  liveTailSessions: number;
}

export interface Sandbox {
  port: number;
  endpoint: string;
  /** The `.env` values that point the tools at this sandbox, the control token (SANDBOX_CONTROL_TOKEN) included. */
  env: Record<string, string>;
  /** The bearer token of /_sandbox/* (new at each start): use `sandboxControl(endpoint, controlToken)`. */
  controlToken: string;
  envText(): string;
  faults: Faults;
  state(): SandboxSnapshot;
  /** Direct access for tests and seeding; the wire API is the contract, these are conveniences. */
  s3: S3Store;
  logs: LogsStore;
  ec2: Ec2State;
  stepFunctions: SfnService;
  /** EventBridge Scheduler: schedules fire on the sandbox clock (msPerSecond); `invocations` records each. */
  scheduler: SchedulerService;
  stacks: Stacks;
  dataDir: string;
  /** False when seeding was off, or skipped because the kept data folder already held buckets. */
  seeded: boolean;
  close(): Promise<void>;
}

const DEFAULT_TIMINGS: Ec2Timings = { pendingMs: 300, shuttingDownMs: 300 };

export async function startSandbox(opts: SandboxOptions = {}): Promise<Sandbox> {
  const ownsDataDir = opts.dataDir === undefined;
  const dataDir = opts.dataDir ?? (await fs.mkdtemp(path.join(os.tmpdir(), 'adatrap-sandbox-')));
  let endpoint = '';
  let env: Record<string, string> = {};
  const controlToken = randomBytes(24).toString('base64url');
  const faults = new Faults();
  const s3 = new S3Store(dataDir);
  const logs = new LogsStore();
  const onInstanceState = opts.onInstanceState;
  const msPerSecond = opts.msPerSecond ?? 1000;
  const ec2: Ec2State = new Ec2State(
    opts.launcher ?? idleLauncher,
    () => ({ endpoint, env }),
    { ...DEFAULT_TIMINGS, spotNoticeMs: 120 * msPerSecond, ...opts.timings },
    onInstanceState ? (i) => onInstanceState(instanceSnapshot(i)) : undefined,
    { region: SANDBOX_REGION, accountId: SANDBOX_ACCOUNT_ID, onRunning: (i) => armInterruption(i) },
  );
  // An `interrupt` fault reclaims a matching Spot machine once it runs: notice first, the end two minutes later.
  function armInterruption(i: Instance): void {
    if (i.lifecycle !== 'spot') return;
    const fault = faults.pick(
      {
        service: 'ec2',
        operation: 'RunInstances',
        market: 'spot',
        instanceType: i.instanceType,
        instanceId: i.instanceId,
        date: i.tags.get('adatrap:date'),
      },
      ['interrupt'],
    );
    if (!fault) return;
    const interrupt = (): void => {
      try {
        ec2.interrupt(i.instanceId, fault.noticeMs);
      } catch {
        // Already ended by then: nothing left to interrupt.
      }
    };
    if (fault.afterMs) setTimeout(interrupt, fault.afterMs).unref();
    else interrupt();
  }
  ec2.addImage(SANDBOX_AMI_ID, SANDBOX_AMI_NAME, 'Windows Server 2022 (ADATRAP sandbox image: runs the agent locally)');
  const liveTail = new LiveTail(logs, faults, {
    intervalMs: opts.liveTailIntervalMs ?? 1000,
    maxSessionMs: opts.liveTailMaxSessionMs ?? 3 * 60 * 60 * 1000,
    accountId: SANDBOX_ACCOUNT_ID,
    region: SANDBOX_REGION,
  });

  const sdkCaller = new SdkCaller(() => ({
    endpoint,
    region: SANDBOX_REGION,
    credentials: { ...SANDBOX_CREDENTIALS },
  }));
  const stepFunctions = new SfnService({
    region: SANDBOX_REGION,
    accountId: SANDBOX_ACCOUNT_ID,
    msPerSecond,
    host: { callSdk: (resource, parameters, signal) => sdkCaller.call(resource, parameters, signal) },
    actionExists: sdkActionExists,
  });

  // IAM instance profiles RunInstances accepts: the seeded one, and those CloudFormation stacks create.
  const instanceProfiles: string[] = [SANDBOX_NAMES.instanceProfile];
  const stacks = new Stacks({
    region: SANDBOX_REGION,
    accountId: SANDBOX_ACCOUNT_ID,
    logs,
    stepFunctions,
    instanceProfiles,
    stepMs: opts.stackStepMs ?? 50,
  });

  const scheduler = new SchedulerService({
    region: SANDBOX_REGION,
    accountId: SANDBOX_ACCOUNT_ID,
    msPerSecond,
    roleAssumable: (arn) => {
      if (arn === SANDBOX_SCHEDULER_ROLE_ARN) return true;
      const m = /^arn:aws:iam::(\d{12}):role\/(?:.*\/)?([^/]+)$/.exec(arn);
      return m?.[1] === SANDBOX_ACCOUNT_ID && stacks.roleTrusts(m[2] ?? '', 'scheduler.amazonaws.com');
    },
    groupExists: (name) => stacks.hasResource('AWS::Scheduler::ScheduleGroup', name),
    callSdk: (resource, parameters, signal) => sdkCaller.call(resource, parameters, signal),
  });

  let server: Server | undefined;
  let seeded = false;
  try {
    await s3.init();
    if (!ownsDataDir) await loadState(dataDir, logs, ec2);
    // A kept data folder that already holds buckets is the user's: seeding again would undo their changes.
    seeded = opts.seed !== false && s3.listBuckets().length === 0;
    if (seeded) await seedSandbox(s3, logs, ec2);
    server = createServer({
      access: {
        accessKeyId: SANDBOX_CREDENTIALS.accessKeyId,
        secretAccessKey: SANDBOX_CREDENTIALS.secretAccessKey,
        region: SANDBOX_REGION,
        s3Regions: Object.values(opts.s3?.bucketRegions ?? {}),
        s3BodyLimit: opts.limits?.s3BodyBytes ?? S3_BODY_LIMIT,
        apiBodyLimit: opts.limits?.apiBodyBytes ?? API_BODY_LIMIT,
      },
      controlToken,
      s3: new S3Handler(s3, faults, new S3Regions({ defaultRegion: SANDBOX_REGION, ...opts.s3 })),
      ec2: new Ec2Handler(ec2, faults, SANDBOX_REGION, instanceProfiles),
      logs: new LogsHandler(logs, faults, liveTail, {
        accountId: SANDBOX_ACCOUNT_ID,
        region: SANDBOX_REGION,
        rejectOutOfRangeEvents: opts.rejectOutOfRangeLogEvents === true,
      }),
      sfn: new SfnHandler(stepFunctions, faults),
      pricing: new PricingHandler(faults),
      cloudFormation: new CfnHandler(stacks, faults),
      scheduler: new SchedulerHandler(scheduler, faults),
      ssm: new SsmHandler(faults, SANDBOX_REGION, SANDBOX_AMI_ID),
      faults,
      state: () => snapshot(),
      onRequest: opts.onRequest,
    });
    const port = await listen(server, opts.port ?? 0);
    endpoint = `http://127.0.0.1:${port}`;
    env = sandboxEnv(endpoint, controlToken);
  } catch (e) {
    server?.close();
    if (ownsDataDir) await fs.rm(dataDir, { recursive: true, force: true });
    throw e;
  }
  const listening = server;
  const port = Number(new URL(endpoint).port);

  function snapshot(): SandboxSnapshot {
    return {
      endpoint,
      instances: [...ec2.instances.values()].map(instanceSnapshot),
      keyPairs: [...ec2.keyPairs.keys()],
      logGroups: logs.allGroups().map((g) => ({
        name: g.name,
        streams: [...g.streams.values()].map((s) => ({ name: s.name, events: s.events.length })),
      })),
      faults: faults.list(),
      requests: faults.counts(),
      liveTailSessions: liveTail.activeSessions,
    };
  }

  let closing: Promise<void> | undefined;
  return {
    port,
    endpoint,
    env,
    controlToken,
    envText: () => envLines(env),
    faults,
    state: snapshot,
    s3,
    logs,
    ec2,
    stepFunctions,
    scheduler,
    stacks,
    dataDir,
    seeded,
    close: () => {
      closing ??= (async () => {
        liveTail.closeAll();
        stepFunctions.stopAll();
        scheduler.stopAll();
        sdkCaller.close();
        await ec2.close();
        if (!ownsDataDir) await saveState(dataDir, logs, ec2);
        await new Promise<void>((resolve) => {
          listening.close(() => resolve());
          listening.closeAllConnections();
        });
        if (ownsDataDir) await fs.rm(dataDir, { recursive: true, force: true });
      })();
      return closing;
    },
  };
}

export type { InstanceLauncher, InstanceLaunch, LaunchedInstance } from './instanceLauncher';
export type { FaultSpec, FaultKind, SandboxService } from './faults';
export { Faults } from './faults';
export { sandboxControl, sandboxControlFromEnv, type SandboxControl } from './control';
export type { RequestSummary } from './server';

function instanceSnapshot(i: Instance): InstanceSnapshot {
  return {
    instanceId: i.instanceId,
    state: i.state,
    stateReason: i.stateReason?.message,
    lifecycle: i.lifecycle ?? 'on-demand',
    interruptionTime: i.interruptionTime,
    launchTime: i.launchTime.toISOString(),
    imageId: i.imageId,
    instanceType: i.instanceType,
    keyName: i.keyName,
    tags: Object.fromEntries(i.tags),
    userData: i.userData ? Buffer.from(i.userData, 'base64').toString('utf8') : '',
    iamInstanceProfile: i.iamInstanceProfile?.name ?? i.iamInstanceProfile?.arn,
    shutdownBehavior: i.shutdownBehavior,
    exitCode: i.exitCode,
    launchError: i.launchError,
  };
}
