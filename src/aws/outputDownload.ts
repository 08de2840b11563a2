// Downloads one day's outputs (D.zip, D.manifest.json) into a folder: streamed, resumable through a .part file
// and a ranged GET, never overwriting a file that is there (planDownload in src/core/downloadPlan.ts decides).
import { constants } from 'node:fs';
import { lstat, open, readFile, stat, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { planDownload, type DownloadPlan } from '../core/downloadPlan';
import { UserError, errorMessage } from '../core/errors';
import { t } from '../core/i18n';
import { createExclusively, TargetExistsError } from '../files/safeWrite';
import { bucketError } from './awsErrors';
import type { Storage } from './storage';

export type OutputEvent =
  | { kind: 'missing'; date: string; key: string }
  | { kind: 'skipped'; file: string }
  | { kind: 'kept'; file: string }
  | { kind: 'resuming'; file: string; done: number; total: number }
  | { kind: 'restarting'; file: string }
  | { kind: 'progress'; file: string; done: number; total: number }
  | { kind: 'saved'; file: string; size: number };

interface OutputDownloadOptions {
  onEvent?: (event: OutputEvent) => void;
  signal?: AbortSignal;
}

export interface OutputDownloadSummary {
  downloaded: string[];
  skipped: string[];
  kept: string[];
  missing: string[];
}

/** The objects of a day, in download order: the manifest (small, says what the zip is) then the zip. */
function outputKeys(date: string): string[] {
  return [`${date}.manifest.json`, `${date}.zip`];
}

export async function downloadOutputs(
  storage: Storage,
  bucket: string,
  dates: string[],
  folder: string,
  options: OutputDownloadOptions = {},
): Promise<OutputDownloadSummary> {
  const summary: OutputDownloadSummary = { downloaded: [], skipped: [], kept: [], missing: [] };
  for (const date of dates) {
    for (const key of outputKeys(date)) {
      let remote;
      try {
        remote = await storage.head(bucket, key);
      } catch (e) {
        throw bucketError(e, bucket, 'OUTPUT_DATA_BUCKET_NAME');
      }
      if (!remote) {
        // A day without its zip has no result to fetch; a missing manifest alone is not worth a line.
        if (key.endsWith('.zip')) {
          summary.missing.push(key);
          options.onEvent?.({ kind: 'missing', date, key });
        }
        continue;
      }
      const file = join(folder, key);
      const outcome = await downloadOne(storage, bucket, key, file, { size: remote.size, etag: remote.etag }, options);
      summary[outcome].push(file);
    }
  }
  return summary;
}

async function downloadOne(
  storage: Storage,
  bucket: string,
  key: string,
  file: string,
  remote: { size: number; etag?: string },
  options: OutputDownloadOptions,
): Promise<'downloaded' | 'skipped' | 'kept'> {
  const part = `${file}.part`;
  const note = `${file}.part.etag`;
  // Someone's link at any of these names would have us write (or skip) wherever it points.
  for (const path of [file, part, note]) await refuseLink(path);
  const plan: DownloadPlan = planDownload(remote, {
    finalSize: await sizeOf(file),
    partSize: await sizeOf(part),
    partEtag: await readFile(note, 'utf8').then(
      (text) => text.trim(),
      () => undefined,
    ),
  });
  if (plan.action === 'skip') {
    options.onEvent?.({ kind: 'skipped', file });
    return 'skipped';
  }
  if (plan.action === 'keep') {
    options.onEvent?.({ kind: 'kept', file });
    return 'kept';
  }
  if (plan.reason === 'changed') options.onEvent?.({ kind: 'restarting', file });
  else if (plan.from > 0) options.onEvent?.({ kind: 'resuming', file, done: plan.from, total: remote.size });
  await writeFile(note, remote.etag ?? '', { flag: NO_FOLLOW_TRUNCATE });
  let done = plan.from;
  if (plan.from < remote.size) {
    const body = await storage
      .getStream(bucket, key, plan.from > 0 ? { start: plan.from, end: remote.size - 1 } : undefined)
      .catch((e: unknown) => {
        throw bucketError(e, bucket, 'OUTPUT_DATA_BUCKET_NAME');
      });
    let lastReport = 0;
    const count = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        done += chunk.length;
        const now = Date.now();
        if (now - lastReport >= 1000) {
          lastReport = now;
          options.onEvent?.({ kind: 'progress', file, done, total: remote.size });
        }
        callback(null, chunk);
      },
    });
    try {
      const out = await open(part, plan.restart || plan.from === 0 ? NO_FOLLOW_TRUNCATE : NO_FOLLOW_APPEND);
      await pipeline(body, count, out.createWriteStream(), { signal: options.signal });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ELOOP')
        throw new UserError(t('safety.symlinkRefused', { path: part }));
      // What arrived stays in the .part: the next run continues from there.
      throw new UserError(t('diagnose.outputs.interrupted', { file, reason: errorMessage(e) }));
    }
  } else if ((await sizeOf(part)) === undefined) {
    await writeFile(part, '', { flag: NO_FOLLOW_TRUNCATE });
  }
  const written = (await sizeOf(part)) ?? 0;
  if (written !== remote.size) throw new UserError(t('diagnose.outputs.short', { file, written, size: remote.size }));
  // link() fails if the name appeared meanwhile: the finished file is created, never replaced.
  try {
    await createExclusively(part, file);
  } catch (e) {
    if (e instanceof TargetExistsError) {
      options.onEvent?.({ kind: 'kept', file });
      return 'kept';
    }
    throw e;
  }
  await unlink(part);
  await unlink(note).catch(() => undefined);
  options.onEvent?.({ kind: 'saved', file, size: remote.size });
  return 'downloaded';
}

// O_NOFOLLOW where the platform has it (not Windows: refuseLink's lstat covers it there).
const NO_FOLLOW = constants.O_NOFOLLOW ?? 0;
const NO_FOLLOW_TRUNCATE = constants.O_WRONLY | constants.O_CREAT | constants.O_TRUNC | NO_FOLLOW;
const NO_FOLLOW_APPEND = constants.O_WRONLY | constants.O_CREAT | constants.O_APPEND | NO_FOLLOW;

async function refuseLink(path: string): Promise<void> {
  const info = await lstat(path).catch(() => undefined);
  if (info?.isSymbolicLink()) throw new UserError(t('safety.symlinkRefused', { path }));
}

async function sizeOf(path: string): Promise<number | undefined> {
  try {
    return (await stat(path)).size;
  } catch {
    return undefined;
  }
}
