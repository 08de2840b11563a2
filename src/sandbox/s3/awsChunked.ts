// Decodes the `aws-chunked` framing SDKs use for streamed uploads with checksums or streaming signatures:
// `<hex size>[;chunk-signature=..]\r\n<data>\r\n` ... `0[;..]\r\n[trailers]\r\n`. The object is the data alone.
import { Transform, type TransformCallback } from 'node:stream';

export function isAwsChunked(headers: Record<string, string | string[] | undefined>): boolean {
  const encoding = String(headers['content-encoding'] ?? '');
  const sha = String(headers['x-amz-content-sha256'] ?? '');
  return encoding.split(',').some((e) => e.trim() === 'aws-chunked') || sha.startsWith('STREAMING-');
}

/** `onTrailer` receives each trailing header (e.g. `x-amz-checksum-crc32`) once the body has been read. */
export function awsChunkedDecoder(onTrailer: (name: string, value: string) => void = () => undefined): Transform {
  let pending: Buffer = Buffer.alloc(0);
  let remaining = 0; // data bytes left in the current chunk
  let state: 'header' | 'data' | 'dataEnd' | 'trailer' = 'header';

  return new Transform({
    transform(chunk: Buffer, _enc, done: TransformCallback) {
      pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
      try {
        for (;;) {
          if (state === 'data') {
            if (pending.length === 0) break;
            const take = Math.min(remaining, pending.length);
            this.push(pending.subarray(0, take));
            pending = pending.subarray(take);
            remaining -= take;
            if (remaining === 0) state = 'dataEnd';
            continue;
          }
          const eol = pending.indexOf('\r\n');
          if (eol < 0) break;
          const line = pending.subarray(0, eol).toString('latin1');
          pending = pending.subarray(eol + 2);
          if (state === 'dataEnd') {
            if (line !== '') throw new Error('malformed aws-chunked body');
            state = 'header';
          } else if (state === 'header') {
            const size = parseInt(line.split(';')[0] ?? '', 16);
            if (!Number.isFinite(size) || size < 0) throw new Error('malformed aws-chunked chunk size');
            remaining = size;
            state = size === 0 ? 'trailer' : 'data';
          } else if (line !== '') {
            const colon = line.indexOf(':');
            if (colon > 0) onTrailer(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
          }
        }
        done();
      } catch (e) {
        done(e as Error);
      }
    },
  });
}
