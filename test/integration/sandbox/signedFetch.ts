// A raw HTTP request signed with SigV4, for tests that need what an SDK client will not send (a malformed URI, a
// chunked body over a cap, a foreign Host). Written independently of src/sandbox/auth so it checks it.
import { createHash, createHmac } from 'node:crypto';
import * as http from 'node:http';

export interface RawRequest {
  method: string;
  /** Path and query exactly as sent, e.g. `/bucket/bad%zzkey`. */
  path: string;
  service: 's3' | 'ec2' | 'logs' | 'sts' | string;
  headers?: Record<string, string>;
  body?: Buffer | string;
  /** Send the body with Transfer-Encoding: chunked (no Content-Length) in pieces of this many bytes. */
  chunkedPieces?: number;
  credentials?: { accessKeyId: string; secretAccessKey: string };
  /** Leave the request unsigned. */
  unsigned?: boolean;
  /** Changes the signature after signing (a bad signature). */
  tamper?: boolean;
  /**
   * Sends the body as a signed aws-chunked stream (STREAMING-AWS4-HMAC-SHA256-PAYLOAD) of chunks of this many bytes;
   * `tamperChunk` spoils the signature of that chunk (0-based, the final empty one included); `truncated` leaves out
   * the final empty chunk (a body cut short).
   */
  signedChunks?: { size: number; tamperChunk?: number; truncated?: boolean };
  now?: Date;
}

interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

const SANDBOX_TEST_CREDENTIALS = {
  accessKeyId: 'AKIASANDBOX000000000',
  secretAccessKey: 'sandbox/secret/not-a-real-aws-key/0000000',
};

export function rawRequest(endpoint: string, r: RawRequest): Promise<RawResponse> {
  const url = new URL(endpoint);
  let body: Buffer = r.body === undefined ? Buffer.alloc(0) : Buffer.from(r.body);
  const headers: Record<string, string> = { host: url.host, ...(r.headers ?? {}) };
  if (r.signedChunks) {
    headers['x-amz-content-sha256'] = 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD';
    headers['content-encoding'] = 'aws-chunked';
    headers['x-amz-decoded-content-length'] = String(body.length);
  }
  if (!r.chunkedPieces) headers['content-length'] = String(body.length);
  if (!r.unsigned) {
    const creds = r.credentials ?? SANDBOX_TEST_CREDENTIALS;
    const now = r.now ?? new Date();
    const amzDate = now
      .toISOString()
      .replace(/[-:]/g, '')
      .replace(/\.\d{3}Z$/, 'Z');
    const day = amzDate.slice(0, 8);
    const payload = headers['x-amz-content-sha256'] ?? (r.service === 's3' ? 'UNSIGNED-PAYLOAD' : sha(body));
    headers['x-amz-date'] = amzDate;
    if (r.service === 's3') headers['x-amz-content-sha256'] = payload;
    const names = Object.keys(headers)
      .map((h) => h.toLowerCase())
      .filter((h) => h !== 'content-length' && h !== 'transfer-encoding')
      .sort();
    const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
    const [path = '/', query = ''] = r.path.split('?');
    const canonicalQuery = query
      .split('&')
      .filter((p) => p !== '')
      .map((p) => (p.includes('=') ? p : `${p}=`))
      .sort()
      .join('&');
    const canonical = [
      r.method,
      path,
      canonicalQuery,
      ...names.map((n) => `${n}:${String(lower[n]).trim()}`),
      '',
      names.join(';'),
      payload,
    ].join('\n');
    const scope = `${day}/us-east-1/${r.service}/aws4_request`;
    const toSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha(canonical)].join('\n');
    let key = hmac(`AWS4${creds.secretAccessKey}`, day);
    for (const part of ['us-east-1', r.service, 'aws4_request']) key = hmac(key, part);
    let signature = hmac(key, toSign).toString('hex');
    if (r.tamper) signature = `${signature[0] === '0' ? '1' : '0'}${signature.slice(1)}`;
    headers.authorization = `AWS4-HMAC-SHA256 Credential=${creds.accessKeyId}/${scope}, SignedHeaders=${names.join(';')}, Signature=${signature}`;
    if (r.signedChunks) {
      body = signedChunkFraming(body, r.signedChunks, { key, amzDate, scope, seed: signature });
      if (!r.chunkedPieces) headers['content-length'] = String(body.length);
    }
  }
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: url.hostname, port: url.port, method: r.method, path: r.path, headers, setHost: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }),
        );
        res.on('error', reject);
      },
    );
    // A refusal may close the connection before the whole body is sent: the reply is what counts.
    req.on('error', reject);
    if (r.chunkedPieces) {
      for (let at = 0; at < body.length; at += r.chunkedPieces) req.write(body.subarray(at, at + r.chunkedPieces));
      req.end();
    } else req.end(body);
  });
}

/** Each chunk signs its data and the previous chunk's signature (https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-streaming.html). */
function signedChunkFraming(
  body: Buffer,
  chunks: { size: number; tamperChunk?: number; truncated?: boolean },
  signing: { key: Buffer; amzDate: string; scope: string; seed: string },
): Buffer {
  const pieces: Buffer[] = [];
  for (let at = 0; at < body.length; at += chunks.size) pieces.push(body.subarray(at, at + chunks.size));
  pieces.push(Buffer.alloc(0));
  let previous = signing.seed;
  const framed = pieces.map((data, i) => {
    const toSign = ['AWS4-HMAC-SHA256-PAYLOAD', signing.amzDate, signing.scope, previous, sha(''), sha(data)].join(
      '\n',
    );
    let signature = hmac(signing.key, toSign).toString('hex');
    if (i === chunks.tamperChunk) signature = `${signature[0] === '0' ? '1' : '0'}${signature.slice(1)}`;
    previous = signature;
    return Buffer.concat([
      Buffer.from(`${data.length.toString(16)};chunk-signature=${signature}\r\n`),
      data,
      Buffer.from('\r\n'),
    ]);
  });
  return Buffer.concat(chunks.truncated ? framed.slice(0, -1) : framed);
}

function sha(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

function hmac(key: string | Buffer, data: string): Buffer {
  return createHmac('sha256', key).update(data, 'utf8').digest();
}
