// Remembers what a tail has already shown, so resuming after a dropped connection (or switching from
// live tail to polling) re-reads a short overlap and shows nothing twice and nothing missed.

interface TailEvent {
  timestamp: number;
  message: string;
}

interface TailCursorOptions {
  /** Each re-read starts this far before the newest event shown, to catch events that arrived late. */
  overlapMs?: number;
  /** Keys older than this behind the newest event are forgotten, keeping memory flat on long tails. */
  memoryMs?: number;
}

export class TailCursor {
  private newest = Number.NEGATIVE_INFINITY;
  /** occurrence key -> timestamp, for events shown within the memory window. */
  private readonly shown = new Map<string, number>();
  /** How often each (timestamp, message) has been met in the current pass: identical lines stay distinct. */
  private occurrences = new Map<string, number>();
  private readonly overlapMs: number;
  private readonly memoryMs: number;
  private prunedAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly startTime: number,
    options: TailCursorOptions = {},
  ) {
    this.overlapMs = options.overlapMs ?? 60_000;
    this.memoryMs = Math.max(options.memoryMs ?? 5 * 60_000, this.overlapMs * 2);
  }

  /** Where the next read should start (milliseconds). */
  resumeFrom(): number {
    return this.newest === Number.NEGATIVE_INFINITY
      ? this.startTime
      : Math.max(this.startTime, this.newest - this.overlapMs);
  }

  get newestTimestamp(): number | undefined {
    return this.newest === Number.NEGATIVE_INFINITY ? undefined : this.newest;
  }

  /** Call before each read that starts again at resumeFrom() (a poll, a catch-up, a new live session). */
  newPass(): void {
    this.occurrences = new Map();
  }

  /** True when the event has not been shown yet (and records it as shown). */
  accept(e: TailEvent): boolean {
    if (e.timestamp < this.startTime) return false;
    const base = `${e.timestamp}\u0000${e.message}`;
    const n = (this.occurrences.get(base) ?? 0) + 1;
    this.occurrences.set(base, n);
    const key = `${base}\u0000${n}`;
    if (this.shown.has(key)) return false;
    // An event older than what we still remember cannot be told apart from one already shown.
    if (this.newest !== Number.NEGATIVE_INFINITY && e.timestamp < this.newest - this.memoryMs) return false;
    this.shown.set(key, e.timestamp);
    if (e.timestamp > this.newest) {
      this.newest = e.timestamp;
      this.forgetOld();
    }
    return true;
  }

  private forgetOld(): void {
    // Pruning walks the maps, so do it once per quarter window rather than on every new timestamp.
    if (this.newest - this.prunedAt < this.memoryMs / 4) return;
    this.prunedAt = this.newest;
    const horizon = this.newest - this.memoryMs;
    for (const [key, ts] of this.shown) {
      if (ts < horizon) this.shown.delete(key);
    }
    for (const base of this.occurrences.keys()) {
      if (Number(base.slice(0, base.indexOf('\u0000'))) < horizon) this.occurrences.delete(base);
    }
  }
}
