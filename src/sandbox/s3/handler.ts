// S3 REST, path-style only (`/bucket/key`): the operations the project and @aws-sdk/lib-storage use. This module
// admits a request, sends the region redirect and the errors; the operations live by group in buckets.ts,
// listing.ts, objects.ts and multipart.ts.
import { PayloadRefusedError, sendRefusal } from '../auth/access';
import { BodyTooLargeError, type ErrorKind, type Exchange, type WireError } from '../exchange';
import type { Faults } from '../faults';
import { escapeXml, toXml, xmlDocument } from '../xml';
import { IncompleteChunkedBody } from './awsChunked';
import { BUCKET_OPERATIONS } from './buckets';
import { LISTING_OPERATIONS } from './listing';
import { MULTIPART_OPERATIONS } from './multipart';
import { OBJECT_OPERATIONS } from './objects';
import { S3Regions } from './regions';
import { routeOf, type S3Route } from './route';
import { S3Store, S3StoreError } from './store';
import { S3ReplyError, type S3Context, type S3Operation } from './wire';

const OPERATIONS: Readonly<Record<string, S3Operation>> = {
  ...BUCKET_OPERATIONS,
  ...LISTING_OPERATIONS,
  ...OBJECT_OPERATIONS,
  ...MULTIPART_OPERATIONS,
};

export class S3Handler {
  private readonly ctx: S3Context;

  constructor(
    store: S3Store,
    private readonly faults: Faults,
    regions: S3Regions = new S3Regions({ defaultRegion: 'us-east-1' }),
  ) {
    this.ctx = { store, regions };
  }

  async handle(ex: Exchange): Promise<void> {
    let route: S3Route;
    try {
      route = routeOf(ex);
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
      const operation = Object.hasOwn(OPERATIONS, route.operation) ? OPERATIONS[route.operation] : undefined;
      if (!operation)
        throw new S3ReplyError(501, 'NotImplemented', 'The sandbox does not implement this S3 operation.');
      await operation(this.ctx, ex, { operation: route.operation, bucket: route.bucket ?? '', key: route.key ?? '' });
    } catch (e) {
      if (e instanceof S3Redirect) return sendRedirect(ex, e.region, route);
      if (e instanceof S3ReplyError) return sendError(ex, e.status, e.code, e.message, route);
      if (e instanceof S3StoreError) return sendError(ex, statusOf(e.code), e.code, e.message, route);
      // The body failed a check armed by authentication (payload hash, chunk signature) or its cap.
      if (e instanceof PayloadRefusedError)
        return sendRefusal(ex, { ok: false, protocol: 's3', failure: e.failure, detail: e.message });
      if (e instanceof IncompleteChunkedBody) {
        const message = 'You did not provide the number of bytes specified by the Content-Length HTTP header.';
        return sendError(ex, 400, 'IncompleteBody', message, route);
      }
      if (e instanceof BodyTooLargeError) {
        return sendRefusal(ex, { ok: false, protocol: 's3', failure: 'bodyTooLarge', detail: e.message });
      }
      if (ex.res.headersSent || ex.req.socket.destroyed) return;
      return sendError(ex, 500, 'InternalError', 'We encountered an internal error. Please try again.', route);
    }
  }

  /** A bucket of another region, asked for with a signature for this one: 301 as S3's regional endpoints answer. */
  private refuseOtherRegion(ex: Exchange, route: S3Route): void {
    if (!route.bucket || route.operation === 'GetBucketLocation' || route.operation === 'CreateBucket') return;
    if (!this.ctx.store.listBuckets().some((b) => b.name === route.bucket)) return;
    const region = this.ctx.regions.misdirected(ex, route.bucket);
    if (region) throw new S3Redirect(region);
  }
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

class S3Redirect extends Error {
  constructor(readonly region: string) {
    super(`bucket in ${region}`);
  }
}

function sendRedirect(ex: Exchange, region: string, route: S3Route): Promise<void> {
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

function sendError(ex: Exchange, status: number, code: string, message: string, route: S3Route): Promise<void> {
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

function s3ErrorReply(kind: ErrorKind): WireError {
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
