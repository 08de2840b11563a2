// Who may use the sandbox: every AWS request must be SigV4-signed (header or presigned URL) with the sandbox's own
// key and secret, verified for real, before any service sees it. Done once here, for every service the dispatch
// knows now or later: the service (and so the shape of the refusal) comes from the credential scope.
import { createHash } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';
import { BodyTooLargeError, type Exchange } from '../exchange';
import { chunkedWalk, MalformedChunkedBody } from '../s3/awsChunked';
import { protocolOf, refusal, type AuthFailure, type Protocol } from './refusals';
import {
  amzDateMs,
  canonicalRequest,
  chunkSignature,
  expectedSignature,
  MalformedSignature,
  PresignedQueryError,
  MAX_CLOCK_SKEW_MS,
  parseQuery,
  sameSignature,
  sha256Hex,
  signedParts,
  signingKey,
  UNSIGNED_PAYLOAD,
  type SignedParts,
} from './sigv4';

export interface AccessPolicy {
  accessKeyId: string;
  secretAccessKey: string;
  region: string;
  /**
   * More regions an S3 signature may name: those of buckets placed elsewhere (SandboxOptions.s3.bucketRegions).
   * The S3 handler then answers a bucket asked for in the wrong one with 301, as S3 does (src/sandbox/s3/regions.ts).
   */
  s3Regions?: readonly string[];
  /** Most bytes one S3 request body may have on the wire (PutObject/UploadPart: 5 GiB plus chunk framing). */
  s3BodyLimit: number;
  /** Most bytes a body of any other service may have (they are JSON or form documents of at most a few MiB). */
  apiBodyLimit: number;
  now?: () => number;
}

/** PutObject and UploadPart take at most 5 GiB (S3 quotas); aws-chunked framing adds well under 1 %. */
export const S3_BODY_LIMIT = Math.ceil(5 * 1024 ** 3 * 1.01);
/** PutLogEvents' 1 MiB batch, a Step Functions definition (1 MiB) or a template body (51,200 bytes) fit easily. */
export const API_BODY_LIMIT = 4 * 1024 * 1024;

type Verdict = { ok: true; service: string } | { ok: false; protocol: Protocol; failure: AuthFailure; detail: string };

const STREAMING_SIGNED = 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD';
const STREAMING_SIGNED_TRAILER = 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER';
const STREAMING_UNSIGNED_TRAILER = 'STREAMING-UNSIGNED-PAYLOAD-TRAILER';

/** Verifies the request's signature; on success arms the body checks (payload hash, chunk signatures, cap). */
export async function authenticate(ex: Exchange, policy: AccessPolicy): Promise<Verdict> {
  let query: Array<[string, string]>;
  let parts: SignedParts | undefined;
  try {
    query = parseQuery(ex.rawQuery);
    parts = signedParts(ex.req.headers, query);
  } catch (e) {
    if (e instanceof PresignedQueryError) return refuse(await guessProtocol(ex, policy), 'presignedQuery', e.message);
    if (e instanceof MalformedSignature) return refuse(await guessProtocol(ex, policy), 'malformed', e.message);
    throw e;
  }
  if (!parts) return refuse(await guessProtocol(ex, policy), 'missing', 'the request is not signed');
  const protocol = protocolOf(parts.service);
  if (parts.accessKeyId !== policy.accessKeyId) return refuse(protocol, 'unknownKey', parts.accessKeyId);
  // The Price List API lives in its own regions (us-east-1, eu-central-1, ap-south-1), whatever the account's:
  // its handler (pricing/handler.ts) decides which scopes have an endpoint.
  const regionOk =
    parts.region === policy.region ||
    parts.service === 'pricing' ||
    (protocol === 's3' && policy.s3Regions?.includes(parts.region));
  if (!regionOk) {
    return refuse(protocol, 'wrongRegion', `the region '${parts.region}' is wrong; expecting '${policy.region}'`);
  }
  if (parts.scopeDate !== parts.amzDate.slice(0, 8)) {
    return refuse(protocol, 'malformed', `the credential date ${parts.scopeDate} is not the request date`);
  }
  const timing = checkTime(parts, (policy.now ?? Date.now)());
  if (timing) return refuse(protocol, timing.failure, timing.detail);

  ex.bodyLimit = protocol === 's3' ? policy.s3BodyLimit : policy.apiBodyLimit;
  let payloadHash: string;
  if (protocol === 's3') {
    const declared = parts.presigned
      ? (query.find(([name]) => name.toLowerCase() === 'x-amz-content-sha256')?.[1] ?? UNSIGNED_PAYLOAD)
      : ex.header('x-amz-content-sha256');
    if (declared === undefined) {
      return refuse(protocol, 'malformed', 'missing required header for this request: x-amz-content-sha256');
    }
    if (!isPayloadHash(declared)) return refuse(protocol, 'malformed', `'${declared}' is not an x-amz-content-sha256`);
    payloadHash = declared;
  } else {
    // Services other than S3 hash the body they received themselves: read it (capped) and hash it.
    try {
      payloadHash = sha256Hex(await ex.preloadBody());
    } catch (e) {
      if (e instanceof BodyTooLargeError) return refuse(protocol, 'bodyTooLarge', e.message);
      throw e;
    }
  }
  const canonical = canonicalRequest(parts, {
    method: ex.req.method ?? 'GET',
    rawPath: ex.rawPath,
    query,
    headers: ex.req.headers,
    payloadHash,
  });
  const key = signingKey(policy.secretAccessKey, parts);
  if (!sameSignature(expectedSignature(key, parts, canonical), parts.signature)) {
    return refuse(protocol, 'badSignature', '');
  }
  if (protocol === 's3') armS3Body(ex, parts, key, payloadHash);
  return { ok: true, service: parts.service };
}

/** Answers a refused request the way its service would, and closes the connection (its body is not read). */
export async function sendRefusal(ex: Exchange, verdict: Extract<Verdict, { ok: false }>): Promise<void> {
  const e = refusal(verdict.protocol, verdict.failure, verdict.detail, ex.requestId);
  await ex.send(e.status, { 'content-type': e.contentType, connection: 'close', ...e.headers }, e.body);
}

function refuse(protocol: Protocol, failure: AuthFailure, detail: string): Verdict {
  return { ok: false, protocol, failure, detail };
}

/** The protocol of a request without a usable signature, from its shape (the same rules as the dispatch). */
async function guessProtocol(ex: Exchange, policy: AccessPolicy): Promise<Protocol> {
  if (ex.header('x-amz-target') !== undefined) return 'json';
  const form = (ex.header('content-type') ?? '').startsWith('application/x-www-form-urlencoded');
  if (ex.req.method !== 'POST' || ex.rawPath !== '/' || !form) return 's3';
  // EC2 and the query services (STS …) differ only by the API Version inside the form body.
  ex.bodyLimit = policy.apiBodyLimit;
  try {
    const version = new URLSearchParams((await ex.preloadBody()).toString('utf8')).get('Version');
    return version === EC2_VERSION ? 'ec2' : 'query';
  } catch {
    return 'query';
  }
}

const EC2_VERSION = '2016-11-15';

function checkTime(parts: SignedParts, now: number): { failure: AuthFailure; detail: string } | undefined {
  const signedAt = amzDateMs(parts.amzDate);
  if (Number.isNaN(signedAt)) return { failure: 'malformed', detail: `${parts.amzDate} is not a date` };
  if (parts.presigned) {
    const expiresAt = signedAt + (parts.expires ?? 0) * 1000;
    if (now > expiresAt) return { failure: 'expired', detail: `expired at ${new Date(expiresAt).toISOString()}` };
    if (signedAt - now > MAX_CLOCK_SKEW_MS) return { failure: 'skewed', detail: 'the URL is dated in the future' };
    return undefined;
  }
  if (Math.abs(now - signedAt) > MAX_CLOCK_SKEW_MS) {
    return {
      failure: 'skewed',
      detail: `${parts.amzDate} is more than 15 minutes from ${new Date(now).toISOString()}`,
    };
  }
  return undefined;
}

function isPayloadHash(v: string): boolean {
  return (
    /^[0-9a-f]{64}$/.test(v) ||
    v === UNSIGNED_PAYLOAD ||
    v === STREAMING_SIGNED ||
    v === STREAMING_SIGNED_TRAILER ||
    v === STREAMING_UNSIGNED_TRAILER
  );
}

/**
 * S3 signs a payload hash the body must then match: a literal SHA-256 is checked as the body streams
 * (XAmzContentSHA256Mismatch), a signed aws-chunked body has every chunk's signature checked.
 */
function armS3Body(ex: Exchange, parts: SignedParts, key: Buffer, payloadHash: string): void {
  if (/^[0-9a-f]{64}$/.test(payloadHash)) {
    ex.guardBody(() => sha256Guard(payloadHash));
  } else if (payloadHash === STREAMING_SIGNED || payloadHash === STREAMING_SIGNED_TRAILER) {
    ex.guardBody(() => chunkSignatureGuard(key, parts));
  }
}

export class PayloadRefusedError extends Error {
  constructor(
    readonly failure: AuthFailure,
    message: string,
  ) {
    super(message);
  }
}

function sha256Guard(expected: string): Transform {
  const hash = createHash('sha256');
  return new Transform({
    transform(chunk: Buffer, _enc, done: TransformCallback) {
      hash.update(chunk);
      done(null, chunk);
    },
    flush(done: TransformCallback) {
      const got = hash.digest('hex');
      done(got === expected ? null : new PayloadRefusedError('payloadMismatch', `the body's SHA-256 is ${got}`));
    },
  });
}

/**
 * Walks the aws-chunked framing (`<hex size>;chunk-signature=<sig>\r\n<data>\r\n`, last chunk of size 0) and checks
 * each chunk's signature against the chain started by the request's; the bytes pass on unchanged for the decoder.
 */
function chunkSignatureGuard(key: Buffer, parts: SignedParts): Transform {
  let previous = parts.signature;
  let claimed = '';
  let data: Buffer[] = [];
  return chunkedWalk(
    () => ({
      header: (_size, extensions) => {
        claimed = extensions.find((e) => e.startsWith('chunk-signature='))?.slice('chunk-signature='.length) ?? '';
      },
      data: (bytes) => data.push(bytes),
      chunkEnd: () => {
        const expected = chunkSignature(key, parts, previous, Buffer.concat(data));
        if (!/^[0-9a-f]{64}$/.test(claimed) || expected !== claimed) {
          throw new PayloadRefusedError('badSignature', 'a chunk signature does not match');
        }
        previous = claimed;
        data = [];
      },
    }),
    'body',
    (e) => (e instanceof MalformedChunkedBody ? new PayloadRefusedError('malformed', e.message) : e),
  );
}
