// Where the sandbox's buckets live and what S3 says when a request is signed for another region, plus the
// copy limits S3 enforces. Kept apart from the handler so the rules read in one place.
//
// - A request for a bucket of another region, on a regional endpoint: 301 PermanentRedirect carrying
//   `x-amz-bucket-region` (S3 User Guide, "Making requests" / "Request redirection and the REST API"; HEAD
//   answers carry the header and no body). The SDK's `followRegionRedirects` re-signs for that region only on a
//   301 with the header, or a 400 with the header for HeadBucket / IllegalLocationConstraintException
//   (@aws-sdk/middleware-sdk-s3 regionRedirectMiddleware): a 400 AuthorizationHeaderMalformed is NOT followed,
//   so the sandbox answers as S3 does on its regional endpoints, 301.
// - GetBucketLocation answers from any region (it is how a client finds the region).
// - CopyObject copies at most 5 GB (5,368,709,120 bytes): larger sources need a multipart upload with
//   UploadPartCopy (S3 User Guide, "Copying an object using multipart upload"); S3 answers 400 InvalidRequest
//   "The specified copy source is larger than the maximum allowable size for a copy source: 5368709120".
//   Each UploadPartCopy range is also at most 5 GB.
import type { Exchange } from '../exchange';

const COPY_OBJECT_MAX_BYTES = 5 * 1024 ** 3;

export interface S3RegionOptions {
  /** The sandbox's own region: buckets not named in `bucketRegions` live here. */
  defaultRegion: string;
  /** Buckets placed in another region (e.g. an input bucket kept in us-east-1 while machines run in sa-east-1). */
  bucketRegions?: Record<string, string>;
  /** Test knob: the CopyObject / UploadPartCopy limit (default S3's 5 GB), so a test need not write 5 GB. */
  copyObjectMaxBytes?: number;
}

export class S3Regions {
  readonly copyObjectMaxBytes: number;
  private readonly placed: Map<string, string>;

  constructor(private readonly options: S3RegionOptions) {
    this.copyObjectMaxBytes = options.copyObjectMaxBytes ?? COPY_OBJECT_MAX_BYTES;
    this.placed = new Map(Object.entries(options.bucketRegions ?? {}));
  }

  regionOf(bucket: string): string {
    return this.placed.get(bucket) ?? this.options.defaultRegion;
  }

  /** The bucket's region when the request was signed for another one (unsigned requests are not redirected). */
  misdirected(ex: Exchange, bucket: string): string | undefined {
    const signed = signingRegion(ex);
    const actual = this.regionOf(bucket);
    return signed && signed !== actual ? actual : undefined;
  }

  copyTooLargeMessage(): string {
    return `The specified copy source is larger than the maximum allowable size for a copy source: ${this.copyObjectMaxBytes}`;
  }
}

/** The region of a SigV4 credential scope: `Credential=AKID/20261201/sa-east-1/s3/aws4_request`. */
function signingRegion(ex: Exchange): string | undefined {
  const header = ex.header('authorization') ?? '';
  const query = ex.url.searchParams.get('X-Amz-Credential') ?? '';
  const scope = /Credential=([^,\s]+)/.exec(header)?.[1] ?? query;
  const parts = scope.split('/');
  return parts.length >= 5 ? parts[2] : undefined;
}
