// Moving inputs from S3 to disk without ever holding a file in memory: S3 body -> gunzip -> file, through
// stream.pipeline with 1 MiB buffers (4x faster than the 16 KiB defaults on a multi-GB day file).
import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import type { ObjectInfo, Storage } from '../src/aws/storage';
import { awsErrorDetail, type Reasons } from './runFailure';

export const IO_CHUNK = 1 << 20;
/** Whole-download attempts when the body breaks off midway. */
export const DOWNLOAD_ATTEMPTS = 3;
const RETRY_DELAY_MS = 500;

export interface FetchedObject {
  bucket: string;
  key: string;
  size: number;
  etag?: string;
  /** Where it landed on disk. */
  path: string;
  seconds: number;
}

export type MissingKey = 'agent.reason.missingInput' | 'agent.reason.missingExecutable';

/**
 * Downloads s3://bucket/key to `path`, gunzipping on the way when `gunzip` is set. A missing object, an S3
 * error and a corrupt gzip each become a RunFailure naming the object.
 */
export async function fetchObject(
  storage: Storage,
  reasons: Reasons,
  bucket: string,
  key: string,
  path: string,
  options: { gunzip: boolean; missing?: MissingKey },
): Promise<FetchedObject> {
  const started = Date.now();
  let info: ObjectInfo | undefined;
  try {
    info = await storage.head(bucket, key);
  } catch (e) {
    throw reasons.failure('agent.reason.s3', { bucket, key, detail: awsErrorDetail(e) });
  }
  if (!info) throw reasons.failure(options.missing ?? 'agent.reason.missingInput', { bucket, key });
  await mkdir(dirname(path), { recursive: true });
  for (let attempt = 1; ; attempt++) {
    let body;
    try {
      body = await storage.getStream(bucket, key);
    } catch (e) {
      throw reasons.failure('agent.reason.s3', { bucket, key, detail: awsErrorDetail(e) });
    }
    // Each attempt rewrites the file from the start.
    const out = createWriteStream(path, { highWaterMark: IO_CHUNK });
    const gunzip = options.gunzip ? createGunzip({ chunkSize: IO_CHUNK }) : undefined;
    try {
      if (gunzip) await pipeline(body, gunzip, out);
      else await pipeline(body, out);
      break;
    } catch (e) {
      if (gunzip && isZlibError(e))
        throw reasons.failure('agent.reason.corruptGzip', { file: key, detail: (e as Error).message });
      // The SDK retries requests, not a body cut after it returned the stream: one connection reset in a
      // multi-GB download must not fail the day's run (fault matrix: reset mid-download).
      if (attempt >= DOWNLOAD_ATTEMPTS)
        throw reasons.failure('agent.reason.s3', { bucket, key, detail: awsErrorDetail(e) });
      await new Promise((r) => setTimeout(r, RETRY_DELAY_MS * attempt));
    }
  }
  return { bucket, key, size: info.size, etag: info.etag, path, seconds: (Date.now() - started) / 1000 };
}

export function isZlibError(e: unknown): boolean {
  const code = (e as { code?: string })?.code ?? '';
  return code.startsWith('Z_') || (e as { errno?: number })?.errno === -3;
}
