// Buffers log lines and sends them in as few PutLogEvents calls as the API limits allow, so a busy run
// does not invite throttling (the old tool sent one call per line). No SDK here: the sender is injected.

export interface PendingEvent {
  timestamp: number;
  message: string;
}

interface BatchLimits {
  maxEvents: number;
  maxBytes: number;
  /** Largest allowed difference between the newest and the oldest event of one call. */
  maxSpanMs: number;
}

/** PutLogEvents: 10,000 events, 1,048,576 bytes counting 26 bytes per event, 24 hours per call. */
export const PUT_LOG_EVENTS_LIMITS: BatchLimits = {
  maxEvents: 10_000,
  maxBytes: 1_048_576,
  maxSpanMs: 24 * 60 * 60 * 1000 - 1,
};

export const EVENT_OVERHEAD_BYTES = 26;
/** One event may be at most 256 KiB including its overhead. */
export const MAX_MESSAGE_BYTES = 262_144 - EVENT_OVERHEAD_BYTES;

export function eventBytes(e: PendingEvent): number {
  return Buffer.byteLength(e.message, 'utf8') + EVENT_OVERHEAD_BYTES;
}

/** Cuts an oversized message on a character boundary rather than letting the whole call fail. */
export function fitMessage(message: string, maxBytes = MAX_MESSAGE_BYTES): string {
  if (Buffer.byteLength(message, 'utf8') <= maxBytes) return message;
  const marker = ' […]';
  const budget = maxBytes - Buffer.byteLength(marker, 'utf8');
  let cut = Buffer.from(message, 'utf8').subarray(0, budget).toString('utf8');
  // A cut in the middle of a multi-byte character decodes to U+FFFD; drop it.
  cut = cut.replace(/\uFFFD$/, '');
  return cut + marker;
}

/** Orders by time (stable, so equal timestamps keep their order) and splits within the limits. */
export function splitIntoBatches(
  events: readonly PendingEvent[],
  limits: BatchLimits = PUT_LOG_EVENTS_LIMITS,
): PendingEvent[][] {
  const sorted = events
    .map((e, i) => ({ e, i }))
    .sort((a, b) => a.e.timestamp - b.e.timestamp || a.i - b.i)
    .map(({ e }) => e);
  const batches: PendingEvent[][] = [];
  let current: PendingEvent[] = [];
  let bytes = 0;
  for (const e of sorted) {
    const size = eventBytes(e);
    const first = current[0];
    const full =
      current.length >= limits.maxEvents ||
      bytes + size > limits.maxBytes ||
      (first !== undefined && e.timestamp - first.timestamp > limits.maxSpanMs);
    if (full && current.length > 0) {
      batches.push(current);
      current = [];
      bytes = 0;
    }
    current.push(e);
    bytes += size;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}

type SendBatch = (events: PendingEvent[]) => Promise<void>;

export interface BatcherOptions {
  limits?: BatchLimits;
  /** Send what is pending this long after the first unsent line (0 = only on flush/close/full). */
  flushAfterMs?: number;
  /** Retries of one batch on top of the SDK's own, for long throttling storms. */
  maxRetries?: number;
  retryBaseMs?: number;
  isRetryable?: (e: unknown) => boolean;
  sleep?: (ms: number) => Promise<void>;
  /** Called when a timer-driven flush fails; the events stay queued for the next flush. */
  onError?: (e: unknown) => void;
}

const RETRYABLE_NAMES = new Set([
  'ThrottlingException',
  'ServiceUnavailableException',
  'InternalFailure',
  'RequestTimeout',
  'TimeoutError',
  'ECONNRESET',
  'EPIPE',
  'ECONNREFUSED',
]);

function isRetryableLogError(e: unknown): boolean {
  const err = e as { name?: string; code?: string; $metadata?: { httpStatusCode?: number }; $retryable?: unknown };
  if (err?.$retryable) return true;
  if (RETRYABLE_NAMES.has(err?.name ?? '') || RETRYABLE_NAMES.has(err?.code ?? '')) return true;
  return (err?.$metadata?.httpStatusCode ?? 0) >= 500;
}

const sleepMs = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export class LogBatcher {
  private pending: PendingEvent[] = [];
  private pendingBytes = 0;
  private inFlight: Promise<void> = Promise.resolve();
  private timer: NodeJS.Timeout | undefined;
  private closed = false;
  private readonly limits: BatchLimits;
  private readonly options: Required<Omit<BatcherOptions, 'limits' | 'onError'>> & Pick<BatcherOptions, 'onError'>;

  constructor(
    private readonly send: SendBatch,
    options: BatcherOptions = {},
  ) {
    this.limits = options.limits ?? PUT_LOG_EVENTS_LIMITS;
    this.options = {
      flushAfterMs: options.flushAfterMs ?? 1000,
      maxRetries: options.maxRetries ?? 8,
      retryBaseMs: options.retryBaseMs ?? 250,
      isRetryable: options.isRetryable ?? isRetryableLogError,
      sleep: options.sleep ?? sleepMs,
      onError: options.onError,
    };
  }

  get pendingCount(): number {
    return this.pending.length;
  }

  add(message: string, timestamp: number = Date.now()): void {
    if (this.closed) throw new Error('LogBatcher is closed');
    const event = { timestamp, message: fitMessage(message) };
    this.pending.push(event);
    this.pendingBytes += eventBytes(event);
    if (this.pending.length >= this.limits.maxEvents || this.pendingBytes >= this.limits.maxBytes) {
      void this.flush().catch((e: unknown) => this.options.onError?.(e));
    } else if (this.options.flushAfterMs > 0 && !this.timer) {
      this.timer = setTimeout(() => {
        this.timer = undefined;
        void this.flush().catch((e: unknown) => this.options.onError?.(e));
      }, this.options.flushAfterMs);
      this.timer.unref();
    }
  }

  /** Sends everything added so far. Calls are serialized, so events leave in the order they were sent. */
  flush(): Promise<void> {
    const run = this.inFlight.catch(() => undefined).then(() => this.drain());
    this.inFlight = run;
    return run;
  }

  async close(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.flush();
    this.closed = true;
  }

  private async drain(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const taken = this.pending;
    this.pending = [];
    this.pendingBytes = 0;
    const batches = splitIntoBatches(taken, this.limits);
    for (let i = 0; i < batches.length; i++) {
      try {
        await this.sendWithRetry(batches[i] ?? []);
      } catch (e) {
        // Nothing is lost: the unsent batches go back in front of anything added meanwhile.
        const unsent = batches.slice(i).flat();
        this.pending = [...unsent, ...this.pending];
        this.pendingBytes = this.pending.reduce((n, ev) => n + eventBytes(ev), 0);
        throw e;
      }
    }
  }

  private async sendWithRetry(batch: PendingEvent[]): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      try {
        await this.send(batch);
        return;
      } catch (e) {
        if (attempt >= this.options.maxRetries || !this.options.isRetryable(e)) throw e;
        const backoff = Math.min(20_000, this.options.retryBaseMs * 2 ** attempt);
        await this.options.sleep(backoff / 2 + Math.random() * (backoff / 2));
      }
    }
  }
}
