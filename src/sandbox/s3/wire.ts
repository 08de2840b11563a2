// What every S3 operation module shares: the context it runs in, its error type, and the request pieces
// several operations read (user metadata, byte ranges, the copy source, the upload body).
import { Readable } from 'node:stream';
import type { Exchange } from '../exchange';
import { awsChunkedDecoder, isAwsChunked } from './awsChunked';
import type { S3Regions } from './regions';
import type { S3Route } from './route';
import { S3StoreError, type S3Store } from './store';

export const S3_NS = 'http://s3.amazonaws.com/doc/2006-03-01/';
const MAX_KEY_BYTES = 1024;

export interface S3Context {
  readonly store: S3Store;
  readonly regions: S3Regions;
}

/** One operation: answers the exchange, or throws S3ReplyError / S3StoreError for the handler to send. */
export type S3Operation = (ctx: S3Context, ex: Exchange, route: Required<S3Route>) => Promise<void>;

export class S3ReplyError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export const noSuchKey = (): S3ReplyError => new S3ReplyError(404, 'NoSuchKey', 'The specified key does not exist.');

export function requireBucket(ctx: S3Context, bucket: string): void {
  if (!ctx.store.hasBucket(bucket)) throw new S3StoreError('NoSuchBucket', 'The specified bucket does not exist');
}

export function checkKey(key: string): void {
  if (Buffer.byteLength(key, 'utf8') > MAX_KEY_BYTES) {
    throw new S3ReplyError(400, 'KeyTooLongError', 'Your key is too long');
  }
}

export function sendXml(ex: Exchange, status: number, xml: string): Promise<void> {
  return ex.send(status, { 'content-type': 'application/xml' }, xml);
}

export function emptyStream(): Readable {
  return Readable.from([]);
}

export function userMetadata(ex: Exchange): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(ex.req.headers)) {
    if (name.startsWith('x-amz-meta-') && value !== undefined) out[name.slice(11)] = String(value);
  }
  return out;
}

/** The request body as stored bytes: aws-chunked framing removed, its trailers handed to `onTrailer`. */
export function uploadBody(ex: Exchange, onTrailer?: (name: string, value: string) => void): Readable {
  const body = ex.requestBody();
  if (!isAwsChunked(ex.req.headers)) return body;
  const decoder = awsChunkedDecoder(onTrailer);
  body.on('error', (e) => decoder.destroy(e));
  return body.pipe(decoder);
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

/** The x-amz-copy-source of CopyObject and UploadPartCopy, its bucket checked; S3's 400 when it names no key. */
export function copySourceOf(ctx: S3Context, ex: Exchange): { bucket: string; key: string } {
  const withoutVersion = (ex.header('x-amz-copy-source') ?? '').split('?')[0] ?? '';
  const decoded = decodeURIComponent(withoutVersion.replace(/^\//, ''));
  const slash = decoded.indexOf('/');
  if (slash <= 0 || slash === decoded.length - 1)
    throw new S3ReplyError(
      400,
      'InvalidArgument',
      'Copy Source must mention the source bucket and key: sourcebucket/sourcekey',
    );
  const source = { bucket: decoded.slice(0, slash), key: decoded.slice(slash + 1) };
  requireBucket(ctx, source.bucket);
  return source;
}
