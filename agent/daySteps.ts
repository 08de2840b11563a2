// The named steps of one day (SYSTEM.md steps 2-6), each a function of what the earlier ones produced, so
// processDay reads as the list it runs and each step can be changed, timed and tested on its own.
import { existsSync } from 'node:fs';
import { readFile, rename, statfs, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Storage } from '../src/aws/storage';
import type { AgentRunConfig } from '../src/core/agentRunConfig';
import { tIn, type MessageKey, type MessageParams } from '../src/core/i18n';
import {
  dailyInputKeys,
  executableKeys,
  parsePoKey,
  parseServiceDetailKey,
  selectPo,
  selectServiceDetail,
  serviceDetailCsvName,
  type PoFile,
  type ServiceDetailFile,
} from '../src/core/inputs';
import { WORK_INPUT_DIR, parValuesFor, renderPar, requiredInputs } from '../src/core/par';
import { DISK_FACTOR, DISK_MARGIN_GB, requiredDiskBytes } from '../src/core/rootVolume';
import type { ManifestInput } from './manifest';
import { packResults, type PackedResults } from './packResults';
import { unpackPo } from './poArchive';
import { awsErrorDetail, type Reasons } from './runFailure';
import type { RunLog } from './runLog';
import { runExecutable, type ExeResult } from './runExecutable';
import { fetchObject, type FetchedObject } from './transfer';

/** Time kept after the executable for packing and uploading before the machine's deadline. */
export const UPLOAD_RESERVE_MS = 20 * 60_000;
const MIN_EXE_MS = 60_000;

export interface DayContext {
  config: AgentRunConfig;
  workDir: string;
  storage: Storage;
  log: RunLog;
  reasons: Reasons;
  instanceLabel: string;
  /** What runs in place of pvmtsc_vX.exe (from ADATRAP_EXECUTABLE_COMMAND); the downloaded exe when absent. */
  executableCommand?: string[];
  exeEnv?: NodeJS.ProcessEnv;
  /** The disk of the work folder; statfs when absent (the sandbox passes its emulated root volume). */
  disk?: () => Promise<DiskSpace>;
}

export interface DiskSpace {
  free: number;
  total: number;
}

type Fetched = FetchedObject & { role: ManifestInput['role'] };

interface ExecutableFiles {
  exe: Fetched;
  par: Fetched;
}

interface ChosenInputs {
  po: PoFile;
  serviceDetail: ServiceDetailFile;
  /** The five inputs' sizes in S3 (compressed), what the disk check sizes from. */
  inputBytes: number;
}

export function message(ctx: DayContext, key: MessageKey, params?: MessageParams): string {
  return tIn(ctx.config.language, key, params);
}

function workPath(ctx: DayContext, ...parts: string[]): string {
  return join(resolve(ctx.workDir), ...parts);
}

async function download(
  ctx: DayContext,
  role: ManifestInput['role'],
  bucket: string,
  key: string,
  path: string,
  options: { gunzip: boolean; missingExe?: boolean },
): Promise<Fetched> {
  ctx.log.info(message(ctx, 'agent.downloading', { bucket, key }));
  const got = await fetchObject(ctx.storage, ctx.reasons, bucket, key, path, {
    gunzip: options.gunzip,
    missing: options.missingExe ? 'agent.reason.missingExecutable' : undefined,
  });
  ctx.log.info(message(ctx, 'agent.downloaded', { key, size: humanSize(got.size), seconds: got.seconds.toFixed(1) }));
  return { ...got, role };
}

/** Step 2: pvmtsc_vX.exe and its .par template. */
export async function fetchExecutable(ctx: DayContext): Promise<ExecutableFiles> {
  const bucket = ctx.config.buckets.executables;
  const keys = executableKeys(ctx.config.executableVersion);
  const exe = await download(ctx, 'executable', bucket, keys.exe, workPath(ctx, keys.exe), {
    gunzip: false,
    missingExe: true,
  });
  const par = await download(ctx, 'parTemplate', bucket, keys.par, workPath(ctx, keys.par), {
    gunzip: false,
    missingExe: true,
  });
  return { exe, par };
}

/**
 * Step 3a: the operation programme and service detail valid on the day, and every input checked before the
 * first large download, so a missing one fails in seconds, not after GBs.
 */
export async function chooseInputs(ctx: DayContext): Promise<ChosenInputs> {
  const { config, storage, reasons } = ctx;
  const date = config.date;
  const po = selectPo(await listKeys(storage, reasons, config.buckets.opProgram, parsePoKey), date);
  if (!po) throw reasons.failure('agent.reason.noPo', { bucket: config.buckets.opProgram, date });
  const serviceDetail = selectServiceDetail(
    await listKeys(storage, reasons, config.buckets.serviceDetail, parseServiceDetailKey),
    date,
  );
  if (!serviceDetail)
    throw reasons.failure('agent.reason.noServiceDetail', { bucket: config.buckets.serviceDetail, date });
  ctx.log.info(message(ctx, 'agent.inputsChosen', { date, po: po.key, serviceDetail: serviceDetail.key }));
  const daily = dailyInputKeys(date);
  const inputBytes = await requireObjects(storage, reasons, [
    [config.buckets.serviceDetail, serviceDetail.key],
    [config.buckets.gps, daily.gps],
    [config.buckets.file196, daily.file196],
    [config.buckets.transactions, daily.transactions],
    [config.buckets.opProgram, po.key],
  ]);
  return { po, serviceDetail, inputBytes };
}

/**
 * Step 3a: enough free disk for the day before anything is unpacked (src/core/rootVolume.ts DISK_FACTOR); a
 * shortfall fails the run at once, naming ROOT_VOLUME_GB, instead of hours later with a full disk.
 */
export async function checkDisk(ctx: DayContext, chosen: ChosenInputs): Promise<void> {
  const { free, total } = await (ctx.disk ?? (() => diskSpace(resolve(ctx.workDir))))();
  const needed = requiredDiskBytes(chosen.inputBytes);
  ctx.log.info(
    message(ctx, 'deadline.volume.free', {
      free: humanSize(free),
      needed: humanSize(needed),
      factor: DISK_FACTOR,
      inputs: humanSize(chosen.inputBytes),
    }),
  );
  if (free >= needed) return;
  // The volume to ask for: this one plus the shortfall plus the margin, in whole GiB.
  const suggested = Math.ceil((total + needed - free) / 1024 ** 3) + DISK_MARGIN_GB;
  throw ctx.reasons.failure('deadline.volume.noSpace', {
    needed: humanSize(needed),
    free: humanSize(free),
    suggested,
  });
}

/** Free bytes for this process, and the size, of the disk holding `path` (libuv statfs; on Windows the volume's). */
async function diskSpace(path: string): Promise<DiskSpace> {
  const s = await statfs(path);
  return { free: s.bavail * s.bsize, total: s.blocks * s.bsize };
}

/** Step 3b: the day's inputs, gunzipped into tmp/, and the operation programme's zip as it is. */
export async function downloadInputs(ctx: DayContext, chosen: ChosenInputs): Promise<Fetched[]> {
  const { buckets } = ctx.config;
  const tmp = workPath(ctx, WORK_INPUT_DIR);
  const daily = dailyInputKeys(ctx.config.date);
  const gunzipped = (key: string) => join(tmp, key.replace(/\.gz$/, ''));
  const gz = { gunzip: true };
  return [
    await download(
      ctx,
      'serviceDetail',
      buckets.serviceDetail,
      chosen.serviceDetail.key,
      join(tmp, serviceDetailCsvName(chosen.serviceDetail)),
      gz,
    ),
    await download(ctx, 'gps', buckets.gps, daily.gps, gunzipped(daily.gps), gz),
    await download(ctx, 'file196', buckets.file196, daily.file196, gunzipped(daily.file196), gz),
    await download(ctx, 'transactions', buckets.transactions, daily.transactions, gunzipped(daily.transactions), gz),
    await download(ctx, 'opProgram', buckets.opProgram, chosen.po.key, join(tmp, chosen.po.key), { gunzip: false }),
  ];
}

/** Step 3c: the operation programme's files into tmp/<PO date>/. */
export async function unpackInputs(ctx: DayContext, chosen: ChosenInputs, inputs: Fetched[]): Promise<void> {
  const zip = inputs.find((i) => i.role === 'opProgram');
  if (!zip) throw new Error('the operation programme was not downloaded');
  await unpackPo(zip.path, workPath(ctx, WORK_INPUT_DIR), chosen.po.date, chosen.po.key, ctx.reasons);
}

/** Step 4: D.par from the template; every file it names must now exist. Returns the .par's file name. */
export async function writePar(ctx: DayContext, files: ExecutableFiles, chosen: ChosenInputs): Promise<string> {
  const date = ctx.config.date;
  const values = parValuesFor(date, chosen.po, chosen.serviceDetail);
  const rendered = renderPar(await readFile(files.par.path, 'latin1'), values);
  const parFile = `${date}.par`;
  await writeFile(workPath(ctx, parFile), rendered, 'latin1');
  ctx.log.info(message(ctx, 'agent.parRendered', { file: parFile }));
  const missing = requiredInputs(rendered).find((p) => !existsSync(workPath(ctx, p)));
  if (missing) throw ctx.reasons.failure('agent.reason.inputNotUnpacked', { path: missing });
  return parFile;
}

/** Step 5: the executable, with a deadline, its lines streamed to the log. Resolves only on a clean exit. */
export async function runDayExecutable(ctx: DayContext, parFile: string): Promise<ExeResult> {
  const { config, reasons } = ctx;
  const date = config.date;
  const outputDir = workPath(ctx, 'ADATRAP', date);
  await setAsideStaleOutputs(outputDir);
  const exeKey = executableKeys(config.executableVersion).exe;
  if (!ctx.executableCommand && process.platform !== 'win32')
    throw reasons.failure('agent.reason.notWindows', { exe: exeKey });
  const command = [...(ctx.executableCommand ?? [workPath(ctx, exeKey)]), parFile];
  const timeoutMs = exeTimeoutMs(config);
  ctx.log.info(
    message(ctx, 'agent.exeStarting', { command: command.join(' '), minutes: (timeoutMs / 60_000).toFixed(1) }),
  );
  const result = await runExecutable({
    command,
    cwd: resolve(ctx.workDir),
    timeoutMs,
    env: ctx.exeEnv,
    codePage: config.exeCodePage,
    onLine: (line, stream) => (stream === 'stderr' ? ctx.log.error(line) : ctx.log.info(line)),
  });
  if (result.startError) throw reasons.failure('agent.reason.exeNotStarted', { detail: result.startError });
  if (result.timedOut) throw reasons.failure('agent.reason.exeTimeout', { minutes: (timeoutMs / 60_000).toFixed(1) });
  ctx.log.info(
    message(ctx, 'agent.exeFinished', {
      code: String(result.code ?? result.signal),
      seconds: result.seconds.toFixed(1),
    }),
  );
  if (result.code === null) throw reasons.failure('agent.reason.exeSignal', { signal: result.signal ?? '?' });
  if (result.code !== 0) throw reasons.failure('agent.reason.exeExit', { code: result.code });
  if (result.stderrLines > 0)
    throw reasons.failure('agent.reason.exeStderr', { count: result.stderrLines, line: result.firstStderrLine ?? '' });
  if (!existsSync(outputDir)) throw reasons.failure('agent.reason.noOutputs', { folder: `ADATRAP/${date}/` });
  return result;
}

/** Step 6a: ADATRAP/D/ into D.zip. */
export async function packDay(ctx: DayContext): Promise<PackedResults & { zipPath: string }> {
  const date = ctx.config.date;
  const zipPath = workPath(ctx, `${date}.zip`);
  const packed = await packResults(workPath(ctx, 'ADATRAP', date), zipPath);
  if (packed.files.length === 0) throw ctx.reasons.failure('agent.reason.noOutputs', { folder: `ADATRAP/${date}/` });
  ctx.log.info(
    message(ctx, 'agent.zipped', { file: `${date}.zip`, size: humanSize(packed.bytes), files: packed.files.length }),
  );
  return { ...packed, zipPath };
}

/** The executable's limit: as configured, but never past the machine's deadline minus the upload reserve. */
export function exeTimeoutMs(config: AgentRunConfig, now: number = Date.now()): number {
  const untilDeadline = Date.parse(config.deadline) - now - UPLOAD_RESERVE_MS;
  const configured =
    config.exeTimeoutSeconds !== undefined ? config.exeTimeoutSeconds * 1000 : Number.POSITIVE_INFINITY;
  const limit = Math.min(configured, untilDeadline);
  // An explicit short limit (tests, demos) is honoured; a deadline already too close still gets a minute.
  return config.exeTimeoutSeconds !== undefined && configured <= untilDeadline
    ? configured
    : Math.max(MIN_EXE_MS, limit);
}

/** HEADs each object (a missing one fails the run, naming it) and returns their total size. */
async function requireObjects(storage: Storage, reasons: Reasons, objects: Array<[string, string]>): Promise<number> {
  let total = 0;
  for (const [bucket, key] of objects) {
    let found;
    try {
      found = await storage.head(bucket, key);
    } catch (e) {
      throw reasons.failure('agent.reason.s3', { bucket, key, detail: awsErrorDetail(e) });
    }
    if (!found) throw reasons.failure('agent.reason.missingInput', { bucket, key });
    total += found.size;
  }
  return total;
}

async function listKeys<T>(
  storage: Storage,
  reasons: Reasons,
  bucket: string,
  parse: (key: string) => T | undefined,
): Promise<string[]> {
  try {
    const keys: string[] = [];
    for await (const o of storage.list(bucket)) if (parse(o.key)) keys.push(o.key);
    return keys;
  } catch (e) {
    throw reasons.failure('agent.reason.s3', { bucket, key: '', detail: awsErrorDetail(e) });
  }
}

/** Outputs of an earlier run in this folder are renamed, never deleted, so they cannot slip into this zip. */
async function setAsideStaleOutputs(outputDir: string): Promise<void> {
  if (!existsSync(outputDir)) return;
  const stamp = new Date().toISOString().replace(/[-:.]/g, '');
  await rename(outputDir, `${outputDir}.previous-${stamp}`);
}

export function humanSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let v = bytes / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v.toFixed(1)} ${units[i]}`;
}
