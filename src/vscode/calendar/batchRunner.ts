// A batch of runs launched from the calendar, followed day by day until each machine has ended. It lives in the
// extension host, not in the webview, so closing the panel neither stops it nor loses its progress; reopening
// the panel shows it again. No `vscode` here: the launcher and the run listing come in as functions.
import type { RangeEvent, RangeOptions, RangeSummary } from '../../aws/launcher';
import type { RunInfo } from '../../aws/runs';
import { addDays, type DateRange } from '../../core/dates';
import { errorMessage } from '../../core/errors';

type BatchItemStatus =
  'queued' | 'waiting' | 'skipped' | 'launching' | 'running' | 'succeeded' | 'failed' | 'cancelled';

export interface BatchItem {
  readonly date: string;
  status: BatchItemStatus;
  instanceId?: string;
  /** Why it was skipped or failed (the launcher's or the agent's words); for `waiting`, "live/max". */
  detail?: string;
}

export interface BatchState {
  readonly dates: readonly string[];
  readonly startedAt: number;
  readonly items: readonly BatchItem[];
  readonly finished: boolean;
}

export interface BatchDeps {
  launchRange(range: DateRange, options: RangeOptions): Promise<RangeSummary>;
  listRuns(): Promise<RunInfo[]>;
  maxParallel: number;
  /** How often the launcher looks for a free slot. */
  slotPollMs?: number;
  /** How often launched machines are looked up until they end. */
  followMs?: number;
}

const OPEN: ReadonlySet<BatchItemStatus> = new Set(['queued', 'waiting', 'launching', 'running']);

export class BatchRunner {
  private current: BatchState | undefined;
  private items = new Map<string, BatchItem>();
  private launching = false;
  private controller: AbortController | undefined;
  private followTimer: NodeJS.Timeout | undefined;
  private following = false;
  private readonly listeners = new Set<(state: BatchState | undefined) => void>();

  get state(): BatchState | undefined {
    return this.current;
  }

  /** A batch whose machines are not all done yet: a second one would fight it for the same slots. */
  get active(): boolean {
    return this.current !== undefined && !this.current.finished;
  }

  onDidChange(listener: (state: BatchState | undefined) => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  /** Launches `ready` (in date order, keeping the cap) and records `skipped` as such. Returns at once. */
  start(ready: readonly string[], skipped: readonly { date: string; reason: string }[], deps: BatchDeps): void {
    if (this.active) throw new Error('a batch is already in progress');
    this.items = new Map();
    for (const date of ready) this.items.set(date, { date, status: 'queued' });
    for (const s of skipped) this.items.set(s.date, { date: s.date, status: 'skipped', detail: s.reason });
    const dates = [...this.items.keys()].sort();
    this.current = { dates, startedAt: Date.now(), items: [], finished: false };
    this.controller = new AbortController();
    this.launching = true;
    this.publish();
    this.followTimer = setInterval(() => void this.follow(deps), deps.followMs ?? 10_000);
    void this.launchAll([...ready].sort(), deps, this.controller.signal);
  }

  /** Stops launching; machines already started keep running (stopping them is the Stop Run command's job). */
  cancel(): void {
    this.controller?.abort();
  }

  /** Forgets a finished batch (the panel's "clear"). */
  clear(): void {
    if (this.active) return;
    this.current = undefined;
    this.items = new Map();
    this.publish();
  }

  dispose(): void {
    this.controller?.abort();
    clearInterval(this.followTimer);
    this.listeners.clear();
  }

  private async launchAll(ready: string[], deps: BatchDeps, signal: AbortSignal): Promise<void> {
    try {
      for (const range of contiguous(ready)) {
        await deps.launchRange(range, {
          maxParallel: deps.maxParallel,
          signal,
          pollIntervalMs: deps.slotPollMs ?? 15_000,
          onEvent: (e) => this.onLaunchEvent(e),
        });
      }
    } catch (e) {
      // A configuration problem or a cancellation ends the launching; what was not started says why.
      const status: BatchItemStatus = signal.aborted ? 'cancelled' : 'failed';
      for (const item of this.items.values()) {
        if (item.status === 'queued' || item.status === 'waiting' || item.status === 'launching') {
          item.status = status;
          if (status === 'failed') item.detail = errorMessage(e);
        }
      }
    } finally {
      this.launching = false;
      this.publish();
    }
  }

  private onLaunchEvent(e: RangeEvent): void {
    if (e.type === 'checked') return;
    const item = this.items.get(e.date);
    if (!item) return;
    if (e.type === 'launched') {
      item.status = 'running';
      item.instanceId = e.instanceId;
    } else {
      item.status = e.type;
      const detail = launchDetail(e);
      if (detail === undefined) delete item.detail;
      else item.detail = detail;
    }
    this.publish();
  }

  /** Looks up the launched machines: the agent's `adatrap:status` tag says how each one ended. */
  private async follow(deps: BatchDeps): Promise<void> {
    const running = [...this.items.values()].filter((i) => i.status === 'running' && i.instanceId);
    if (running.length > 0 && !this.following) {
      this.following = true;
      try {
        const byId = new Map((await deps.listRuns()).map((r) => [r.instanceId, r]));
        let changed = false;
        for (const item of running) {
          const run = byId.get(item.instanceId ?? '');
          const outcome = run ? outcomeOf(run) : undefined;
          if (outcome) {
            Object.assign(item, outcome);
            changed = true;
          }
        }
        if (changed) this.publish();
      } catch {
        // A failed look-up is retried at the next tick; the calendar itself shows the listing error.
      } finally {
        this.following = false;
      }
    }
    this.publish(false);
  }

  private publish(always = true): void {
    if (!this.current) return;
    const items = [...this.items.values()].sort((a, b) => (a.date < b.date ? -1 : 1)).map((i) => ({ ...i }));
    const finished = !this.launching && items.every((i) => !OPEN.has(i.status));
    const wasFinished = this.current.finished;
    this.current = { ...this.current, items, finished };
    if (finished) clearInterval(this.followTimer);
    if (always || finished !== wasFinished) for (const listener of this.listeners) listener(this.current);
  }
}

/** The final state of a launched machine, or undefined while it still works. */
export function outcomeOf(run: RunInfo): Pick<BatchItem, 'status' | 'detail'> | undefined {
  const status = run.status?.trim() ?? '';
  if (status === 'succeeded') return { status: 'succeeded' };
  if (status.startsWith('failed')) return { status: 'failed', detail: status.replace(/^failed:?\s*/, '') };
  if (run.state === 'terminated' || run.state === 'shutting-down' || run.state === 'stopped')
    return { status: 'failed', detail: run.state };
  return undefined;
}

/** Consecutive dates as ranges, so each range is launched in order and no skipped date slips in. */
export function contiguous(dates: readonly string[]): DateRange[] {
  const ranges: DateRange[] = [];
  for (const date of [...dates].sort()) {
    const last = ranges[ranges.length - 1];
    if (last && addDays(last.to, 1) === date) last.to = date;
    else ranges.push({ from: date, to: date });
  }
  return ranges;
}

/** What a day's row says beside its status while the range launches: the skip reason, the slots, the failure. */
function launchDetail(
  e: Extract<RangeEvent, { type: 'skipped' | 'waiting' | 'launching' | 'failed' }>,
): string | undefined {
  switch (e.type) {
    case 'skipped':
      return e.reason;
    case 'waiting':
      return `${e.live}/${e.maxParallel}`;
    case 'launching':
      return undefined;
    case 'failed':
      return e.message;
  }
}
