// Objects live on disk, one file per object named by the hash of its key (keys may hold any character, be longer
// than a file name, or be prefixes of each other), beside a small JSON file with its metadata. An in-memory index
// answers listings; bodies are only ever streamed.
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream, promises as fs } from 'node:fs';
import * as path from 'node:path';
import { Transform, type Readable, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createChecksum, type Checksum, type ChecksumAlgorithm } from './checksums';

export interface ObjectMeta {
  key: string;
  size: number;
  /** Hex md5, or `<hex>-<parts>` for multipart uploads; quoted on the wire. */
  etag: string;
  lastModified: string;
  contentType: string;
  metadata: Record<string, string>;
  /** The additional checksum the uploader sent (and S3 verified), if any. */
  checksum?: { algorithm: ChecksumAlgorithm; value: string };
}

/** An additional checksum to verify while storing; `expected` is read after the body ends (trailers come last). */
interface ChecksumCheck {
  algorithm: ChecksumAlgorithm;
  expected: () => string | undefined;
}

interface BucketInfo {
  name: string;
  creationDate: string;
}

interface Bucket {
  info: BucketInfo;
  objects: Map<string, ObjectMeta>;
  sortedKeys: string[] | undefined;
}

interface Upload {
  uploadId: string;
  bucket: string;
  key: string;
  contentType: string;
  metadata: Record<string, string>;
  parts: Map<number, { etag: string; size: number }>;
}

export class S3StoreError extends Error {
  constructor(
    readonly code:
      | 'NoSuchBucket'
      | 'NoSuchKey'
      | 'BucketNotEmpty'
      | 'NoSuchUpload'
      | 'InvalidPart'
      | 'InvalidPartOrder'
      | 'EntityTooSmall'
      | 'BadDigest',
    message: string,
  ) {
    super(message);
  }
}

const IO_CHUNK = 1 << 20;
/** Every part of a multipart upload but the last must hold at least this much (S3's rule). */
const MIN_PART_SIZE = 5 * 1024 * 1024;

export class S3Store {
  private readonly buckets = new Map<string, Bucket>();
  private readonly uploads = new Map<string, Upload>();

  constructor(private readonly root: string) {}

  /** Loads buckets and objects left by an earlier run on the same data dir. */
  async init(): Promise<void> {
    await fs.mkdir(this.bucketsDir(), { recursive: true });
    await fs.mkdir(this.tmpDir(), { recursive: true });
    for (const name of await fs.readdir(this.bucketsDir())) {
      const info = await readJson<BucketInfo>(path.join(this.bucketsDir(), name, 'bucket.json'));
      if (!info) continue;
      const bucket: Bucket = { info, objects: new Map(), sortedKeys: undefined };
      const dir = path.join(this.bucketsDir(), name, 'objects');
      for (const file of await fs.readdir(dir).catch(() => [])) {
        if (!file.endsWith('.json')) continue;
        const meta = await readJson<ObjectMeta>(path.join(dir, file));
        if (meta) bucket.objects.set(meta.key, meta);
      }
      this.buckets.set(name, bucket);
    }
  }

  listBuckets(): BucketInfo[] {
    return [...this.buckets.values()].map((b) => b.info).sort((a, b) => a.name.localeCompare(b.name));
  }

  hasBucket(name: string): boolean {
    return this.buckets.has(name);
  }

  /** Returns false when it already existed. */
  async createBucket(name: string): Promise<boolean> {
    if (this.buckets.has(name)) return false;
    const info: BucketInfo = { name, creationDate: new Date().toISOString() };
    await fs.mkdir(path.join(this.bucketsDir(), name, 'objects'), { recursive: true });
    await fs.writeFile(path.join(this.bucketsDir(), name, 'bucket.json'), JSON.stringify(info));
    this.buckets.set(name, { info, objects: new Map(), sortedKeys: undefined });
    return true;
  }

  async deleteBucket(name: string): Promise<void> {
    const bucket = this.bucket(name);
    if (bucket.objects.size > 0)
      throw new S3StoreError('BucketNotEmpty', 'The bucket you tried to delete is not empty');
    this.buckets.delete(name);
    await fs.rm(path.join(this.bucketsDir(), name), { recursive: true, force: true });
  }

  head(bucketName: string, key: string): ObjectMeta | undefined {
    return this.bucket(bucketName).objects.get(key);
  }

  /** Every key of a bucket in S3's (binary) order. */
  sortedKeys(bucketName: string): string[] {
    const bucket = this.bucket(bucketName);
    bucket.sortedKeys ??= [...bucket.objects.keys()].sort(compareKeys);
    return bucket.sortedKeys;
  }

  read(bucketName: string, key: string, range?: { start: number; end: number }): Readable {
    const meta = this.head(bucketName, key);
    if (!meta) throw new S3StoreError('NoSuchKey', 'The specified key does not exist.');
    return createReadStream(this.objectFile(bucketName, key), { highWaterMark: IO_CHUNK, ...(range ?? {}) });
  }

  async put(
    bucketName: string,
    key: string,
    body: Readable,
    attrs: { contentType?: string; metadata?: Record<string, string>; checksum?: ChecksumCheck } = {},
  ): Promise<ObjectMeta> {
    this.bucket(bucketName);
    const check = attrs.checksum;
    const sum = check ? createChecksum(check.algorithm) : undefined;
    const { file, md5, size } = await this.writeTemp(body, sum);
    let checksum: ObjectMeta['checksum'];
    if (check && sum) {
      const value = sum.digest();
      const expected = check.expected();
      if (expected !== undefined && expected !== value) {
        await fs.rm(file, { force: true });
        throw new S3StoreError(
          'BadDigest',
          `The ${check.algorithm.toUpperCase()} you specified did not match the calculated checksum.`,
        );
      }
      checksum = { algorithm: check.algorithm, value };
    }
    const meta: ObjectMeta = {
      key,
      size,
      etag: md5.toString('hex'),
      lastModified: new Date().toISOString(),
      contentType: attrs.contentType ?? 'binary/octet-stream',
      metadata: attrs.metadata ?? {},
      ...(checksum ? { checksum } : {}),
    };
    await this.commit(bucketName, meta, file);
    return meta;
  }

  async putBuffer(bucketName: string, key: string, body: Buffer, contentType?: string): Promise<ObjectMeta> {
    this.bucket(bucketName);
    const file = path.join(this.tmpDir(), randomUUID());
    await fs.writeFile(file, body);
    const meta: ObjectMeta = {
      key,
      size: body.length,
      etag: createHash('md5').update(body).digest('hex'),
      lastModified: new Date().toISOString(),
      contentType: contentType ?? 'binary/octet-stream',
      metadata: {},
    };
    await this.commit(bucketName, meta, file);
    return meta;
  }

  async copy(
    from: { bucket: string; key: string },
    to: { bucket: string; key: string },
    replace?: { contentType?: string; metadata: Record<string, string> },
  ): Promise<ObjectMeta> {
    const source = this.head(from.bucket, from.key);
    if (!source) throw new S3StoreError('NoSuchKey', 'The specified key does not exist.');
    this.bucket(to.bucket);
    const file = path.join(this.tmpDir(), randomUUID());
    await fs.copyFile(this.objectFile(from.bucket, from.key), file);
    const meta: ObjectMeta = {
      ...source,
      key: to.key,
      lastModified: new Date().toISOString(),
      contentType: replace?.contentType ?? source.contentType,
      metadata: replace ? replace.metadata : { ...source.metadata },
    };
    await this.commit(to.bucket, meta, file);
    return meta;
  }

  /** Returns false when there was nothing to delete (S3 answers 204 either way). */
  async delete(bucketName: string, key: string): Promise<boolean> {
    const bucket = this.bucket(bucketName);
    if (!bucket.objects.delete(key)) return false;
    bucket.sortedKeys = undefined;
    const file = this.objectFile(bucketName, key);
    await Promise.all([fs.rm(file, { force: true }), fs.rm(`${file}.json`, { force: true })]);
    return true;
  }

  createUpload(
    bucketName: string,
    key: string,
    contentType: string | undefined,
    metadata: Record<string, string>,
  ): string {
    this.bucket(bucketName);
    const uploadId = randomUUID().replace(/-/g, '');
    this.uploads.set(uploadId, {
      uploadId,
      bucket: bucketName,
      key,
      contentType: contentType ?? 'binary/octet-stream',
      metadata,
      parts: new Map(),
    });
    return uploadId;
  }

  async putPart(uploadId: string, partNumber: number, body: Readable): Promise<string> {
    const upload = this.upload(uploadId);
    const { file, md5, size } = await this.writeTemp(body);
    await fs.mkdir(this.uploadDir(uploadId), { recursive: true });
    await fs.rename(file, path.join(this.uploadDir(uploadId), String(partNumber)));
    const etag = md5.toString('hex');
    upload.parts.set(partNumber, { etag, size });
    return etag;
  }

  async completeUpload(uploadId: string, parts: Array<{ partNumber: number; etag: string }>): Promise<ObjectMeta> {
    const upload = this.upload(uploadId);
    let previous = 0;
    for (const p of parts) {
      if (p.partNumber <= previous)
        throw new S3StoreError('InvalidPartOrder', 'The list of parts was not in ascending order.');
      previous = p.partNumber;
      const stored = upload.parts.get(p.partNumber);
      if (!stored || stored.etag !== p.etag.replace(/"/g, '')) {
        throw new S3StoreError('InvalidPart', 'One or more of the specified parts could not be found.');
      }
    }
    const tooSmall = parts.slice(0, -1).some((p) => (upload.parts.get(p.partNumber)?.size ?? 0) < MIN_PART_SIZE);
    if (tooSmall)
      throw new S3StoreError('EntityTooSmall', 'Your proposed upload is smaller than the minimum allowed object size.');
    const file = path.join(this.tmpDir(), randomUUID());
    const digest = createHash('md5');
    let size = 0;
    for (const p of parts) {
      digest.update(Buffer.from(upload.parts.get(p.partNumber)?.etag ?? '', 'hex'));
      size += upload.parts.get(p.partNumber)?.size ?? 0;
    }
    const partFiles = parts.map((p) => path.join(this.uploadDir(uploadId), String(p.partNumber)));
    // One pipeline into the object file for all parts (a pipeline per part into the same stream would leave one
    // set of end-of-stream listeners on it per part: 10,000 parts are allowed).
    async function* allParts(): AsyncGenerator<Buffer> {
      for (const partFile of partFiles)
        for await (const chunk of createReadStream(partFile, { highWaterMark: IO_CHUNK })) yield chunk as Buffer;
    }
    try {
      await pipeline(allParts, createWriteStream(file, { highWaterMark: IO_CHUNK }));
    } catch (e) {
      await fs.rm(file, { force: true });
      throw e;
    }
    const meta: ObjectMeta = {
      key: upload.key,
      size,
      etag: `${digest.digest('hex')}-${parts.length}`,
      lastModified: new Date().toISOString(),
      contentType: upload.contentType,
      metadata: upload.metadata,
    };
    await this.commit(upload.bucket, meta, file);
    await this.abortUpload(uploadId);
    return meta;
  }

  async abortUpload(uploadId: string): Promise<void> {
    this.upload(uploadId);
    this.uploads.delete(uploadId);
    await fs.rm(this.uploadDir(uploadId), { recursive: true, force: true });
  }

  uploadOf(uploadId: string): { bucket: string; key: string } | undefined {
    return this.uploads.get(uploadId);
  }

  private async writeTemp(body: Readable, extra?: Checksum): Promise<{ file: string; md5: Buffer; size: number }> {
    const file = path.join(this.tmpDir(), randomUUID());
    const digest = createHash('md5');
    let size = 0;
    const measure = new Transform({
      transform(chunk: Buffer, _enc, done: TransformCallback) {
        digest.update(chunk);
        extra?.update(chunk);
        size += chunk.length;
        done(null, chunk);
      },
    });
    try {
      await pipeline(body, measure, createWriteStream(file, { highWaterMark: IO_CHUNK }));
    } catch (e) {
      await fs.rm(file, { force: true });
      throw e;
    }
    return { file, md5: digest.digest(), size };
  }

  /** Moves a fully written temp file into place, so a reader never sees half an object. */
  private async commit(bucketName: string, meta: ObjectMeta, tempFile: string): Promise<void> {
    const bucket = this.bucket(bucketName);
    const target = this.objectFile(bucketName, meta.key);
    await fs.rename(tempFile, target);
    await fs.writeFile(`${target}.json`, JSON.stringify(meta));
    if (!bucket.objects.has(meta.key)) bucket.sortedKeys = undefined;
    bucket.objects.set(meta.key, meta);
  }

  private bucket(name: string): Bucket {
    const bucket = this.buckets.get(name);
    if (!bucket) throw new S3StoreError('NoSuchBucket', 'The specified bucket does not exist');
    return bucket;
  }

  private upload(uploadId: string): Upload {
    const upload = this.uploads.get(uploadId);
    if (!upload) throw new S3StoreError('NoSuchUpload', 'The specified upload does not exist.');
    return upload;
  }

  private objectFile(bucketName: string, key: string): string {
    const hash = createHash('sha256').update(key).digest('hex');
    return path.join(this.bucketsDir(), bucketName, 'objects', hash);
  }

  private bucketsDir(): string {
    return path.join(this.root, 'buckets');
  }

  private tmpDir(): string {
    return path.join(this.root, 'tmp');
  }

  private uploadDir(uploadId: string): string {
    return path.join(this.root, 'uploads', uploadId);
  }
}

const SURROGATE = /[\uD800-\uDFFF]/;

/**
 * S3 orders keys by their UTF-8 bytes. JavaScript compares UTF-16 code units, which agrees with UTF-8 byte order
 * except around surrogate pairs, so only keys holding those pay for the byte comparison.
 */
export function compareKeys(a: string, b: string): number {
  if (!SURROGATE.test(a) && !SURROGATE.test(b)) return a < b ? -1 : a > b ? 1 : 0;
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

/** Index of the first key that sorts after `key` (or at it, with `inclusive`), by binary search. */
export function searchKeys(sorted: readonly string[], key: string, inclusive = false): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const c = compareKeys(sorted[mid] as string, key);
    if (c < 0 || (c === 0 && !inclusive)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

async function readJson<T>(file: string): Promise<T | undefined> {
  try {
    return JSON.parse(await fs.readFile(file, 'utf8')) as T;
  } catch {
    return undefined;
  }
}
