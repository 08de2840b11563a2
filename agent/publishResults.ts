// Puts D.zip and D.manifest.json in the output bucket without destroying anything: a result already there is
// first copied under history/D/<time>/ (copy, not move: the instance profile has no delete right), then the new
// zip is uploaded (lib-storage, multipart for large files) and the manifest last, so a manifest always
// describes a complete zip.
import { createReadStream } from 'node:fs';
import type { Storage } from '../src/aws/storage';
import { awsErrorDetail, type Reasons } from './runFailure';
import { IO_CHUNK } from './transfer';

function resultKeys(date: string): { zip: string; manifest: string } {
  return { zip: `${date}.zip`, manifest: `${date}.manifest.json` };
}

/** `history/2020-06-27/20261128T190455Z/2020-06-27.zip`: sorted by time, one folder per replaced result. */
function historyPrefix(date: string, when: Date): string {
  const stamp = when
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}Z$/, 'Z');
  return `history/${date}/${stamp}/`;
}

export interface Published {
  zipKey: string;
  manifestKey: string;
  /** Where the previous result now lives, when there was one. */
  previous?: string;
}

export async function publishResults(
  storage: Storage,
  reasons: Reasons,
  bucket: string,
  date: string,
  zipPath: string,
  manifestJson: string,
  now: Date = new Date(),
): Promise<Published> {
  const keys = resultKeys(date);
  const guard = async <T>(key: string, work: () => Promise<T>): Promise<T> => {
    try {
      return await work();
    } catch (e) {
      throw reasons.failure('agent.reason.s3', { bucket, key, detail: awsErrorDetail(e) });
    }
  };
  const published: Published = { zipKey: keys.zip, manifestKey: keys.manifest };
  const history = historyPrefix(date, now);
  for (const key of [keys.zip, keys.manifest]) {
    const existing = await guard(key, () => storage.head(bucket, key));
    if (!existing) continue;
    const kept = `${history}${key}`;
    // The size picks CopyObject (up to 5 GB) or a multipart copy: a year's D.zip can pass 5 GB.
    await guard(key, () => storage.copy({ bucket, key }, { bucket, key: kept }, existing.size));
    if (key === keys.zip) published.previous = kept;
  }
  await guard(keys.zip, () =>
    storage.upload(bucket, keys.zip, createReadStream(zipPath, { highWaterMark: IO_CHUNK }), {
      contentType: 'application/zip',
    }),
  );
  await guard(keys.manifest, () =>
    storage.upload(bucket, keys.manifest, manifestJson, { contentType: 'application/json' }),
  );
  return published;
}
