// The input-stage benchmark's data: gzip objects of a given compressed size, generated once, reproducibly,
// straight into a persistent sandbox data dir (.cache/bench/s3) and reused by later runs.
import { createCipheriv } from 'node:crypto';
import { Readable, Transform, type TransformCallback } from 'node:stream';
import { createGzip } from 'node:zlib';
import type { Sandbox } from '../src/sandbox';

export const INPUT_BUCKET = 'adatrap-bench-inputs';
/** Bumped when the generator changes, so cached objects made by an older one are regenerated. */
const GENERATOR_VERSION = '1';

/**
 * Transactions-like lines whose fields are base64 of an AES-CTR keystream with a fixed key: the same bytes on
 * every machine, and close to incompressible (gzip keeps ~75%), so a 1 GB .gz is a day file's order of size
 * and gunzip does real work.
 */
function lines(seed: string, isDone: () => boolean): Readable {
  const key = Buffer.alloc(32, seed);
  const cipher = createCipheriv('aes-256-ctr', key, Buffer.alloc(16, 0));
  const zeros = Buffer.alloc(48 * 4096);
  let row = 0;
  return new Readable({
    highWaterMark: 1 << 20,
    read() {
      if (isDone()) {
        this.push(null);
        return;
      }
      const random = cipher.update(zeros);
      const parts: string[] = [];
      for (let off = 0; off < random.length; off += 48) {
        const n = row++;
        parts.push(
          `${n};2020-06-29 ${String(5 + ((n >> 12) % 19)).padStart(2, '0')}:${String((n >> 6) % 60).padStart(2, '0')}:${String(n % 60).padStart(2, '0')};${random.subarray(off, off + 48).toString('base64')}\n`,
        );
      }
      this.push(parts.join(''));
    },
  });
}

class Counter extends Transform {
  bytes = 0;
  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    this.bytes += chunk.length;
    done(null, chunk);
  }
}

/** Puts `key` (about `gzBytes` of gzip) in the sandbox unless a copy from this generator is already there. */
export async function ensureInputObject(
  sb: Sandbox,
  key: string,
  gzBytes: number,
): Promise<{ size: number; generated: boolean }> {
  await sb.s3.createBucket(INPUT_BUCKET);
  const existing = sb.s3.head(INPUT_BUCKET, key);
  if (existing && existing.metadata['bench-generator'] === GENERATOR_VERSION && existing.size >= gzBytes) {
    return { size: existing.size, generated: false };
  }
  const counter = new Counter();
  const source = lines(key, () => counter.bytes >= gzBytes);
  const gzip = createGzip({ level: 1, chunkSize: 1 << 20 });
  source.pipe(gzip).pipe(counter);
  source.on('error', (e) => counter.destroy(e));
  gzip.on('error', (e) => counter.destroy(e));
  const meta = await sb.s3.put(INPUT_BUCKET, key, counter, {
    contentType: 'application/gzip',
    metadata: { 'bench-generator': GENERATOR_VERSION },
  });
  return { size: meta.size, generated: true };
}
