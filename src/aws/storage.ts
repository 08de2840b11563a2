// S3 behind a small interface, so the extension, the agent and tests can use a fake.
import { libStorageSdk, s3Sdk } from './sdk';
import type { S3Client, ChecksumAlgorithm } from '@aws-sdk/client-s3';
import { Readable } from 'node:stream';

export interface ObjectInfo {
  key: string;
  size: number;
  lastModified?: Date;
  etag?: string;
}

/** Inclusive byte range, as in the HTTP Range header. */
interface ByteRange {
  start: number;
  end: number;
}

interface UploadOptions {
  contentType?: string;
  /** Ask S3 to verify the body against a checksum computed while streaming. */
  checksum?: ChecksumAlgorithm;
  onProgress?: (loadedBytes: number) => void;
  signal?: AbortSignal;
}

interface BucketProbe {
  exists: boolean;
  readable: boolean;
  /** Only probed when asked: it writes and deletes a marker object. */
  writable?: boolean;
  /** The AWS error name when something failed (AccessDenied, NoSuchBucket, …). */
  error?: string;
}

export interface Storage {
  list(bucket: string, prefix?: string): AsyncIterable<ObjectInfo>;
  listAll(bucket: string, prefix?: string): Promise<ObjectInfo[]>;
  head(bucket: string, key: string): Promise<ObjectInfo | undefined>;
  getStream(bucket: string, key: string, range?: ByteRange): Promise<Readable>;
  getBytes(bucket: string, key: string, range?: ByteRange): Promise<Buffer>;
  upload(bucket: string, key: string, body: Readable | Buffer | string, options?: UploadOptions): Promise<void>;
  /** Server-side copy; `size` (the source's) above 5 GB switches to a multipart copy, which CopyObject requires. */
  copy(from: { bucket: string; key: string }, to: { bucket: string; key: string }, size?: number): Promise<void>;
  delete(bucket: string, key: string): Promise<void>;
  /** The bucket's region (GetBucketLocation); optional so test fakes need not model regions. */
  bucketRegion?(bucket: string): Promise<string>;
  probeBucket(bucket: string, options?: { write?: boolean }): Promise<BucketProbe>;
}

const PROBE_KEY = '.adatrap-miner-write-probe';

function isNotFound(e: unknown): boolean {
  const err = e as { name?: string; $metadata?: { httpStatusCode?: number } };
  return err?.name === 'NotFound' || err?.name === 'NoSuchKey' || err?.$metadata?.httpStatusCode === 404;
}

function errorName(e: unknown): string {
  return (e as { name?: string })?.name ?? 'Error';
}

/**
 * CopyObject copies at most 5 GB; beyond, a multipart upload whose parts are UploadPartCopy byte ranges (each
 * 5 MiB to 5 GB, at most 10,000 parts): S3 User Guide, "Copying an object using multipart upload", and the
 * UploadPartCopy API reference.
 */
const COPY_OBJECT_MAX_BYTES = 5 * 1024 ** 3;
const COPY_PART_BYTES = 512 * 1024 ** 2;
const MAX_PARTS = 10_000;

interface S3StorageOptions {
  /** Tests lower both, with the sandbox's limit, so a multipart copy needs megabytes and not gigabytes. */
  copyObjectMaxBytes?: number;
  copyPartBytes?: number;
}

export class S3Storage implements Storage {
  private readonly copyObjectMaxBytes: number;
  private readonly copyPartBytes: number;

  constructor(
    private readonly s3: S3Client,
    options: S3StorageOptions = {},
  ) {
    this.copyObjectMaxBytes = options.copyObjectMaxBytes ?? COPY_OBJECT_MAX_BYTES;
    this.copyPartBytes = options.copyPartBytes ?? COPY_PART_BYTES;
  }

  async *list(bucket: string, prefix?: string): AsyncIterable<ObjectInfo> {
    let token: string | undefined;
    do {
      const page = await this.s3.send(
        new (s3Sdk().ListObjectsV2Command)({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }),
      );
      for (const o of page.Contents ?? []) {
        if (o.Key === undefined) continue;
        yield { key: o.Key, size: o.Size ?? 0, lastModified: o.LastModified, etag: o.ETag };
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
  }

  /**
   * GetBucketLocation answers from any region. us-east-1 buckets report an empty LocationConstraint, and the
   * oldest eu-west-1 buckets report "EU" (S3 API Reference, GetBucketLocation).
   */
  async bucketRegion(bucket: string): Promise<string> {
    const r = await this.s3.send(new (s3Sdk().GetBucketLocationCommand)({ Bucket: bucket }));
    const location = String(r.LocationConstraint ?? '');
    return location === '' ? 'us-east-1' : location === 'EU' ? 'eu-west-1' : location;
  }

  async listAll(bucket: string, prefix?: string): Promise<ObjectInfo[]> {
    const all: ObjectInfo[] = [];
    for await (const o of this.list(bucket, prefix)) all.push(o);
    return all;
  }

  async head(bucket: string, key: string): Promise<ObjectInfo | undefined> {
    try {
      const h = await this.s3.send(new (s3Sdk().HeadObjectCommand)({ Bucket: bucket, Key: key }));
      return { key, size: h.ContentLength ?? 0, lastModified: h.LastModified, etag: h.ETag };
    } catch (e) {
      if (isNotFound(e)) return undefined;
      throw e;
    }
  }

  async getStream(bucket: string, key: string, range?: ByteRange): Promise<Readable> {
    const r = await this.s3.send(
      new (s3Sdk().GetObjectCommand)({
        Bucket: bucket,
        Key: key,
        Range: range ? `bytes=${range.start}-${range.end}` : undefined,
      }),
    );
    if (!(r.Body instanceof Readable)) throw new Error(`GetObject s3://${bucket}/${key} returned no stream`);
    return r.Body;
  }

  async getBytes(bucket: string, key: string, range?: ByteRange): Promise<Buffer> {
    const chunks: Buffer[] = [];
    for await (const chunk of await this.getStream(bucket, key, range)) chunks.push(Buffer.from(chunk as Uint8Array));
    return Buffer.concat(chunks);
  }

  async upload(
    bucket: string,
    key: string,
    body: Readable | Buffer | string,
    options: UploadOptions = {},
  ): Promise<void> {
    const upload = new (libStorageSdk().Upload)({
      client: this.s3,
      params: {
        Bucket: bucket,
        Key: key,
        Body: body,
        ContentType: options.contentType,
        ChecksumAlgorithm: options.checksum,
      },
    });
    if (options.onProgress) {
      const report = options.onProgress;
      upload.on('httpUploadProgress', (p) => report(p.loaded ?? 0));
    }
    const abort = (): void => void upload.abort();
    options.signal?.addEventListener('abort', abort, { once: true });
    try {
      await upload.done();
    } finally {
      options.signal?.removeEventListener('abort', abort);
    }
  }

  async copy(from: { bucket: string; key: string }, to: { bucket: string; key: string }, size?: number): Promise<void> {
    const source = `${from.bucket}/${from.key.split('/').map(encodeURIComponent).join('/')}`;
    if (size === undefined || size <= this.copyObjectMaxBytes) {
      await this.s3.send(new (s3Sdk().CopyObjectCommand)({ Bucket: to.bucket, Key: to.key, CopySource: source }));
      return;
    }
    await this.multipartCopy(source, to, size);
  }

  private async multipartCopy(source: string, to: { bucket: string; key: string }, size: number): Promise<void> {
    const sdk = s3Sdk();
    const partBytes = Math.max(this.copyPartBytes, Math.ceil(size / MAX_PARTS));
    const created = await this.s3.send(new sdk.CreateMultipartUploadCommand({ Bucket: to.bucket, Key: to.key }));
    const uploadId = created.UploadId ?? '';
    try {
      const parts: Array<{ ETag: string; PartNumber: number }> = [];
      for (let start = 0, n = 1; start < size; start += partBytes, n++) {
        const end = Math.min(size, start + partBytes) - 1;
        const part = await this.s3.send(
          new sdk.UploadPartCopyCommand({
            Bucket: to.bucket,
            Key: to.key,
            UploadId: uploadId,
            PartNumber: n,
            CopySource: source,
            CopySourceRange: `bytes=${start}-${end}`,
          }),
        );
        parts.push({ ETag: part.CopyPartResult?.ETag ?? '', PartNumber: n });
      }
      await this.s3.send(
        new sdk.CompleteMultipartUploadCommand({
          Bucket: to.bucket,
          Key: to.key,
          UploadId: uploadId,
          MultipartUpload: { Parts: parts },
        }),
      );
    } catch (e) {
      // An unfinished multipart upload bills its parts until aborted.
      await this.s3
        .send(new sdk.AbortMultipartUploadCommand({ Bucket: to.bucket, Key: to.key, UploadId: uploadId }))
        .catch(() => undefined);
      throw e;
    }
  }

  async delete(bucket: string, key: string): Promise<void> {
    await this.s3.send(new (s3Sdk().DeleteObjectCommand)({ Bucket: bucket, Key: key }));
  }

  async probeBucket(bucket: string, options: { write?: boolean } = {}): Promise<BucketProbe> {
    try {
      await this.s3.send(new (s3Sdk().HeadBucketCommand)({ Bucket: bucket }));
    } catch (e) {
      // HeadBucket answers 403 for a bucket that exists but is not ours to see.
      const status = (e as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
      if (status !== 403) return { exists: false, readable: false, error: errorName(e) };
    }
    const probe: BucketProbe = { exists: true, readable: false };
    try {
      await this.s3.send(new (s3Sdk().ListObjectsV2Command)({ Bucket: bucket, MaxKeys: 1 }));
      probe.readable = true;
    } catch (e) {
      probe.error = errorName(e);
    }
    if (options.write) {
      try {
        await this.s3.send(
          new (s3Sdk().PutObjectCommand)({ Bucket: bucket, Key: PROBE_KEY, Body: new Uint8Array(0), ContentLength: 0 }),
        );
        await this.s3.send(new (s3Sdk().DeleteObjectCommand)({ Bucket: bucket, Key: PROBE_KEY }));
        probe.writable = true;
      } catch (e) {
        probe.writable = false;
        probe.error ??= errorName(e);
      }
    }
    return probe;
  }
}
