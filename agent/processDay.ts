// SYSTEM.md steps 2-6 for one day, as the list of named steps it runs (agent/daySteps.ts). Each step is logged
// with its duration and timed in the manifest, so a slow or failing day shows where its time went. Every
// failure is thrown as a RunFailure naming what to fix; announcing the outcome and ending the machine is
// runAgent's job.
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { WORK_INPUT_DIR } from '../src/core/par';
import {
  checkDisk,
  chooseInputs,
  downloadInputs,
  fetchExecutable,
  message,
  packDay,
  runDayExecutable,
  unpackInputs,
  writePar,
  type DayContext,
} from './daySteps';
import { manifestJson, type RunManifest } from './manifest';
import { readMachineFacts } from './machineFacts';
import { recordCost } from './runCostRecord';
import { publishResults, type Published } from './publishResults';
import { StepTimer } from './stepTimer';

export { UPLOAD_RESERVE_MS, exeTimeoutMs, humanSize, type DayContext } from './daySteps';

export interface DayResult {
  manifest?: RunManifest;
  published?: Published;
}

export async function processDay(ctx: DayContext): Promise<DayResult> {
  const { config, log } = ctx;
  const date = config.date;
  const startedAt = new Date();
  // Read while the day's work runs; a machine without IMDS records nothing.
  const machineFacts = readMachineFacts().catch(() => undefined);
  const steps = new StepTimer((step, seconds, failed) =>
    log.info(message(ctx, failed ? 'machine.stepFailed' : 'machine.stepDone', { step, seconds: seconds.toFixed(1) })),
  );
  await mkdir(join(resolve(ctx.workDir), WORK_INPUT_DIR), { recursive: true });

  const files = await steps.run('executable', () => fetchExecutable(ctx));
  const chosen = await steps.run('chooseInputs', () => chooseInputs(ctx));
  await steps.run('disk', () => checkDisk(ctx, chosen));
  const inputs = await steps.run('download', () => downloadInputs(ctx, chosen));
  await steps.run('unpack', () => unpackInputs(ctx, chosen, inputs));
  const parFile = await steps.run('par', () => writePar(ctx, files, chosen));

  const manifest: RunManifest = {
    schema: 1,
    date,
    instanceId: ctx.instanceLabel,
    executableVersion: config.executableVersion,
    agentVersion: config.agentVersion,
    poDate: chosen.po.date,
    poKey: chosen.po.key,
    serviceDetailFile: chosen.serviceDetail.key,
    inputs: [files.exe, files.par, ...inputs].map(({ role, bucket, key, size, etag }) => ({
      role,
      bucket,
      key,
      size,
      ...(etag ? { etag } : {}),
    })),
    outputs: [],
    exitCode: null,
    startedAt: startedAt.toISOString(),
    finishedAt: '',
    timings: steps.timings,
  };

  if (config.debug) {
    log.info(message(ctx, 'agent.debugSkipsExe'));
    log.info(message(ctx, 'agent.debugSkipsUpload'));
    manifest.finishedAt = new Date().toISOString();
    return { manifest };
  }

  const result = await steps.run('run', () => runDayExecutable(ctx, parFile));
  manifest.exitCode = result.code;
  const packed = await steps.run('pack', () => packDay(ctx));
  manifest.outputs = packed.files;
  // The manifest is written inside the publish step, so its own duration is the one timing it cannot hold.
  manifest.finishedAt = new Date().toISOString();
  const machine = await machineFacts;
  if (machine) {
    const recorded = recordCost({ ...machine, endedAt: manifest.finishedAt }, config.pricing);
    manifest.machine = recorded.machine;
    if (recorded.cost) manifest.cost = recorded.cost;
  }
  const published = await steps.run('publish', () =>
    publishResults(ctx.storage, ctx.reasons, config.buckets.output, date, packed.zipPath, manifestJson(manifest)),
  );
  if (published.previous)
    log.info(message(ctx, 'agent.previousKept', { date, bucket: config.buckets.output, key: published.previous }));
  log.info(message(ctx, 'agent.uploaded', { bucket: config.buckets.output, key: published.zipKey }));
  return { manifest, published };
}
