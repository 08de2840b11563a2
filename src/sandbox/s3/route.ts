// Which S3 operation a path-style request (`/bucket/key`) names: by method, path and query, as S3 routes them.
import type { Exchange } from '../exchange';

export interface S3Route {
  operation: string;
  bucket?: string;
  key?: string;
}

/** Throws URIError on a malformed %-escape in the path (S3 then answers 400 InvalidURI). */
export function routeOf(ex: Exchange): S3Route {
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
