// AWS Signature Version 4, server side: recompute the signature of a received request with the one secret the
// sandbox knows and compare. Rules from the SigV4 reference ("Create a canonical request for Signature Version 4",
// https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html) and the S3 variant
// ("Authenticating Requests (AWS Signature Version 4)", https://docs.aws.amazon.com/AmazonS3/latest/API/sig-v4-authenticating-requests.html):
// S3 signs the path as sent and the payload hash it is told in x-amz-content-sha256; every other service signs the
// normalized, twice-encoded path and the SHA-256 of the body. The same rules as @smithy/signature-v4, which signs
// every request our SDK clients send.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

export const ALGORITHM = 'AWS4-HMAC-SHA256';
export const UNSIGNED_PAYLOAD = 'UNSIGNED-PAYLOAD';
const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
/** Presigned URLs live at most seven days (X-Amz-Expires 0..604800). */
const MAX_PRESIGNED_SECONDS = 7 * 24 * 60 * 60;
/** A request dated more than 15 minutes from the server's clock is refused (RequestExpired / RequestTimeTooSkewed). */
export const MAX_CLOCK_SKEW_MS = 15 * 60 * 1000;

/** What a request says about its signature, from the Authorization header or the presigned query. */
export interface SignedParts {
  presigned: boolean;
  accessKeyId: string;
  /** yyyymmdd of the credential scope. */
  scopeDate: string;
  region: string;
  service: string;
  /** The X-Amz-Date (or Date) of the request, yyyymmddThhmmssZ. */
  amzDate: string;
  signedHeaders: string[];
  signature: string;
  /** Presigned only: seconds the URL is valid. */
  expires?: number;
}

export class MalformedSignature extends Error {}

/**
 * A presigned URL whose query parameters S3 refuses before looking at the signature: 400
 * AuthorizationQueryParametersError, with S3's own words for X-Amz-Expires (what S3 answers, as MinIO and moto
 * reproduce it; the 7-day limit: "Download and upload objects with presigned URLs", Amazon S3 User Guide,
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/using-presigned-url.html).
 */
export class PresignedQueryError extends MalformedSignature {}

/** undefined when the request carries no SigV4 signature at all; throws MalformedSignature when it half does. */
export function signedParts(
  headers: IncomingHttpHeaders,
  query: ReadonlyArray<[string, string]>,
): SignedParts | undefined {
  const authorization = single(headers.authorization);
  if (authorization !== undefined) return fromHeader(authorization, headers);
  const q = new Map(query);
  if (!q.has('X-Amz-Signature') && !q.has('X-Amz-Credential') && !q.has('X-Amz-Algorithm')) return undefined;
  if (q.get('X-Amz-Algorithm') !== ALGORITHM) throw new MalformedSignature(`X-Amz-Algorithm must be ${ALGORITHM}`);
  const credential = required(q, 'X-Amz-Credential');
  const expiresText = required(q, 'X-Amz-Expires');
  if (!/^-?\d+$/.test(expiresText)) throw new PresignedQueryError('X-Amz-Expires should be a number');
  const expires = Number(expiresText);
  if (expires < 0) throw new PresignedQueryError('X-Amz-Expires must be non-negative');
  if (expires > MAX_PRESIGNED_SECONDS) {
    throw new PresignedQueryError(
      `X-Amz-Expires must be less than a week (in seconds); that is, the given X-Amz-Expires must be less than ${MAX_PRESIGNED_SECONDS} seconds`,
    );
  }
  // X-Amz-Expires=0 parses: such a URL has expired as soon as it is signed (403 "Request has expired").
  return {
    presigned: true,
    ...scope(credential),
    amzDate: amzDate(required(q, 'X-Amz-Date')),
    signedHeaders: headerList(required(q, 'X-Amz-SignedHeaders')),
    signature: hexSignature(required(q, 'X-Amz-Signature')),
    expires,
  };
}

function fromHeader(authorization: string, headers: IncomingHttpHeaders): SignedParts {
  if (!authorization.startsWith(`${ALGORITHM} `)) {
    throw new MalformedSignature(`the Authorization header must start with ${ALGORITHM}`);
  }
  const fields = new Map<string, string>();
  for (const part of authorization.slice(ALGORITHM.length + 1).split(',')) {
    const eq = part.indexOf('=');
    if (eq > 0) fields.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  const date = single(headers['x-amz-date']) ?? single(headers.date);
  if (date === undefined) throw new MalformedSignature('a signed request needs an X-Amz-Date header');
  return {
    presigned: false,
    ...scope(required(fields, 'Credential')),
    amzDate: amzDate(date),
    signedHeaders: headerList(required(fields, 'SignedHeaders')),
    signature: hexSignature(required(fields, 'Signature')),
  };
}

function scope(credential: string): Pick<SignedParts, 'accessKeyId' | 'scopeDate' | 'region' | 'service'> {
  const parts = credential.split('/');
  const [accessKeyId, scopeDate, region, service, terminator] = parts;
  if (parts.length !== 5 || !accessKeyId || !/^\d{8}$/.test(scopeDate ?? '') || !region || !service) {
    throw new MalformedSignature('the credential must be <key>/<yyyymmdd>/<region>/<service>/aws4_request');
  }
  if (terminator !== 'aws4_request') throw new MalformedSignature('the credential scope must end in aws4_request');
  return { accessKeyId, scopeDate: scopeDate as string, region, service };
}

function amzDate(text: string): string {
  if (/^\d{8}T\d{6}Z$/.test(text)) return text;
  // The Date header form (RFC 7231) is allowed when X-Amz-Date is absent.
  const ms = Date.parse(text);
  if (Number.isNaN(ms)) throw new MalformedSignature(`"${text}" is not a request date`);
  return new Date(ms)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}Z$/, 'Z');
}

export function amzDateMs(date: string): number {
  const iso = `${date.slice(0, 4)}-${date.slice(4, 6)}-${date.slice(6, 8)}T${date.slice(9, 11)}:${date.slice(11, 13)}:${date.slice(13, 15)}Z`;
  return Date.parse(iso);
}

function headerList(text: string): string[] {
  const names = text.split(';');
  if (names.some((n) => n === '' || n !== n.toLowerCase())) {
    throw new MalformedSignature('SignedHeaders must be lower-case header names separated by ;');
  }
  if (!names.includes('host')) throw new MalformedSignature('the host header must be signed');
  return names;
}

function hexSignature(text: string): string {
  if (!/^[0-9a-f]{64}$/.test(text)) throw new MalformedSignature('the signature must be 64 lower-case hex digits');
  return text;
}

function required(fields: Map<string, string>, name: string): string {
  const v = fields.get(name);
  if (v === undefined || v === '') throw new MalformedSignature(`the signature lacks ${name}`);
  return v;
}

function single(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}

/** RFC 3986 unreserved characters stay, everything else is %XX (upper case), as SigV4 requires. */
export function escapeUri(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** The raw query as name/value pairs, %-decoded ('+' is a literal plus, as AWS reads it). */
export function parseQuery(rawQuery: string): Array<[string, string]> {
  if (rawQuery === '') return [];
  return rawQuery
    .split('&')
    .filter((p) => p !== '')
    .map((p) => {
      const eq = p.indexOf('=');
      const name = eq < 0 ? p : p.slice(0, eq);
      const value = eq < 0 ? '' : p.slice(eq + 1);
      try {
        return [decodeURIComponent(name), decodeURIComponent(value)];
      } catch {
        throw new MalformedSignature(`the query has a malformed %-escape: ${p}`);
      }
    });
}

function canonicalQuery(query: ReadonlyArray<[string, string]>): string {
  return query
    .filter(([name]) => name !== 'X-Amz-Signature')
    .map(([name, value]) => [escapeUri(name), escapeUri(value)] as const)
    .sort(([a, av], [b, bv]) => (a < b ? -1 : a > b ? 1 : av < bv ? -1 : av > bv ? 1 : 0))
    .map(([name, value]) => `${name}=${value}`)
    .join('&');
}

/** S3 signs the path as sent; the other services its normalized form, %-encoded once more. */
function canonicalPath(rawPath: string, service: string): string {
  if (service === 's3') return rawPath;
  const segments: string[] = [];
  for (const segment of rawPath.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') segments.pop();
    else segments.push(segment);
  }
  const trailing = segments.length > 0 && rawPath.endsWith('/') ? '/' : '';
  return escapeUri(`/${segments.join('/')}${trailing}`).replace(/%2F/g, '/');
}

function canonicalHeaderValue(v: string | string[] | undefined): string {
  const text = Array.isArray(v) ? v.join(',') : (v ?? '');
  return text.trim().replace(/\s+/g, ' ');
}

interface CanonicalInput {
  method: string;
  rawPath: string;
  query: ReadonlyArray<[string, string]>;
  headers: IncomingHttpHeaders;
  payloadHash: string;
}

export function canonicalRequest(parts: SignedParts, input: CanonicalInput): string {
  return [
    input.method,
    canonicalPath(input.rawPath, parts.service),
    canonicalQuery(input.query),
    ...parts.signedHeaders.map((name) => `${name}:${canonicalHeaderValue(input.headers[name])}`),
    '',
    parts.signedHeaders.join(';'),
    input.payloadHash,
  ].join('\n');
}

function credentialScope(parts: SignedParts): string {
  return `${parts.scopeDate}/${parts.region}/${parts.service}/aws4_request`;
}

export function signingKey(secret: string, parts: SignedParts): Buffer {
  const kDate = hmac(`AWS4${secret}`, parts.scopeDate);
  const kRegion = hmac(kDate, parts.region);
  const kService = hmac(kRegion, parts.service);
  return hmac(kService, 'aws4_request');
}

export function expectedSignature(key: Buffer, parts: SignedParts, canonical: string): string {
  const stringToSign = [ALGORITHM, parts.amzDate, credentialScope(parts), sha256Hex(canonical)].join('\n');
  return hmac(key, stringToSign).toString('hex');
}

/** Constant-time comparison of two hex signatures. */
export function sameSignature(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * The signature of one chunk of a STREAMING-AWS4-HMAC-SHA256-PAYLOAD upload: each chunk signs its data and the
 * previous chunk's signature, the first one the request's ("Signature Calculations for the Authorization Header:
 * Transferring Payload in Multiple Chunks", https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-streaming.html).
 */
export function chunkSignature(key: Buffer, parts: SignedParts, previous: string, data: Buffer): string {
  const stringToSign = [
    'AWS4-HMAC-SHA256-PAYLOAD',
    parts.amzDate,
    credentialScope(parts),
    previous,
    EMPTY_SHA256,
    createHash('sha256').update(data).digest('hex'),
  ].join('\n');
  return hmac(key, stringToSign).toString('hex');
}

export function sha256Hex(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

function hmac(key: string | Buffer, data: string): Buffer {
  return createHmac('sha256', key).update(data, 'utf8').digest();
}
