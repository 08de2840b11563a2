// A presigned S3 URL for a sandbox object (the query-string form of SigV4, payload UNSIGNED-PAYLOAD): what a bare
// HTTP client (curl, the bench's plain-download baseline) uses now that every request must be signed.
import { SANDBOX_CREDENTIALS, SANDBOX_REGION } from '../env';
import {
  ALGORITHM,
  canonicalRequest,
  escapeUri,
  expectedSignature,
  parseQuery,
  signingKey,
  UNSIGNED_PAYLOAD,
  type SignedParts,
} from './sigv4';

interface PresignOptions {
  method?: string;
  /** Seconds the URL is valid (1 to 604800). */
  expiresSeconds?: number;
  credentials?: { accessKeyId: string; secretAccessKey: string };
  now?: Date;
}

/** `endpoint` + `/bucket/key` (the key %-encoded here), signed with the sandbox credentials. */
export function presignS3Url(endpoint: string, bucket: string, key: string, o: PresignOptions = {}): string {
  const url = new URL(endpoint);
  const creds = o.credentials ?? SANDBOX_CREDENTIALS;
  const amzDate = (o.now ?? new Date())
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}Z$/, 'Z');
  const parts: SignedParts = {
    presigned: true,
    accessKeyId: creds.accessKeyId,
    scopeDate: amzDate.slice(0, 8),
    region: SANDBOX_REGION,
    service: 's3',
    amzDate,
    signedHeaders: ['host'],
    signature: '',
    expires: o.expiresSeconds ?? 3600,
  };
  const rawPath = `/${escapeUri(bucket)}/${key.split('/').map(escapeUri).join('/')}`;
  const rawQuery = [
    ['X-Amz-Algorithm', ALGORITHM],
    ['X-Amz-Credential', `${creds.accessKeyId}/${parts.scopeDate}/${parts.region}/s3/aws4_request`],
    ['X-Amz-Date', amzDate],
    ['X-Amz-Expires', String(parts.expires)],
    ['X-Amz-SignedHeaders', 'host'],
  ]
    .map(([name, value]) => `${name}=${escapeUri(value ?? '')}`)
    .join('&');
  const canonical = canonicalRequest(parts, {
    method: o.method ?? 'GET',
    rawPath,
    query: parseQuery(rawQuery),
    headers: { host: url.host },
    payloadHash: UNSIGNED_PAYLOAD,
  });
  const signature = expectedSignature(signingKey(creds.secretAccessKey, parts), parts, canonical);
  return `${url.origin}${rawPath}?${rawQuery}&X-Amz-Signature=${signature}`;
}
