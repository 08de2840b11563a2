// S3 REST, path-style only (`/bucket/key`): the operations the project and @aws-sdk/lib-storage use.
import type { OutgoingHttpHeaders } from 'node:http';
import { Readable } from 'node:stream';
import { PayloadRefusedError, sendRefusal } from '../auth/access';
import { BodyTooLargeError, type ErrorKind, type Exchange, type WireError } from '../exchange';
import type { Faults } from '../faults';
import { elementTexts, escapeXml, toXml, xmlDocument, type XmlNode } from '../xml';
import { awsChunkedDecoder, isAwsChunked } from './awsChunked';
import { CHECKSUM_ALGORITHMS, isChecksumAlgorithm, type ChecksumAlgorithm } from './checksums';
import { S3Regions } from './regions';
import { compareKeys, searchKeys, S3Store, S3StoreError, type ObjectMeta } from './store';

const S3_NS = 'http://s3.amazonaws.com/doc/2006-03-01/';
const BUCKET_NAME = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
const MAX_SINGLE_PUT = 5 * 1024 ** 3;
const MAX_KEY_BYTES = 1024;
const OWNER = { ID: 'sandbox0000000000000000000000000000000000000000000000000000000000', DisplayName: 'sandbox' };

type Route = {
  operation: string;
  bucket?: string;
  key?: string;
};

export class S3Handler {
  constructor(
    private readonly store: S3Store,
    private readonly faults: Faults,
    private readonly regions: S3Regions = new S3Regions({ defaultRegion: 'us-east-1' }),
  ) {}

  async handle(ex: Exchange): Promise<void> {
    let route: Route;
    try {
      route = this.route(ex);
    } catch {
      // A malformed %-escape in the path: S3 answers 400 before doing anything else.
      return sendError(ex, 400, 'InvalidURI', "Couldn't parse the specified URI.", { operation: 'Unknown' });
    }
    const admitted = await ex.admit(
      this.faults,
      { service: 's3', operation: route.operation, bucket: route.bucket, key: route.key },
      s3ErrorReply,
    );
    if (!admitted) return;
    try {
      this.refuseOtherRegion(ex, route);
      await this.dispatch(ex, route);
    } catch (e) {
      if (e instanceof S3Redirect) return sendRedirect(ex, e.region, route);
      if (e instanceof S3ReplyError) return sendError(ex, e.status, e.code, e.message, route);
      if (e instanceof S3StoreError) return sendError(ex, statusOf(e.code), e.code, e.message, route);
      // The body failed a check armed by authentication (payload hash, chunk signature) or its cap.
      if (e instanceof PayloadRefusedError)
        return sendRefusal(ex, { ok: false, protocol: 's3', failure: e.failure, detail: e.message });
      if (e instanceof BodyTooLargeError) {
        return sendRefusal(ex, { ok: false, protocol: 's3', failure: 'bodyTooLarge', detail: e.message });
      }
      if (ex.res.headersSent || ex.req.socket.destroyed) return;
      return sendError(ex, 500, 'InternalError', 'We encountered an internal error. Please try again.', route);
    }
  }

  private route(ex: Exchange): Route {
    const method = ex.req.method ?? 'GET';
    const q = ex.url.searchParams;
    const raw = ex.rawPath.slice(1);
    const slash = raw.indexOf('/');
    const bucket = raw === '' ? undefined : decodeURIComponent(slash < 0 ? raw : raw.slice(0, slash));
    const keyPart = slash < 0 ? '' : raw.slice(slash + 1);
    const key = keyPart === '' ? undefined : decodeURIComponent(keyPart);
    if (!bucket) return { operation: method === 'GET' ? 'ListBuckets' : 'Unknown' };
    if (key === undefined) {
      const op =
        method === 'PUT'
          ? 'CreateBucket'
          : method === 'HEAD'
            ? 'HeadBucket'
            : method === 'DELETE'
              ? 'DeleteBucket'
              : method === 'POST' && q.has('delete')
                ? 'DeleteObjects'
                : method === 'GET' && q.has('location')
                  ? 'GetBucketLocation'
                  : method === 'GET' && q.get('list-type') === '2'
                    ? 'ListObjectsV2'
                    : method === 'GET'
                      ? 'ListObjects'
                      : 'Unknown';
      return { operation: op, bucket };
    }
    const op =
      method === 'PUT' && q.has('uploadId') && ex.header('x-amz-copy-source')
        ? 'UploadPartCopy'
        : method === 'PUT' && q.has('uploadId')
          ? 'UploadPart'
          : method === 'PUT' && ex.header('x-amz-copy-source')
            ? 'CopyObject'
            : method === 'PUT'
              ? 'PutObject'
              : method === 'GET'
                ? 'GetObject'
                : method === 'HEAD'
                  ? 'HeadObject'
                  : method === 'DELETE' && q.has('uploadId')
                    ? 'AbortMultipartUpload'
                    : method === 'DELETE'
                      ? 'DeleteObject'
                      : method === 'POST' && q.has('uploads')
                        ? 'CreateMultipartUpload'
                        : method === 'POST' && q.has('uploadId')
                          ? 'CompleteMultipartUpload'
                          : 'Unknown';
    return { operation: op, bucket, key };
  }

  private async dispatch(ex: Exchange, r: Route): Promise<void> {
    const bucket = r.bucket ?? '';
    const key = r.key ?? '';
    switch (r.operation) {
      case 'ListBuckets':
        return this.listBuckets(ex);
      case 'CreateBucket':
        return this.createBucket(ex, bucket);
      case 'HeadBucket':
        this.requireBucket(bucket);
        return ex.send(200, { 'x-amz-bucket-region': this.regions.regionOf(bucket) });
      case 'DeleteBucket':
        await this.store.deleteBucket(bucket);
        return ex.send(204, {});
      case 'GetBucketLocation':
        this.requireBucket(bucket);
        // us-east-1 is the one region S3 reports as an empty LocationConstraint.
        return sendXml(
          ex,
          200,
          xmlDocument('LocationConstraint', escapeXml(locationConstraint(this.regions.regionOf(bucket))), S3_NS),
        );
      case 'ListObjectsV2':
      case 'ListObjects':
        return this.listObjects(ex, bucket, r.operation === 'ListObjectsV2');
      case 'DeleteObjects':
        return this.deleteObjects(ex, bucket);
      case 'PutObject':
        return this.putObject(ex, bucket, key);
      case 'CopyObject':
        return this.copyObject(ex, bucket, key);
      case 'UploadPartCopy':
        return this.uploadPartCopy(ex, bucket, key);
      case 'GetObject':
      case 'HeadObject':
        return this.getObject(ex, bucket, key);
      case 'DeleteObject':
        this.requireBucket(bucket);
        await this.store.delete(bucket, key);
        return ex.send(204, {});
      case 'CreateMultipartUpload':
        return this.createUpload(ex, bucket, key);
      case 'UploadPart':
        return this.uploadPart(ex, bucket, key);
      case 'CompleteMultipartUpload':
        return this.completeUpload(ex, bucket, key);
      case 'AbortMultipartUpload':
        await this.store.abortUpload(this.uploadIdFor(ex, bucket, key));
        return ex.send(204, {});
      default:
        throw new S3ReplyError(501, 'NotImplemented', 'The sandbox does not implement this S3 operation.');
    }
  }

  private listBuckets(ex: Exchange): Promise<void> {
    const buckets = this.store.listBuckets().map((b) => ({ Bucket: { Name: b.name, CreationDate: b.creationDate } }));
    return sendXml(ex, 200, xmlDocument('ListAllMyBucketsResult', toXml({ Owner: OWNER, Buckets: buckets }), S3_NS));
  }

  private async createBucket(ex: Exchange, bucket: string): Promise<void> {
    if (!BUCKET_NAME.test(bucket) || bucket.includes('..')) {
      throw new S3ReplyError(400, 'InvalidBucketName', 'The specified bucket is not valid.');
    }
    if (!(await this.store.createBucket(bucket))) {
      throw new S3ReplyError(
        409,
        'BucketAlreadyOwnedByYou',
        'Your previous request to create the named bucket succeeded and you already own it.',
      );
    }
    return ex.send(200, { location: `/${bucket}` });
  }

  private listObjects(ex: Exchange, bucket: string, v2: boolean): Promise<void> {
    const q = ex.url.searchParams;
    const prefix = q.get('prefix') ?? '';
    const delimiter = q.get('delimiter') ?? '';
    const maxKeys = Math.min(1000, Math.max(0, Number(q.get('max-keys') ?? 1000) || 0));
    const urlEncode = q.get('encoding-type') === 'url';
    const token = q.get('continuation-token');
    let marker = v2 ? (q.get('start-after') ?? '') : (q.get('marker') ?? '');
    if (v2 && token) {
      marker = decodeToken(token);
    }
    const page = listPage(this.store.sortedKeys(bucket), { prefix, delimiter, marker, maxKeys });
    const enc = (s: string): string => (urlEncode ? encodeURIComponent(s).replace(/%2F/g, '/') : s);
    const contents = page.keys.map((k) => ({ Contents: objectXml(this.store.head(bucket, k), enc) }));
    const common = page.prefixes.map((p) => ({ CommonPrefixes: { Prefix: enc(p) } }));
    const body: XmlNode = {
      Name: bucket,
      Prefix: enc(prefix),
      ...(v2
        ? { StartAfter: q.has('start-after') ? enc(q.get('start-after') ?? '') : undefined }
        : { Marker: enc(q.get('marker') ?? '') }),
      ...(v2 ? { ContinuationToken: token ?? undefined } : {}),
      ...(v2 ? { KeyCount: page.keys.length + page.prefixes.length } : {}),
      MaxKeys: maxKeys,
      Delimiter: delimiter ? enc(delimiter) : undefined,
      EncodingType: urlEncode ? 'url' : undefined,
      IsTruncated: page.truncated,
      ...(page.truncated && page.last !== undefined
        ? v2
          ? { NextContinuationToken: encodeToken(page.last) }
          : { NextMarker: delimiter ? enc(page.last) : undefined }
        : {}),
    };
    const xml = toXml(body) + contents.map(toXml).join('') + common.map(toXml).join('');
    return sendXml(ex, 200, xmlDocument('ListBucketResult', xml, S3_NS));
  }

  private async deleteObjects(ex: Exchange, bucket: string): Promise<void> {
    this.requireBucket(bucket);
    const body = (await ex.readBody()).toString('utf8');
    const quiet = elementTexts(body, 'Quiet')[0] === 'true';
    const deleted: XmlNode[] = [];
    for (const key of elementTexts(body, 'Key')) {
      await this.store.delete(bucket, key);
      deleted.push({ Deleted: { Key: key } });
    }
    return sendXml(ex, 200, xmlDocument('DeleteResult', quiet ? '' : deleted.map(toXml).join(''), S3_NS));
  }

  private async putObject(ex: Exchange, bucket: string, key: string): Promise<void> {
    this.requireBucket(bucket);
    checkKey(key);
    const declared = Number(ex.header('x-amz-decoded-content-length') ?? ex.header('content-length') ?? 0);
    if (declared > MAX_SINGLE_PUT) {
      throw new S3ReplyError(400, 'EntityTooLarge', 'Your proposed upload exceeds the maximum allowed size');
    }
    const trailers = new Map<string, string>();
    const algorithm = uploadChecksumAlgorithm(ex);
    const meta = await this.store.put(
      bucket,
      key,
      this.uploadBody(ex, (name, value) => trailers.set(name, value)),
      {
        contentType: ex.header('content-type'),
        metadata: userMetadata(ex),
        ...(algorithm
          ? {
              checksum: {
                algorithm,
                expected: () => ex.header(`x-amz-checksum-${algorithm}`) ?? trailers.get(`x-amz-checksum-${algorithm}`),
              },
            }
          : {}),
      },
    );
    const headers: OutgoingHttpHeaders = { etag: `"${meta.etag}"` };
    if (meta.checksum) headers[`x-amz-checksum-${meta.checksum.algorithm}`] = meta.checksum.value;
    return ex.send(200, headers);
  }

  private async copyObject(ex: Exchange, bucket: string, key: string): Promise<void> {
    this.requireBucket(bucket);
    const source = parseCopySource(ex.header('x-amz-copy-source') ?? '');
    if (!source)
      throw new S3ReplyError(
        400,
        'InvalidArgument',
        'Copy Source must mention the source bucket and key: sourcebucket/sourcekey',
      );
    this.requireBucket(source.bucket);
    const size = this.store.head(source.bucket, source.key)?.size ?? 0;
    if (size > this.regions.copyObjectMaxBytes)
      throw new S3ReplyError(400, 'InvalidRequest', this.regions.copyTooLargeMessage());
    const replace = ex.header('x-amz-metadata-directive') === 'REPLACE';
    const meta = await this.store.copy(
      source,
      { bucket, key },
      replace ? { contentType: ex.header('content-type'), metadata: userMetadata(ex) } : undefined,
    );
    return sendXml(
      ex,
      200,
      xmlDocument('CopyObjectResult', toXml({ LastModified: meta.lastModified, ETag: `"${meta.etag}"` }), S3_NS),
    );
  }

  private async getObject(ex: Exchange, bucket: string, key: string): Promise<void> {
    this.requireBucket(bucket);
    const meta = this.store.head(bucket, key);
    if (!meta) {
      if (ex.req.method === 'HEAD') return ex.send(404, {});
      throw new S3ReplyError(404, 'NoSuchKey', 'The specified key does not exist.');
    }
    const headers: OutgoingHttpHeaders = {
      'content-type': meta.contentType,
      etag: `"${meta.etag}"`,
      'last-modified': new Date(meta.lastModified).toUTCString(),
      'accept-ranges': 'bytes',
    };
    for (const [name, value] of Object.entries(meta.metadata)) headers[`x-amz-meta-${name}`] = value;
    // Like S3: the stored checksum comes back when asked for, and only for the whole object.
    if (meta.checksum && ex.header('x-amz-checksum-mode') === 'ENABLED' && !ex.header('range')) {
      headers[`x-amz-checksum-${meta.checksum.algorithm}`] = meta.checksum.value;
    }
    const rangeHeader = ex.header('range');
    const range = rangeHeader ? parseRange(rangeHeader, meta.size) : undefined;
    if (range === 'unsatisfiable') {
      throw new S3ReplyError(416, 'InvalidRange', 'The requested range is not satisfiable');
    }
    if (range) {
      headers['content-range'] = `bytes ${range.start}-${range.end}/${meta.size}`;
      headers['content-length'] = range.end - range.start + 1;
    } else {
      headers['content-length'] = meta.size;
    }
    const status = range ? 206 : 200;
    if (ex.req.method === 'HEAD') return ex.sendStream(status, headers, undefined);
    const empty = meta.size === 0;
    return ex.sendStream(status, headers, empty ? emptyStream() : this.store.read(bucket, key, range));
  }

  private createUpload(ex: Exchange, bucket: string, key: string): Promise<void> {
    this.requireBucket(bucket);
    checkKey(key);
    const uploadId = this.store.createUpload(bucket, key, ex.header('content-type'), userMetadata(ex));
    return sendXml(
      ex,
      200,
      xmlDocument('InitiateMultipartUploadResult', toXml({ Bucket: bucket, Key: key, UploadId: uploadId }), S3_NS),
    );
  }

  private async uploadPart(ex: Exchange, bucket: string, key: string): Promise<void> {
    const uploadId = this.uploadIdFor(ex, bucket, key);
    const partNumber = Number(ex.url.searchParams.get('partNumber'));
    if (!Number.isInteger(partNumber) || partNumber < 1 || partNumber > 10000) {
      throw new S3ReplyError(400, 'InvalidArgument', 'Part number must be an integer between 1 and 10000, inclusive');
    }
    const etag = await this.store.putPart(uploadId, partNumber, this.uploadBody(ex));
    return ex.send(200, { etag: `"${etag}"` });
  }

  /** A part copied from an existing object, optionally one byte range of it (x-amz-copy-source-range). */
  private async uploadPartCopy(ex: Exchange, bucket: string, key: string): Promise<void> {
    const uploadId = this.uploadIdFor(ex, bucket, key);
    const partNumber = Number(ex.url.searchParams.get('partNumber'));
    if (!Number.isInteger(partNumber) || partNumber < 1 || partNumber > 10000) {
      throw new S3ReplyError(400, 'InvalidArgument', 'Part number must be an integer between 1 and 10000, inclusive');
    }
    const source = parseCopySource(ex.header('x-amz-copy-source') ?? '');
    if (!source)
      throw new S3ReplyError(
        400,
        'InvalidArgument',
        'Copy Source must mention the source bucket and key: sourcebucket/sourcekey',
      );
    this.requireBucket(source.bucket);
    const meta = this.store.head(source.bucket, source.key);
    if (!meta) throw new S3ReplyError(404, 'NoSuchKey', 'The specified key does not exist.');
    const rangeHeader = ex.header('x-amz-copy-source-range');
    const parsed = rangeHeader ? parseRange(rangeHeader, meta.size) : undefined;
    const range = typeof parsed === 'object' ? parsed : undefined;
    if (rangeHeader && (range === undefined || !/^bytes=\d+-\d+$/.test(rangeHeader)))
      throw new S3ReplyError(
        400,
        'InvalidArgument',
        'The x-amz-copy-source-range value must be of the form bytes=first-last where first and last are the zero-based offsets of the first and last bytes to copy',
      );
    const length = range ? range.end - range.start + 1 : meta.size;
    if (length > this.regions.copyObjectMaxBytes)
      throw new S3ReplyError(400, 'InvalidRequest', this.regions.copyTooLargeMessage());
    const body = meta.size === 0 ? emptyStream() : this.store.read(source.bucket, source.key, range);
    const etag = await this.store.putPart(uploadId, partNumber, body);
    const result = toXml({ LastModified: new Date().toISOString(), ETag: `"${etag}"` });
    return sendXml(ex, 200, xmlDocument('CopyPartResult', result, S3_NS));
  }

  /** A bucket of another region, asked for with a signature for this one: 301 as S3's regional endpoints answer. */
  private refuseOtherRegion(ex: Exchange, route: Route): void {
    if (!route.bucket || route.operation === 'GetBucketLocation' || route.operation === 'CreateBucket') return;
    if (!this.store.listBuckets().some((b) => b.name === route.bucket)) return;
    const region = this.regions.misdirected(ex, route.bucket);
    if (region) throw new S3Redirect(region);
  }

  private async completeUpload(ex: Exchange, bucket: string, key: string): Promise<void> {
    const uploadId = this.uploadIdFor(ex, bucket, key);
    const body = (await ex.readBody()).toString('utf8');
    const parts = elementTexts(body, 'Part').map((p) => ({
      partNumber: Number(elementTexts(p, 'PartNumber')[0]),
      etag: elementTexts(p, 'ETag')[0] ?? '',
    }));
    if (parts.length === 0)
      throw new S3ReplyError(
        400,
        'MalformedXML',
        'The XML you provided was not well-formed or did not validate against our published schema',
      );
    const meta = await this.store.completeUpload(uploadId, parts);
    const result = { Location: `http://127.0.0.1/${bucket}/${key}`, Bucket: bucket, Key: key, ETag: `"${meta.etag}"` };
    return sendXml(ex, 200, xmlDocument('CompleteMultipartUploadResult', toXml(result), S3_NS));
  }

  private uploadIdFor(ex: Exchange, bucket: string, key: string): string {
    this.requireBucket(bucket);
    const uploadId = ex.url.searchParams.get('uploadId') ?? '';
    const upload = this.store.uploadOf(uploadId);
    if (!upload || upload.bucket !== bucket || upload.key !== key) {
      throw new S3ReplyError(
        404,
        'NoSuchUpload',
        'The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.',
      );
    }
    return uploadId;
  }

  private uploadBody(ex: Exchange, onTrailer?: (name: string, value: string) => void): Readable {
    const body = ex.requestBody();
    if (!isAwsChunked(ex.req.headers)) return body;
    const decoder = awsChunkedDecoder(onTrailer);
    body.on('error', (e) => decoder.destroy(e));
    return body.pipe(decoder);
  }

  private requireBucket(bucket: string): void {
    if (!this.store.hasBucket(bucket)) throw new S3StoreError('NoSuchBucket', 'The specified bucket does not exist');
  }
}

class S3ReplyError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export interface ListPage {
  keys: string[];
  prefixes: string[];
  truncated: boolean;
  /** The last key or common prefix of the page: where the next page starts after. */
  last?: string;
}

/** One page of a listing: keys after `marker` under `prefix`, folded into common prefixes by `delimiter`. */
export function listPage(
  sorted: readonly string[],
  o: { prefix: string; delimiter: string; marker: string; maxKeys: number },
): ListPage {
  const keys: string[] = [];
  const prefixes: string[] = [];
  let last: string | undefined;
  const resumeInsidePrefix = o.delimiter !== '' && o.marker.endsWith(o.delimiter) && o.marker.startsWith(o.prefix);
  // Keys under the prefix are contiguous in sorted order: start at the later of "just before the prefix" and
  // "just after the marker", stop at the first key past the prefix.
  const start = Math.max(searchKeys(sorted, o.prefix, true), o.marker ? searchKeys(sorted, o.marker) : 0);
  for (let i = start; i < sorted.length; i++) {
    const key = sorted[i] as string;
    if (!key.startsWith(o.prefix)) {
      if (compareKeys(key, o.prefix) > 0) break;
      continue;
    }
    if (resumeInsidePrefix && key.startsWith(o.marker)) continue;
    let entry = key;
    let isPrefix = false;
    if (o.delimiter) {
      const at = key.indexOf(o.delimiter, o.prefix.length);
      if (at >= 0) {
        entry = key.slice(0, at + o.delimiter.length);
        isPrefix = true;
      }
    }
    if (isPrefix && entry === last) continue;
    if (keys.length + prefixes.length >= o.maxKeys) return { keys, prefixes, truncated: true, last };
    if (isPrefix) prefixes.push(entry);
    else keys.push(entry);
    last = entry;
  }
  return { keys, prefixes, truncated: false, last };
}

/** The additional checksum an upload carries: a header with its value, or a trailer announced in x-amz-trailer. */
function uploadChecksumAlgorithm(ex: Exchange): ChecksumAlgorithm | undefined {
  const named = [ex.header('x-amz-trailer'), ex.header('x-amz-sdk-checksum-algorithm')?.toLowerCase()]
    .map((v) => v?.replace(/^x-amz-checksum-/, ''))
    .find((v): v is ChecksumAlgorithm => v !== undefined && isChecksumAlgorithm(v));
  return named ?? CHECKSUM_ALGORITHMS.find((a) => ex.header(`x-amz-checksum-${a}`) !== undefined);
}

function checkKey(key: string): void {
  if (Buffer.byteLength(key, 'utf8') > MAX_KEY_BYTES) {
    throw new S3ReplyError(400, 'KeyTooLongError', 'Your key is too long');
  }
}

function objectXml(meta: ObjectMeta | undefined, enc: (s: string) => string): XmlNode {
  if (!meta) return {};
  return {
    Key: enc(meta.key),
    LastModified: meta.lastModified,
    ETag: `"${meta.etag}"`,
    Size: meta.size,
    StorageClass: 'STANDARD',
  };
}

function encodeToken(marker: string): string {
  return Buffer.from(marker, 'utf8').toString('base64');
}

function decodeToken(token: string): string {
  return Buffer.from(token, 'base64').toString('utf8');
}

/** `bytes=a-b`, `bytes=a-`, `bytes=-n`; undefined for syntax S3 ignores (it then sends the whole object). */
export function parseRange(header: string, size: number): { start: number; end: number } | 'unsatisfiable' | undefined {
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m || (m[1] === '' && m[2] === '')) return undefined;
  if (m[1] === '') {
    const suffix = Number(m[2]);
    if (suffix === 0 || size === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(m[1]);
  const end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  if (start >= size) return 'unsatisfiable';
  if (end < start) return undefined;
  return { start, end };
}

function parseCopySource(header: string): { bucket: string; key: string } | undefined {
  const withoutVersion = header.split('?')[0] ?? '';
  const decoded = decodeURIComponent(withoutVersion.replace(/^\//, ''));
  const slash = decoded.indexOf('/');
  if (slash <= 0 || slash === decoded.length - 1) return undefined;
  return { bucket: decoded.slice(0, slash), key: decoded.slice(slash + 1) };
}

function userMetadata(ex: Exchange): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(ex.req.headers)) {
    if (name.startsWith('x-amz-meta-') && value !== undefined) out[name.slice(11)] = String(value);
  }
  return out;
}

function emptyStream(): Readable {
  return Readable.from([]);
}

function statusOf(code: S3StoreError['code']): number {
  switch (code) {
    case 'NoSuchBucket':
    case 'NoSuchKey':
    case 'NoSuchUpload':
      return 404;
    case 'BucketNotEmpty':
      return 409;
    case 'BadDigest':
    case 'EntityTooSmall':
    case 'InvalidPart':
    case 'InvalidPartOrder':
      return 400;
  }
}

function sendXml(ex: Exchange, status: number, xml: string): Promise<void> {
  return ex.send(status, { 'content-type': 'application/xml' }, xml);
}

class S3Redirect extends Error {
  constructor(readonly region: string) {
    super(`bucket in ${region}`);
  }
}

function locationConstraint(region: string): string {
  return region === 'us-east-1' ? '' : region;
}

function sendRedirect(ex: Exchange, region: string, route: Route): Promise<void> {
  const headers = { 'x-amz-bucket-region': region };
  if (ex.req.method === 'HEAD') return ex.send(301, headers);
  const body = toXml({
    Code: 'PermanentRedirect',
    Message:
      'The bucket you are attempting to access must be addressed using the specified endpoint. Please send all future requests to this endpoint.',
    Endpoint: `s3.${region}.amazonaws.com`,
    Bucket: route.bucket,
    RequestId: ex.requestId,
  });
  return ex.send(301, { ...headers, 'content-type': 'application/xml' }, xmlDocument('Error', body));
}

function sendError(ex: Exchange, status: number, code: string, message: string, route: Route): Promise<void> {
  if (ex.req.method === 'HEAD') return ex.send(status, {});
  const body = toXml({
    Code: code,
    Message: message,
    BucketName: route.bucket,
    Key: route.key,
    RequestId: ex.requestId,
  });
  return ex.send(status, { 'content-type': 'application/xml' }, xmlDocument('Error', body));
}

export function s3ErrorReply(kind: ErrorKind): WireError {
  const [status, code, message] =
    kind === 'throttle'
      ? [503, 'SlowDown', 'Please reduce your request rate.']
      : kind === 'denied'
        ? [403, 'AccessDenied', 'Access Denied']
        : [500, 'InternalError', 'We encountered an internal error. Please try again.'];
  return {
    status,
    contentType: 'application/xml',
    body: xmlDocument('Error', `<Code>${code}</Code><Message>${escapeXml(message)}</Message>`),
  };
}
