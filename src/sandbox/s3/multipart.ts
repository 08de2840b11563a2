// S3 multipart uploads: CreateMultipartUpload, UploadPart, UploadPartCopy, CompleteMultipartUpload,
// AbortMultipartUpload.
import type { Exchange } from '../exchange';
import { elementTexts, toXml, xmlDocument } from '../xml';
import * as wire from './wire';

const createUpload: wire.S3Operation = (ctx, ex, { bucket, key }) => {
  wire.requireBucket(ctx, bucket);
  wire.checkKey(key);
  const uploadId = ctx.store.createUpload(bucket, key, ex.header('content-type'), wire.userMetadata(ex));
  return wire.sendXml(
    ex,
    200,
    xmlDocument('InitiateMultipartUploadResult', toXml({ Bucket: bucket, Key: key, UploadId: uploadId }), wire.S3_NS),
  );
};

const uploadPart: wire.S3Operation = async (ctx, ex, { bucket, key }) => {
  const uploadId = uploadIdFor(ctx, ex, bucket, key);
  const etag = await ctx.store.putPart(uploadId, partNumberOf(ex), wire.uploadBody(ex));
  return ex.send(200, { etag: `"${etag}"` });
};

/** A part copied from an existing object, optionally one byte range of it (x-amz-copy-source-range). */
const uploadPartCopy: wire.S3Operation = async (ctx, ex, { bucket, key }) => {
  const uploadId = uploadIdFor(ctx, ex, bucket, key);
  const partNumber = partNumberOf(ex);
  const source = wire.copySourceOf(ctx, ex);
  const meta = ctx.store.head(source.bucket, source.key);
  if (!meta) throw wire.noSuchKey();
  const rangeHeader = ex.header('x-amz-copy-source-range');
  const parsed = rangeHeader ? wire.parseRange(rangeHeader, meta.size) : undefined;
  const range = typeof parsed === 'object' ? parsed : undefined;
  if (rangeHeader && (range === undefined || !/^bytes=\d+-\d+$/.test(rangeHeader)))
    throw new wire.S3ReplyError(
      400,
      'InvalidArgument',
      'The x-amz-copy-source-range value must be of the form bytes=first-last where first and last are the zero-based offsets of the first and last bytes to copy',
    );
  const length = range ? range.end - range.start + 1 : meta.size;
  if (length > ctx.regions.copyObjectMaxBytes)
    throw new wire.S3ReplyError(400, 'InvalidRequest', ctx.regions.copyTooLargeMessage());
  const body = meta.size === 0 ? wire.emptyStream() : ctx.store.read(source.bucket, source.key, range);
  const etag = await ctx.store.putPart(uploadId, partNumber, body);
  const result = toXml({ LastModified: new Date().toISOString(), ETag: `"${etag}"` });
  return wire.sendXml(ex, 200, xmlDocument('CopyPartResult', result, wire.S3_NS));
};

const completeUpload: wire.S3Operation = async (ctx, ex, { bucket, key }) => {
  const uploadId = uploadIdFor(ctx, ex, bucket, key);
  const body = (await ex.readBody()).toString('utf8');
  const parts = elementTexts(body, 'Part').map((p) => ({
    partNumber: Number(elementTexts(p, 'PartNumber')[0]),
    etag: elementTexts(p, 'ETag')[0] ?? '',
  }));
  if (parts.length === 0)
    throw new wire.S3ReplyError(
      400,
      'MalformedXML',
      'The XML you provided was not well-formed or did not validate against our published schema',
    );
  const meta = await ctx.store.completeUpload(uploadId, parts);
  const result = { Location: `http://127.0.0.1/${bucket}/${key}`, Bucket: bucket, Key: key, ETag: `"${meta.etag}"` };
  return wire.sendXml(ex, 200, xmlDocument('CompleteMultipartUploadResult', toXml(result), wire.S3_NS));
};

const abortUpload: wire.S3Operation = async (ctx, ex, { bucket, key }) => {
  await ctx.store.abortUpload(uploadIdFor(ctx, ex, bucket, key));
  return ex.send(204, {});
};

function uploadIdFor(ctx: wire.S3Context, ex: Exchange, bucket: string, key: string): string {
  wire.requireBucket(ctx, bucket);
  const uploadId = ex.url.searchParams.get('uploadId') ?? '';
  const upload = ctx.store.uploadOf(uploadId);
  if (!upload || upload.bucket !== bucket || upload.key !== key) {
    throw new wire.S3ReplyError(
      404,
      'NoSuchUpload',
      'The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.',
    );
  }
  return uploadId;
}

function partNumberOf(ex: Exchange): number {
  const partNumber = Number(ex.url.searchParams.get('partNumber'));
  if (!Number.isInteger(partNumber) || partNumber < 1 || partNumber > 10000) {
    throw new wire.S3ReplyError(
      400,
      'InvalidArgument',
      'Part number must be an integer between 1 and 10000, inclusive',
    );
  }
  return partNumber;
}

export const MULTIPART_OPERATIONS: Record<string, wire.S3Operation> = {
  CreateMultipartUpload: createUpload,
  UploadPart: uploadPart,
  UploadPartCopy: uploadPartCopy,
  CompleteMultipartUpload: completeUpload,
  AbortMultipartUpload: abortUpload,
};
