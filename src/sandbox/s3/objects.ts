// S3 object operations: PutObject, CopyObject, GetObject, HeadObject, DeleteObject, DeleteObjects.
import type { OutgoingHttpHeaders } from 'node:http';
import type { Exchange } from '../exchange';
import { elementTexts, toXml, xmlDocument, type XmlNode } from '../xml';
import { CHECKSUM_ALGORITHMS, isChecksumAlgorithm, type ChecksumAlgorithm } from './checksums';
import {
  checkKey,
  copySourceOf,
  emptyStream,
  noSuchKey,
  parseRange,
  requireBucket,
  S3_NS,
  S3ReplyError,
  sendXml,
  uploadBody,
  userMetadata,
  type S3Operation,
} from './wire';

const MAX_SINGLE_PUT = 5 * 1024 ** 3;

const putObject: S3Operation = async (ctx, ex, { bucket, key }) => {
  requireBucket(ctx, bucket);
  checkKey(key);
  const declared = Number(ex.header('x-amz-decoded-content-length') ?? ex.header('content-length') ?? 0);
  if (declared > MAX_SINGLE_PUT) {
    throw new S3ReplyError(400, 'EntityTooLarge', 'Your proposed upload exceeds the maximum allowed size');
  }
  const trailers = new Map<string, string>();
  const algorithm = uploadChecksumAlgorithm(ex);
  const meta = await ctx.store.put(
    bucket,
    key,
    uploadBody(ex, (name, value) => trailers.set(name, value)),
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
};

const copyObject: S3Operation = async (ctx, ex, { bucket, key }) => {
  requireBucket(ctx, bucket);
  const source = copySourceOf(ctx, ex);
  const size = ctx.store.head(source.bucket, source.key)?.size ?? 0;
  if (size > ctx.regions.copyObjectMaxBytes)
    throw new S3ReplyError(400, 'InvalidRequest', ctx.regions.copyTooLargeMessage());
  const replace = ex.header('x-amz-metadata-directive') === 'REPLACE';
  const meta = await ctx.store.copy(
    source,
    { bucket, key },
    replace ? { contentType: ex.header('content-type'), metadata: userMetadata(ex) } : undefined,
  );
  return sendXml(
    ex,
    200,
    xmlDocument('CopyObjectResult', toXml({ LastModified: meta.lastModified, ETag: `"${meta.etag}"` }), S3_NS),
  );
};

/** GetObject and HeadObject: the same headers, HEAD without the body. */
const getObject: S3Operation = (ctx, ex, { bucket, key }) => {
  requireBucket(ctx, bucket);
  const meta = ctx.store.head(bucket, key);
  if (!meta) {
    if (ex.req.method === 'HEAD') return ex.send(404, {});
    throw noSuchKey();
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
  return ex.sendStream(status, headers, empty ? emptyStream() : ctx.store.read(bucket, key, range));
};

const deleteObject: S3Operation = async (ctx, ex, { bucket, key }) => {
  requireBucket(ctx, bucket);
  await ctx.store.delete(bucket, key);
  return ex.send(204, {});
};

const deleteObjects: S3Operation = async (ctx, ex, { bucket }) => {
  requireBucket(ctx, bucket);
  const body = (await ex.readBody()).toString('utf8');
  const quiet = elementTexts(body, 'Quiet')[0] === 'true';
  const deleted: XmlNode[] = [];
  for (const key of elementTexts(body, 'Key')) {
    await ctx.store.delete(bucket, key);
    deleted.push({ Deleted: { Key: key } });
  }
  return sendXml(ex, 200, xmlDocument('DeleteResult', quiet ? '' : deleted.map(toXml).join(''), S3_NS));
};

/** The additional checksum an upload carries: a header with its value, or a trailer announced in x-amz-trailer. */
function uploadChecksumAlgorithm(ex: Exchange): ChecksumAlgorithm | undefined {
  const named = [ex.header('x-amz-trailer'), ex.header('x-amz-sdk-checksum-algorithm')?.toLowerCase()]
    .map((v) => v?.replace(/^x-amz-checksum-/, ''))
    .find((v): v is ChecksumAlgorithm => v !== undefined && isChecksumAlgorithm(v));
  return named ?? CHECKSUM_ALGORITHMS.find((a) => ex.header(`x-amz-checksum-${a}`) !== undefined);
}

export const OBJECT_OPERATIONS: Record<string, S3Operation> = {
  PutObject: putObject,
  CopyObject: copyObject,
  GetObject: getObject,
  HeadObject: getObject,
  DeleteObject: deleteObject,
  DeleteObjects: deleteObjects,
};
