// SYSTEM.md steps 2-6 for one day: fetch the executable and its template, fetch and unpack the inputs, render
// D.par, run the executable, pack and publish the results. Every failure is thrown as a RunFailure naming what
// to fix; announcing the outcome and ending the machine is runAgent's job.
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
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
} from '../src/core/inputs';
import { WORK_INPUT_DIR, parValuesFor, renderPar, requiredInputs } from '../src/core/par';
import { manifestJson, type ManifestInput, type RunManifest } from './manifest';
import { packResults } from './packResults';
import { unpackPo } from './poArchive';
import { publishResults, type Published } from './publishResults';
import { awsErrorDetail, type Reasons } from './runFailure';
import type { RunLog } from './runLog';
import { runExecutable } from './runExecutable';
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
}

export interface DayResult {
  manifest?: RunManifest;
  published?: Published;
}

export async function processDay(ctx: DayContext): Promise<DayResult> {
  const { config, storage, log, reasons } = ctx;
  const date = config.date;
  const msg = (key: MessageKey, params?: MessageParams) => tIn(config.language, key, params);
  const work = resolve(ctx.workDir);
  const tmp = join(work, WORK_INPUT_DIR);
  const startedAt = new Date();
  const timings: Record<string, number> = {};
  const lap = (name: string, since: number) => {
    timings[name] = Math.round((Date.now() - since) / 100) / 10;
  };
  await mkdir(tmp, { recursive: true });

  const download = async (
    role: ManifestInput['role'],
    bucket: string,
    key: string,
    path: string,
    gunzip: boolean,
    missingExe = false,
  ): Promise<FetchedObject & { role: ManifestInput['role'] }> => {
    log.info(msg('agent.downloading', { bucket, key }));
    const got = await fetchObject(storage, reasons, bucket, key, path, {
      gunzip,
      missing: missingExe ? 'agent.reason.missingExecutable' : undefined,
    });
    log.info(msg('agent.downloaded', { key, size: humanSize(got.size), seconds: got.seconds.toFixed(1) }));
    return { ...got, role };
  };

  // Step 2: the executable and its template.
  let t0 = Date.now();
  const exeKeys = executableKeys(config.executableVersion);
  const exe = await download(
    'executable',
    config.buckets.executables,
    exeKeys.exe,
    join(work, exeKeys.exe),
    false,
    true,
  );
  const par = await download(
    'parTemplate',
    config.buckets.executables,
    exeKeys.par,
    join(work, exeKeys.par),
    false,
    true,
  );

  // Step 3: choose and fetch the inputs.
  const po = selectPo(await listKeys(storage, reasons, config.buckets.opProgram, parsePoKey), date);
  if (!po) throw reasons.failure('agent.reason.noPo', { bucket: config.buckets.opProgram, date });
  const serviceDetail = selectServiceDetail(
    await listKeys(storage, reasons, config.buckets.serviceDetail, parseServiceDetailKey),
    date,
  );
  if (!serviceDetail)
    throw reasons.failure('agent.reason.noServiceDetail', { bucket: config.buckets.serviceDetail, date });
  log.info(msg('agent.inputsChosen', { date, po: po.key, serviceDetail: serviceDetail.key }));

  const daily = dailyInputKeys(date);
  // Every input is checked before the first large download, so a missing one fails in seconds, not after GBs.
  await requireObjects(storage, reasons, [
    [config.buckets.serviceDetail, serviceDetail.key],
    [config.buckets.gps, daily.gps],
    [config.buckets.file196, daily.file196],
    [config.buckets.transactions, daily.transactions],
    [config.buckets.opProgram, po.key],
  ]);
  const inputs = [exe, par];
  inputs.push(
    await download(
      'serviceDetail',
      config.buckets.serviceDetail,
      serviceDetail.key,
      join(tmp, serviceDetailCsvName(serviceDetail)),
      true,
    ),
  );
  inputs.push(await download('gps', config.buckets.gps, daily.gps, join(tmp, daily.gps.replace(/\.gz$/, '')), true));
  inputs.push(
    await download(
      'file196',
      config.buckets.file196,
      daily.file196,
      join(tmp, daily.file196.replace(/\.gz$/, '')),
      true,
    ),
  );
  inputs.push(
    await download(
      'transactions',
      config.buckets.transactions,
      daily.transactions,
      join(tmp, daily.transactions.replace(/\.gz$/, '')),
      true,
    ),
  );
  const poZip = await download('opProgram', config.buckets.opProgram, po.key, join(tmp, po.key), false);
  inputs.push(poZip);
  lap('download', t0);
  t0 = Date.now();
  await unpackPo(poZip.path, tmp, po.date, po.key, reasons);
  lap('unpack', t0);

  // Step 4: D.par, and every file it names must now exist.
  const values = parValuesFor(date, po, serviceDetail);
  const rendered = renderPar(await readFile(par.path, 'latin1'), values);
  const parFile = `${date}.par`;
  await writeFile(join(work, parFile), rendered, 'latin1');
  log.info(msg('agent.parRendered', { file: parFile }));
  const missing = requiredInputs(rendered).find((p) => !existsSync(resolve(work, p)));
  if (missing) throw reasons.failure('agent.reason.inputNotUnpacked', { path: missing });

  const manifest: RunManifest = {
    schema: 1,
    date,
    instanceId: ctx.instanceLabel,
    executableVersion: config.executableVersion,
    agentVersion: config.agentVersion,
    poDate: po.date,
    poKey: po.key,
    serviceDetailFile: serviceDetail.key,
    inputs: inputs.map(({ role, bucket, key, size, etag }) => ({ role, bucket, key, size, ...(etag ? { etag } : {}) })),
    outputs: [],
    exitCode: null,
    startedAt: startedAt.toISOString(),
    finishedAt: '',
    timings,
  };

  if (config.debug) {
    log.info(msg('agent.debugSkipsExe'));
    log.info(msg('agent.debugSkipsUpload'));
    manifest.finishedAt = new Date().toISOString();
    return { manifest };
  }

  // Step 5: the executable, with a deadline, its lines streamed to the log.
  const outputDir = join(work, 'ADATRAP', date);
  await setAsideStaleOutputs(outputDir);
  if (!ctx.executableCommand && process.platform !== 'win32')
    throw reasons.failure('agent.reason.notWindows', { exe: exeKeys.exe });
  const command = [...(ctx.executableCommand ?? [join(work, exeKeys.exe)]), parFile];
  const timeoutMs = exeTimeoutMs(config);
  log.info(msg('agent.exeStarting', { command: command.join(' '), minutes: (timeoutMs / 60_000).toFixed(1) }));
  t0 = Date.now();
  const result = await runExecutable({
    command,
    cwd: work,
    timeoutMs,
    env: ctx.exeEnv,
    onLine: (line, stream) => (stream === 'stderr' ? log.error(line) : log.info(line)),
  });
  lap('executable', t0);
  manifest.exitCode = result.code;
  if (result.startError) throw reasons.failure('agent.reason.exeNotStarted', { detail: result.startError });
  if (result.timedOut) throw reasons.failure('agent.reason.exeTimeout', { minutes: (timeoutMs / 60_000).toFixed(1) });
  log.info(
    msg('agent.exeFinished', { code: String(result.code ?? result.signal), seconds: result.seconds.toFixed(1) }),
  );
  if (result.code === null) throw reasons.failure('agent.reason.exeSignal', { signal: result.signal ?? '?' });
  if (result.code !== 0) throw reasons.failure('agent.reason.exeExit', { code: result.code });
  if (result.stderrLines > 0)
    throw reasons.failure('agent.reason.exeStderr', { count: result.stderrLines, line: result.firstStderrLine ?? '' });
  if (!existsSync(outputDir)) throw reasons.failure('agent.reason.noOutputs', { folder: `ADATRAP/${date}/` });

  // Step 6: pack and publish.
  t0 = Date.now();
  const zipPath = join(work, `${date}.zip`);
  const packed = await packResults(outputDir, zipPath);
  if (packed.files.length === 0) throw reasons.failure('agent.reason.noOutputs', { folder: `ADATRAP/${date}/` });
  lap('pack', t0);
  log.info(msg('agent.zipped', { file: `${date}.zip`, size: humanSize(packed.bytes), files: packed.files.length }));
  manifest.outputs = packed.files;
  t0 = Date.now();
  manifest.finishedAt = new Date().toISOString();
  const published = await publishResults(
    storage,
    reasons,
    config.buckets.output,
    date,
    zipPath,
    manifestJson(manifest),
  );
  lap('upload', t0);
  if (published.previous)
    log.info(msg('agent.previousKept', { date, bucket: config.buckets.output, key: published.previous }));
  log.info(msg('agent.uploaded', { bucket: config.buckets.output, key: published.zipKey }));
  return { manifest, published };
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

async function requireObjects(storage: Storage, reasons: Reasons, objects: Array<[string, string]>): Promise<void> {
  for (const [bucket, key] of objects) {
    let found;
    try {
      found = await storage.head(bucket, key);
    } catch (e) {
      throw reasons.failure('agent.reason.s3', { bucket, key, detail: awsErrorDetail(e) });
    }
    if (!found) throw reasons.failure('agent.reason.missingInput', { bucket, key });
  }
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
