// Moving inputs from S3 to disk without ever holding a file in memory: S3 body -> gunzip -> file, through
// stream.pipeline with 1 MiB buffers (4x faster than the 16 KiB defaults on a multi-GB day file).
import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import type { ObjectInfo, Storage } from '../src/aws/storage';
import { awsErrorDetail, type Reasons } from './runFailure';

export const IO_CHUNK = 1 << 20;
/** Whole-download attempts when the body breaks off midway. */
const DOWNLOAD_ATTEMPTS = 3;
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

/**
 * A gzip bomb (a few KB that inflate to many GB) must fail the run with its reason, not fill the disk. The daily
 * text files inflate about 8:1 (rootVolume.ts DISK_FACTOR); 64:1 leaves room for very regular data while a bomb
 * reaches 1000:1. Small files get a floor, since a tiny gzip of a short file can have a large ratio.
 */
export const MAX_GUNZIP_RATIO = 64;
export const MIN_GUNZIP_ALLOWANCE_BYTES = 16 * 1024 * 1024;

export function gunzipLimit(compressedBytes: number): number {
  return Math.max(compressedBytes * MAX_GUNZIP_RATIO, MIN_GUNZIP_ALLOWANCE_BYTES);
}

export class InflatedTooLarge extends Error {
  constructor(readonly limit: number) {
    super(`more than ${limit} bytes once decompressed`);
  }
}

/** Passes bytes through until `limit` is exceeded, then fails the pipeline (which stops the writer). */
export function byteLimit(limit: number): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      seen += chunk.length;
      if (seen > limit) done(new InflatedTooLarge(limit));
      else done(null, chunk);
    },
  });
}

type MissingKey = 'agent.reason.missingInput' | 'agent.reason.missingExecutable';

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
      if (gunzip) await pipeline(body, gunzip, byteLimit(gunzipLimit(info.size)), out);
      else await pipeline(body, out);
      break;
    } catch (e) {
      if (e instanceof InflatedTooLarge)
        throw reasons.failure('agent.reason.inflatedTooLarge', { file: key, size: info.size, ratio: MAX_GUNZIP_RATIO });
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
