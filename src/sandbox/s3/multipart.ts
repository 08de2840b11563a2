// S3 multipart uploads: CreateMultipartUpload, UploadPart, UploadPartCopy, CompleteMultipartUpload,
// AbortMultipartUpload.
import type { Exchange } from '../exchange';
import { elementTexts, toXml, xmlDocument } from '../xml';
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
  type S3Context,
  type S3Operation,
} from './wire';

const createUpload: S3Operation = (ctx, ex, { bucket, key }) => {
  requireBucket(ctx, bucket);
  checkKey(key);
  const uploadId = ctx.store.createUpload(bucket, key, ex.header('content-type'), userMetadata(ex));
  return sendXml(
    ex,
    200,
    xmlDocument('InitiateMultipartUploadResult', toXml({ Bucket: bucket, Key: key, UploadId: uploadId }), S3_NS),
  );
};

const uploadPart: S3Operation = async (ctx, ex, { bucket, key }) => {
  const uploadId = uploadIdFor(ctx, ex, bucket, key);
  const etag = await ctx.store.putPart(uploadId, partNumberOf(ex), uploadBody(ex));
  return ex.send(200, { etag: `"${etag}"` });
};

/** A part copied from an existing object, optionally one byte range of it (x-amz-copy-source-range). */
const uploadPartCopy: S3Operation = async (ctx, ex, { bucket, key }) => {
  const uploadId = uploadIdFor(ctx, ex, bucket, key);
  const partNumber = partNumberOf(ex);
  const source = copySourceOf(ctx, ex);
  const meta = ctx.store.head(source.bucket, source.key);
  if (!meta) throw noSuchKey();
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
  if (length > ctx.regions.copyObjectMaxBytes)
    throw new S3ReplyError(400, 'InvalidRequest', ctx.regions.copyTooLargeMessage());
  const body = meta.size === 0 ? emptyStream() : ctx.store.read(source.bucket, source.key, range);
  const etag = await ctx.store.putPart(uploadId, partNumber, body);
  const result = toXml({ LastModified: new Date().toISOString(), ETag: `"${etag}"` });
  return sendXml(ex, 200, xmlDocument('CopyPartResult', result, S3_NS));
};

const completeUpload: S3Operation = async (ctx, ex, { bucket, key }) => {
  const uploadId = uploadIdFor(ctx, ex, bucket, key);
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
  const meta = await ctx.store.completeUpload(uploadId, parts);
  const result = { Location: `http://127.0.0.1/${bucket}/${key}`, Bucket: bucket, Key: key, ETag: `"${meta.etag}"` };
  return sendXml(ex, 200, xmlDocument('CompleteMultipartUploadResult', toXml(result), S3_NS));
};

const abortUpload: S3Operation = async (ctx, ex, { bucket, key }) => {
  await ctx.store.abortUpload(uploadIdFor(ctx, ex, bucket, key));
  return ex.send(204, {});
};

function uploadIdFor(ctx: S3Context, ex: Exchange, bucket: string, key: string): string {
  requireBucket(ctx, bucket);
  const uploadId = ex.url.searchParams.get('uploadId') ?? '';
  const upload = ctx.store.uploadOf(uploadId);
  if (!upload || upload.bucket !== bucket || upload.key !== key) {
    throw new S3ReplyError(
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
    throw new S3ReplyError(400, 'InvalidArgument', 'Part number must be an integer between 1 and 10000, inclusive');
  }
  return partNumber;
}

export const MULTIPART_OPERATIONS: Record<string, S3Operation> = {
  CreateMultipartUpload: createUpload,
  UploadPart: uploadPart,
  UploadPartCopy: uploadPartCopy,
  CompleteMultipartUpload: completeUpload,
  AbortMultipartUpload: abortUpload,
};
