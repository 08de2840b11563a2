// The `aws-chunked` framing SDKs use for streamed uploads with checksums or streaming signatures:
// `<hex size>[;chunk-signature=..]\r\n<data>\r\n` ... `0[;..]\r\n[trailers]\r\n`. One walker of it serves both the
// S3 decoder here (the object is the data alone) and the chunk-signature check (src/sandbox/auth/access.ts), so the
// two can never disagree on what a well-formed body is.
import { Transform, type TransformCallback } from 'node:stream';

export function isAwsChunked(headers: Record<string, string | string[] | undefined>): boolean {
  const encoding = String(headers['content-encoding'] ?? '');
  const sha = String(headers['x-amz-content-sha256'] ?? '');
  return encoding.split(',').some((e) => e.trim() === 'aws-chunked') || sha.startsWith('STREAMING-');
}

/** What a body breaks in the framing: a chunk size that is not hex, data not ended by CRLF, or a truncated body. */
export class MalformedChunkedBody extends Error {}

/**
 * A body that ends before its final, empty chunk. S3 answers it `400 IncompleteBody` ("You did not provide the number
 * of bytes specified by the Content-Length HTTP header", Amazon S3 API Reference, Error responses) and stores nothing.
 */
export class IncompleteChunkedBody extends MalformedChunkedBody {}

interface ChunkedFramingEvents {
  /** A chunk's header: its size and the `;name=value` extensions after it (e.g. `chunk-signature=…`). */
  header?(size: number, extensions: readonly string[]): void;
  data?(bytes: Buffer): void;
  /** A chunk's data is complete (for the final, empty chunk: right after its header). */
  chunkEnd?(last: boolean): void;
  trailer?(name: string, value: string): void;
}

/** Walks the framing as bytes arrive, whatever the piece boundaries; throws MalformedChunkedBody. */
class ChunkedFraming {
  private pending: Buffer = Buffer.alloc(0);
  private remaining = 0; // data bytes left in the current chunk
  private state: 'header' | 'data' | 'dataEnd' | 'trailer' = 'header';

  constructor(private readonly events: ChunkedFramingEvents) {}

  /** The body has ended: throws IncompleteChunkedBody unless its final, empty chunk was read. */
  end(): void {
    if (this.state !== 'trailer') throw new IncompleteChunkedBody('the aws-chunked body ended before its last chunk');
  }

  feed(piece: Buffer): void {
    this.pending = this.pending.length ? Buffer.concat([this.pending, piece]) : piece;
    for (;;) {
      if (this.state === 'data') {
        if (this.pending.length === 0) return;
        const take = Math.min(this.remaining, this.pending.length);
        this.events.data?.(this.pending.subarray(0, take));
        this.pending = this.pending.subarray(take);
        this.remaining -= take;
        if (this.remaining === 0) {
          this.events.chunkEnd?.(false);
          this.state = 'dataEnd';
        }
        continue;
      }
      const eol = this.pending.indexOf('\r\n');
      if (eol < 0) return;
      const line = this.pending.subarray(0, eol).toString('latin1');
      this.pending = this.pending.subarray(eol + 2);
      if (this.state === 'dataEnd') {
        if (line !== '') throw new MalformedChunkedBody('malformed aws-chunked body');
        this.state = 'header';
      } else if (this.state === 'header') {
        const [sizeText = '', ...extensions] = line.split(';');
        const size = parseInt(sizeText, 16);
        if (!Number.isFinite(size) || size < 0) throw new MalformedChunkedBody('malformed aws-chunked chunk size');
        this.events.header?.(size, extensions);
        this.remaining = size;
        if (size === 0) {
          this.events.chunkEnd?.(true);
          this.state = 'trailer';
        } else this.state = 'data';
      } else if (line !== '') {
        const colon = line.indexOf(':');
        if (colon > 0) this.events.trailer?.(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
      }
    }
  }
}

/** `onTrailer` receives each trailing header (e.g. `x-amz-checksum-crc32`) once the body has been read. */
export function awsChunkedDecoder(onTrailer: (name: string, value: string) => void = () => undefined): Transform {
  return chunkedWalk((push) => ({ data: push, trailer: onTrailer }), 'data');
}

/**
 * A stream that walks the body it is given through one ChunkedFraming and checks its end. What flows out is the
 * data (`push`, handed to the events, emits it) or the body as it came (a check ahead of the decoder). A framing
 * error from a piece goes out through `feedError`; a body cut short stays an IncompleteChunkedBody.
 */
export function chunkedWalk(
  events: (push: (bytes: Buffer) => void) => ChunkedFramingEvents,
  passOn: 'data' | 'body',
  feedError: (e: Error) => Error = (e) => e,
): Transform {
  const stream: Transform = new Transform({
    transform(chunk: Buffer, _enc, done: TransformCallback) {
      try {
        framing.feed(chunk);
        done(null, passOn === 'body' ? chunk : undefined);
      } catch (e) {
        done(feedError(e as Error));
      }
    },
    flush(done: TransformCallback) {
      try {
        framing.end();
        done();
      } catch (e) {
        done(e as Error);
      }
    },
  });
  const framing = new ChunkedFraming(events((bytes) => stream.push(bytes)));
  return stream;
}
