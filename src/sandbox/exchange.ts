// One request/response pair. Every service answers through here so that body-level faults (slow streaming, a
// connection cut after N bytes) behave the same for S3, EC2, Logs and STS.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { Readable, Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ActiveFault, Faults, RequestTarget } from './faults';

/** Error replies each service words its own way (the fault kinds; auth refusals are in auth/refusals.ts). */
export type ErrorKind = 'throttle' | 'internalError' | 'denied';

export interface WireError {
  status: number;
  contentType: string;
  body: string;
  headers?: OutgoingHttpHeaders;
}

/** A request body over its cap, counted by the bytes actually received (a declared length proves nothing). */
export class BodyTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`request body larger than ${limit} bytes`);
  }
}

/** Checks a body while it streams (payload hash, chunk signatures); throws to stop the upload. */
type BodyGuard = () => Transform;

export class Exchange {
  readonly requestId = randomUUID();
  readonly url: URL;
  readonly startedAt = Date.now();
  /** What the request was about, once a service has identified it (control API requests have none). */
  target: RequestTarget | undefined;
  /** The fault that fired for this request, if its effect is on the body (reset after N bytes, slow streaming). */
  private fault: ActiveFault | undefined;
  /** The body, when authentication had to read it (non-S3 services sign its hash). */
  private preloaded: Buffer | undefined;
  private readonly guards: BodyGuard[] = [];
  /** Bytes the body may have on the wire (framing included). */
  bodyLimit = DEFAULT_BODY_LIMIT;

  constructor(
    readonly req: IncomingMessage,
    readonly res: ServerResponse,
  ) {
    this.url = new URL(req.url ?? '/', 'http://127.0.0.1');
  }

  /** The path exactly as sent (still %-encoded), which is what S3 signs. */
  get rawPath(): string {
    const raw = this.req.url ?? '/';
    const q = raw.indexOf('?');
    return q < 0 ? raw : raw.slice(0, q);
  }

  get rawQuery(): string {
    const raw = this.req.url ?? '/';
    const q = raw.indexOf('?');
    return q < 0 ? '' : raw.slice(q + 1);
  }

  header(name: string): string | undefined {
    const v = this.req.headers[name.toLowerCase()];
    return Array.isArray(v) ? v[0] : v;
  }

  /**
   * Counts the request and applies a fault that fires for it (authentication happened before, in the dispatch).
   * Returns false when the request is already answered (error reply or dropped connection): the handler must then
   * do nothing more.
   */
  async admit(faults: Faults, target: RequestTarget, errorFor: (kind: ErrorKind) => WireError): Promise<boolean> {
    this.target = target;
    const fault = faults.onRequest(target);
    if (!fault) return true;
    if (fault.delayMs) await sleep(fault.delayMs);
    switch (fault.kind) {
      case 'throttle':
      case 'internalError':
      case 'denied': {
        const e = errorFor(fault.kind);
        await this.send(e.status, { 'content-type': e.contentType, ...e.headers }, e.body);
        return false;
      }
      case 'notEventStream':
        // An endpoint without Live Tail (an older emulator, a proxy) answering StartLiveTail as a plain JSON call.
        await this.send(200, { 'content-type': 'application/x-amz-json-1.1' }, '{}');
        return false;
      case 'reset':
        if (fault.afterBytes === undefined) {
          this.destroy();
          return false;
        }
        this.fault = fault;
        return true;
      case 'slow':
      case 'dropTail':
        this.fault = fault;
        return true;
      case 'capacity':
      case 'interrupt':
        // Decided where they apply (RunInstances' market, a machine once running), never on arrival.
        return true;
    }
  }

  /** Adds a check the body must pass while it streams to the handler. */
  guardBody(guard: BodyGuard): void {
    this.guards.push(guard);
  }

  /** Reads the whole body now (capped by bodyLimit) and keeps it for the handler. */
  async preloadBody(): Promise<Buffer> {
    this.preloaded ??= await collect(this.wireBody(), this.bodyLimit);
    return this.preloaded;
  }

  /**
   * The request body as a stream: capped at bodyLimit received bytes (BodyTooLargeError), through the guards, and
   * cut (connection destroyed) after N bytes when an upload reset fault fired.
   */
  requestBody(): Readable {
    let body: Readable = this.preloaded ? Readable.from([this.preloaded]) : this.wireBody();
    for (const guard of this.guards) body = chain(body, guard());
    const f = this.fault;
    if (f?.kind !== 'reset' || f.during !== 'upload' || f.afterBytes === undefined) return body;
    const limit = f.afterBytes;
    let seen = 0;
    const cut = new Transform({
      transform: (chunk: Buffer, _enc, done: TransformCallback) => {
        seen += chunk.length;
        if (seen > limit) {
          this.destroy();
          done(new Error('connection reset by sandbox fault'));
          return;
        }
        done(null, chunk);
      },
    });
    return chain(body, cut);
  }

  async readBody(limit = this.bodyLimit): Promise<Buffer> {
    return collect(this.requestBody(), limit);
  }

  /** The raw request stream, counted: more than bodyLimit bytes (whatever Content-Length said) is an error. */
  private wireBody(): Readable {
    const limit = this.bodyLimit;
    let seen = 0;
    const counter = new Transform({
      transform: (chunk: Buffer, _enc, done: TransformCallback) => {
        seen += chunk.length;
        if (seen > limit) {
          done(new BodyTooLargeError(limit));
          return;
        }
        done(null, chunk);
      },
    });
    this.req.on('close', () => {
      if (!this.req.complete) counter.destroy(new Error('client aborted the upload'));
    });
    return chain(this.req, counter);
  }

  async send(status: number, headers: OutgoingHttpHeaders, body?: string | Buffer): Promise<void> {
    const buffer = body === undefined ? Buffer.alloc(0) : Buffer.isBuffer(body) ? body : Buffer.from(body, 'utf8');
    const isHead = this.req.method === 'HEAD';
    const all = { 'x-amz-request-id': this.requestId, 'x-amzn-requestid': this.requestId, ...headers };
    if (all['content-length'] === undefined) all['content-length'] = buffer.length;
    await this.sendStream(status, all, isHead ? undefined : Readable.from([buffer]));
  }

  /** Streams a body; a plain pipe unless a fault shapes it. HEAD and bodiless replies pass `undefined`. */
  async sendStream(status: number, headers: OutgoingHttpHeaders, body: Readable | undefined): Promise<void> {
    if (this.res.headersSent || this.res.destroyed) {
      body?.destroy();
      return;
    }
    this.res.writeHead(status, { 'x-amz-request-id': this.requestId, 'x-amzn-requestid': this.requestId, ...headers });
    if (!body) {
      this.res.end();
      return;
    }
    const f = this.fault;
    const cutAfter = f?.kind === 'reset' && f.during !== 'upload' ? f.afterBytes : undefined;
    const rate = f?.kind === 'slow' ? f.bytesPerSecond : undefined;
    try {
      if (cutAfter === undefined && rate === undefined) await pipeline(body, this.res);
      else await this.pump(body, cutAfter, rate);
    } catch {
      // The client went away mid-body (or a fault cut it): nothing left to tell it.
      body.destroy();
    }
  }

  /** Destroys the connection without a reply, as a network fault would. */
  destroy(): void {
    this.req.socket.destroy();
  }

  private async pump(body: Readable, cutAfter: number | undefined, rate: number | undefined): Promise<void> {
    let sent = 0;
    const started = Date.now();
    for await (const chunk of body) {
      let buf = chunk as Buffer;
      while (buf.length > 0) {
        let piece = rate ? buf.subarray(0, Math.max(1, Math.floor(rate / 20))) : buf;
        if (cutAfter !== undefined && sent + piece.length >= cutAfter) {
          piece = piece.subarray(0, cutAfter - sent);
          await this.write(piece);
          body.destroy();
          this.destroy();
          return;
        }
        await this.write(piece);
        sent += piece.length;
        buf = buf.subarray(piece.length);
        if (rate) {
          const due = started + (sent / rate) * 1000;
          const wait = due - Date.now();
          if (wait > 0) await sleep(wait);
        }
      }
    }
    this.res.end();
  }

  private write(piece: Buffer): Promise<void> {
    return new Promise((resolve, reject) => {
      if (this.res.destroyed) {
        reject(new Error('client disconnected'));
        return;
      }
      this.res.write(piece, (err) => (err ? reject(err) : resolve()));
    });
  }
}

/** 16 MiB: the most any sandbox service takes in one request body unless the route raises it (S3 uploads). */
const DEFAULT_BODY_LIMIT = 16 * 1024 * 1024;

function chain(source: Readable, next: Transform): Readable {
  source.on('error', (e) => next.destroy(e));
  return source.pipe(next);
}

async function collect(body: Readable, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    const b = chunk as Buffer;
    size += b.length;
    if (size > limit) throw new BodyTooLargeError(limit);
    chunks.push(b);
  }
  return Buffer.concat(chunks);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
