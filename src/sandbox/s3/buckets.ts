// S3 bucket operations: ListBuckets, CreateBucket, HeadBucket, DeleteBucket, GetBucketLocation.
import { escapeXml, toXml, xmlDocument } from '../xml';
import { requireBucket, S3_NS, S3ReplyError, sendXml, type S3Operation } from './wire';

const BUCKET_NAME = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
const OWNER = { ID: 'sandbox0000000000000000000000000000000000000000000000000000000000', DisplayName: 'sandbox' };

const listBuckets: S3Operation = (ctx, ex) => {
  const buckets = ctx.store.listBuckets().map((b) => ({ Bucket: { Name: b.name, CreationDate: b.creationDate } }));
  return sendXml(ex, 200, xmlDocument('ListAllMyBucketsResult', toXml({ Owner: OWNER, Buckets: buckets }), S3_NS));
};

const createBucket: S3Operation = async (ctx, ex, { bucket }) => {
  if (!BUCKET_NAME.test(bucket) || bucket.includes('..')) {
    throw new S3ReplyError(400, 'InvalidBucketName', 'The specified bucket is not valid.');
  }
  if (!(await ctx.store.createBucket(bucket))) {
    throw new S3ReplyError(
      409,
      'BucketAlreadyOwnedByYou',
      'Your previous request to create the named bucket succeeded and you already own it.',
    );
  }
  return ex.send(200, { location: `/${bucket}` });
};

const headBucket: S3Operation = (ctx, ex, { bucket }) => {
  requireBucket(ctx, bucket);
  return ex.send(200, { 'x-amz-bucket-region': ctx.regions.regionOf(bucket) });
};

const deleteBucket: S3Operation = async (ctx, ex, { bucket }) => {
  await ctx.store.deleteBucket(bucket);
  return ex.send(204, {});
};

const getBucketLocation: S3Operation = (ctx, ex, { bucket }) => {
  requireBucket(ctx, bucket);
  // us-east-1 is the one region S3 reports as an empty LocationConstraint.
  const region = ctx.regions.regionOf(bucket);
  const constraint = region === 'us-east-1' ? '' : region;
  return sendXml(ex, 200, xmlDocument('LocationConstraint', escapeXml(constraint), S3_NS));
};

export const BUCKET_OPERATIONS: Record<string, S3Operation> = {
  ListBuckets: listBuckets,
  CreateBucket: createBucket,
  HeadBucket: headBucket,
  DeleteBucket: deleteBucket,
  GetBucketLocation: getBucketLocation,
};
