// "Launch a date" and "launch a range keeping at most N live runs", shared by the CLI, the extension and the
// calendar. UI-agnostic: progress goes out as events, cancellation comes in as an AbortSignal.
import type { AdatrapConfig } from '../core/config';
import { eachDate, type DateRange } from '../core/dates';
import { InputError, UserError, errorMessage } from '../core/errors';
import { t, tIn, toLang, type Lang, type MessageKey, type MessageParams } from '../core/i18n';
import { buildLaunchPlan } from '../core/launchPlan';
import { formatLogLine, type LogLevel } from '../core/logFormat';
import { santiagoTimestamp } from '../core/santiagoTime';
import type { DateReadiness } from '../core/preflight';
import { actionError, awsErrorName, commonAwsProblem, httpStatus, logGroupError } from './awsErrors';
import type { DeadlineSchedules } from './deadlines';
import type { Images } from './images';
import { dailyInputKeys } from '../core/inputs';
import { plannedRootVolumeGb, rootBlockDevice, type BlockDeviceMapping } from '../core/rootVolume';
import type { Logs } from './logs';
import { launchPricing } from './launchPrices';
import type { Prices } from './prices';
import { checkDates } from './preflight';
import { isLive, type RunInfo, type Runs } from './runs';
import type { Storage } from './storage';
import { delayOrAbort } from '../core/delay';

interface AgentBundleRef {
  sha256: string;
  version: string;
}

export interface LauncherDeps {
  config: AdatrapConfig;
  storage: Storage;
  runs: Runs;
  logs: Logs;
  /** Makes sure the agent bundle is in EXECUTABLES_BUCKET (uploading it once) and says which one. */
  agentBundle: () => Promise<AgentBundleRef>;
  /**
   * Makes sure the pinned node.exe is in EXECUTABLES_BUCKET (src/aws/runtimeUpload.ts); the CLI and the extension
   * pass it. Without it the bucket must already hold the runtime, or every machine fails at boot.
   */
  runtime?: () => Promise<unknown>;
  /** Language of CloudWatch events: Spanish unless ADATRAP_LANG says otherwise. */
  logLanguage?: Lang;
  extraTags?: Record<string, string>;
  exeTimeoutSeconds?: number;
  /**
   * The EventBridge Scheduler schedules that terminate each machine at its deadline (src/aws/deadlines.ts);
   * absent when SCHEDULER_ROLE_ARN is not set, which each launch then reports as a warning.
   */
  deadlines?: DeadlineSchedules;
  /**
   * AMI_ID's root device and snapshot (DescribeImages): with it each machine gets a gp3 root volume of
   * ROOT_VOLUME_GB, or sized from the day's inputs; without it, the image's own volume.
   */
  images?: Images;
  /** Resolves AMI_ID `resolve:ssm:` parameters to the image id (src/aws/amiResolver.ts). */
  resolveAmi?: (amiId: string) => Promise<string>;
  /** Prices each machine before it starts, so it carries the price it ran at (src/aws/launchPrices.ts). */
  prices?: Prices;
}

interface LaunchOptions {
  force?: boolean;
  debug?: boolean;
  signal?: AbortSignal;
}

export interface Launched {
  date: string;
  instanceId: string;
  /** The machine started but writing its first log lines failed (it runs anyway). */
  warning?: string;
  /** The machine started without its deadline schedule (it still has its own shutdown). */
  deadlineWarning?: string;
}

export function logLanguage(env: NodeJS.ProcessEnv = process.env): Lang {
  return toLang(env.ADATRAP_LANG) ?? 'es';
}

/** One formatted line (SYSTEM.md format, Santiago time) to a stream of the run log group. */
async function writeLog(
  deps: LauncherDeps,
  stream: string,
  level: LogLevel,
  key: MessageKey,
  params: MessageParams,
): Promise<void> {
  const lang = deps.logLanguage ?? logLanguage();
  const now = new Date();
  try {
    await deps.logs.put(deps.config.logGroup, stream, [
      { timestamp: now.getTime(), message: formatLogLine(level, tIn(lang, key, params), now) },
    ]);
  } catch (e) {
    throw logGroupError(e, deps.config.logGroup);
  }
}

// User-facing messages (t) follow the CLI/extension language; log events (tIn) the log language.
function notReadyError(r: DateReadiness): UserError {
  return new UserError(
    t('aws.launch.notReady', { date: r.date, problems: r.problems.map((p) => p.message).join(' ') }),
  );
}

function liveRunError(date: string, run: RunInfo): UserError {
  return new UserError(t('aws.launch.liveRun', { date, instanceId: run.instanceId, state: run.state }));
}

/** Starts the machine for one date after the checks have passed (or were skipped with force). */
async function startRun(
  deps: LauncherDeps,
  date: string,
  options: LaunchOptions,
  readiness?: DateReadiness,
): Promise<Omit<Launched, 'date'>> {
  const imageId = deps.resolveAmi ? await deps.resolveAmi(deps.config.amiId) : deps.config.amiId;
  // The image the disk is sized for is the one that starts, even if the parameter moves on meanwhile.
  const config = { ...deps.config, amiId: imageId };
  const rootVolume = await rootVolumeFor(deps, imageId, date, readiness);
  // Build the plan first: a configuration problem (no INSTANCE_PROFILE) must stop us before anything is logged.
  const pricing = launchPricing(deps.prices, {
    region: config.region,
    candidates: [{ market: 'on-demand', instanceType: config.instanceType.split(',')[0].trim() }],
    ...(config.subnetId ? { subnetId: config.subnetId } : {}),
    rootVolumeGb: rootVolume?.Ebs.VolumeSize ?? config.rootVolumeGb,
  });
  const bundle = await deps.agentBundle();
  await deps.runtime?.();
  const runPricing = await pricing;
  const prepared = buildLaunchPlan(config, {
    date,
    debug: options.debug,
    agentSha256: bundle.sha256,
    agentVersion: bundle.version,
    language: deps.logLanguage ?? logLanguage(),
    extraTags: deps.extraTags,
    exeTimeoutSeconds: deps.exeTimeoutSeconds,
    ...(rootVolume ? { rootVolume } : {}),
    ...(runPricing ? { pricing: runPricing } : {}),
  });
  options.signal?.throwIfAborted();
  await writeLog(deps, config.generalLogStream, 'INFO', 'aws.log.creatingInstance', { date });
  let instanceId: string;
  try {
    instanceId = await deps.runs.launch(prepared.plan);
  } catch (e) {
    const err = actionError(e, `RunInstances (${date})`);
    await writeLog(deps, config.generalLogStream, 'ERROR', 'aws.log.launchFailed', { date, reason: err.message }).catch(
      () => undefined,
    );
    throw err;
  }
  // The machine runs from here on: neither its schedule nor a logging failure may hide its id from the caller.
  const deadlineWarning = await scheduleDeadline(deps, instanceId, date, prepared.deadline);
  const extra = deadlineWarning ? { deadlineWarning } : {};
  try {
    // The stream named after the instance is the run's own log; the agent writes to it from here on.
    await deps.logs.ensureStream(config.logGroup, instanceId);
    await writeLog(deps, instanceId, 'INFO', 'aws.log.instanceCreated', {});
    await writeLog(deps, config.generalLogStream, 'INFO', 'aws.log.instanceCreatedGeneral', { date, instanceId });
  } catch (e) {
    return { instanceId, warning: errorMessage(e), ...extra };
  }
  return { instanceId, ...extra };
}

/** The day's compressed input bytes: the three daily files, and the PO zip and service detail pre-flight chose. */
async function inputBytes(deps: LauncherDeps, date: string, readiness?: DateReadiness): Promise<number> {
  const { config, storage } = deps;
  const daily = dailyInputKeys(date);
  const objects: Array<[string, string]> = [
    [config.gpsBucket, daily.gps],
    [config.file196Bucket, daily.file196],
    [config.transactionBucket, daily.transactions],
    ...(readiness?.po ? [[config.opProgramBucket, readiness.po.key] as [string, string]] : []),
    ...(readiness?.serviceDetail
      ? [[config.serviceDetailBucket, readiness.serviceDetail.key] as [string, string]]
      : []),
  ];
  const sizes = await Promise.all(objects.map(([bucket, key]) => storage.head(bucket, key).catch(() => undefined)));
  return sizes.reduce((sum, o) => sum + (o?.size ?? 0), 0);
}

async function rootVolumeFor(
  deps: LauncherDeps,
  imageId: string,
  date: string,
  readiness?: DateReadiness,
): Promise<BlockDeviceMapping | undefined> {
  if (!deps.images) return undefined;
  let root;
  try {
    root = await deps.images.root(imageId);
  } catch (e) {
    throw actionError(e, `DescribeImages (AMI_ID ${imageId})`);
  }
  if (!root) throw new UserError(t('deadline.volume.noImage', { imageId }), 2);
  const sizeGb = plannedRootVolumeGb({
    configuredGb: deps.config.rootVolumeGb,
    snapshotGb: root.snapshotGb,
    ...(deps.config.rootVolumeGb === undefined
      ? { compressedInputBytes: await inputBytes(deps, date, readiness) }
      : {}),
  });
  return rootBlockDevice(root, sizeGb);
}

/** Creates the run's deadline schedule; what went wrong comes back as one warning naming what to fix. */
async function scheduleDeadline(
  deps: LauncherDeps,
  instanceId: string,
  date: string,
  deadline: Date,
): Promise<string | undefined> {
  const when = santiagoTimestamp(deadline);
  if (!deps.deadlines) return t('deadline.noRole', { instanceId, deadline: when });
  try {
    await deps.deadlines.create(instanceId, date, deadline);
    return undefined;
  } catch (e) {
    const role = deps.config.schedulerRoleArn ?? '';
    const name = awsErrorName(e);
    const common = commonAwsProblem(e);
    const fix =
      name === 'AccessDeniedException' || name === 'AccessDenied' || httpStatus(e) === 403
        ? t('deadline.fix.denied', { role })
        : name === 'ValidationException'
          ? t('deadline.fix.role', { role })
          : t('deadline.fix.other', { deadline: when });
    const reason = common ? common.message : `${name || 'Error'}: ${errorMessage(e)}`;
    return t('deadline.createFailed', { instanceId, reason, fix, deadline: when });
  }
}

/** Pre-flight (unless force), refuse a date that already has a live run, then launch. */
export async function launchDate(
  deps: LauncherDeps,
  date: string,
  options: LaunchOptions = {},
): Promise<Launched & { readiness?: DateReadiness }> {
  let readiness: DateReadiness | undefined;
  if (!options.force) {
    [readiness] = await checkDates(deps.storage, deps.config, [date]);
    if (readiness && !readiness.ready) throw notReadyError(readiness);
  }
  const live = (await deps.runs.list()).find((r) => r.date === date && isLive(r));
  if (live) throw liveRunError(date, live);
  const started = await startRun(deps, date, options, readiness);
  return { date, ...started, ...(readiness ? { readiness } : {}) };
}

export type RangeEvent =
  | { type: 'checked'; readiness: DateReadiness[] }
  | { type: 'skipped'; date: string; reason: string }
  | { type: 'waiting'; date: string; live: number; maxParallel: number }
  | { type: 'launching'; date: string; index: number; total: number }
  | ({ type: 'launched'; index: number; total: number } & Launched)
  | { type: 'failed'; date: string; message: string };

export interface RangeOptions extends LaunchOptions {
  maxParallel: number;
  onEvent?: (e: RangeEvent) => void;
  /** How often to look for a free slot. */
  pollIntervalMs?: number;
}

export interface RangeSummary {
  launched: Launched[];
  skipped: { date: string; reason: string }[];
  failed: { date: string; message: string }[];
}

const sleep = (ms: number, signal?: AbortSignal): Promise<void> => delayOrAbort(ms, signal, () => signal?.reason);

/**
 * Launches every date of the range in order, never more than maxParallel of our machines alive at once
 * (counting runs started elsewhere too: the limit protects the account, not just this command).
 * Dates that are not ready or already have a live run are skipped and reported; one failed launch does not
 * stop the others, but a configuration problem (exit 2) does.
 */
export async function launchRange(deps: LauncherDeps, range: DateRange, options: RangeOptions): Promise<RangeSummary> {
  const dates = eachDate(range);
  const emit = options.onEvent ?? (() => undefined);
  const summary: RangeSummary = { launched: [], skipped: [], failed: [] };
  let ready = new Map<string, DateReadiness>();
  if (!options.force) {
    const readiness = await checkDates(deps.storage, deps.config, dates);
    emit({ type: 'checked', readiness });
    ready = new Map(readiness.map((r) => [r.date, r]));
  }
  // Launched machines may not be listed at once (EC2 is eventually consistent): count them ourselves too.
  const ours = new Set<string>();
  for (const [index, date] of dates.entries()) {
    options.signal?.throwIfAborted();
    const r = ready.get(date);
    if (r && !r.ready) {
      const reason = notReadyError(r).message;
      summary.skipped.push({ date, reason });
      emit({ type: 'skipped', date, reason });
      continue;
    }
    for (;;) {
      const runs = await deps.runs.list();
      const listed = new Set(runs.map((x) => x.instanceId));
      const liveForDate = runs.find((x) => x.date === date && isLive(x));
      if (liveForDate) {
        const reason = liveRunError(date, liveForDate).message;
        summary.skipped.push({ date, reason });
        emit({ type: 'skipped', date, reason });
        break;
      }
      const live = runs.filter(isLive).length + [...ours].filter((id) => !listed.has(id)).length;
      if (live < options.maxParallel) {
        emit({ type: 'launching', date, index: index + 1, total: dates.length });
        try {
          const started = await startRun(deps, date, options, r);
          ours.add(started.instanceId);
          summary.launched.push({ date, ...started });
          emit({ type: 'launched', date, ...started, index: index + 1, total: dates.length });
        } catch (e) {
          if (e instanceof InputError || (e instanceof UserError && e.exitCode === 2)) throw e;
          const message = errorMessage(e);
          summary.failed.push({ date, message });
          emit({ type: 'failed', date, message });
        }
        break;
      }
      emit({ type: 'waiting', date, live, maxParallel: options.maxParallel });
      await sleep(options.pollIntervalMs ?? 15_000, options.signal);
    }
  }
  return summary;
}
