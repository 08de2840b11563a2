// The Run calendar's model: what each day of a month needs next, computed in one pass from listings that
// were gathered once per month (see src/aws/calendarSource.ts). Pure: no I/O, no clock (the caller passes `now`).
import { executionNameOf } from './batchProgress';
import type { BatchDay } from './batchView';
import type { RunCostView } from './costEstimate';
import { monthDates, todayInSantiago } from './dates';
import { parseDailyKey } from './inputs';
import { assessDate, type PreflightListings, type PreflightProblem } from './preflight';

/** What a problem blocks: a daily file (the user uploads it) or something many days share (PO, detail, executable). */
export type InputRole = 'gps' | 'file196' | 'transactions' | 'po' | 'serviceDetail' | 'poContents' | 'executable';

interface MissingInput {
  role: InputRole;
  /** The exact key that was looked for, when there is one. */
  key?: string;
  /** The pre-flight's sentence, naming the object and its bucket. */
  message: string;
}

/** An instance we launched, as the runs adapter lists it (tags already read). */
export interface CalendarRun {
  instanceId: string;
  date: string;
  /** EC2 instance state name: pending, running, shutting-down, terminated, stopping, stopped. */
  state: string;
  /** Epoch milliseconds. */
  launchTime: number;
  /** The `adatrap:status` tag the agent writes at the end: `succeeded` or `failed: <reason>`. */
  status?: string;
}

/** One object of the output bucket, straight from the listing. */
export interface OutputObject {
  key: string;
  size: number;
  /** Epoch milliseconds. */
  lastModified: number;
}

/**
 * The pre-flight's listings (daily buckets listed with the month as prefix; the PO and service-detail buckets
 * whole, since a file dated before the month can apply to it; the PO zips the month needs), plus the output
 * bucket listed with the month as prefix and our instances.
 */
export interface MonthListings extends PreflightListings {
  outputs: readonly OutputObject[];
  runs: readonly CalendarRun[];
  /**
   * The days running batches (Step Functions executions) hold and have not finished: read from AWS, so a day
   * shows queued in every window and after a reload. Absent: no batch was read (no stack, or not asked).
   */
  batches?: readonly BatchDay[];
}

interface DayOutput {
  key: string;
  size: number;
  lastModified: number;
  /** `D.manifest.json` sits beside the zip. */
  hasManifest: boolean;
}

interface DayReadiness {
  ready: boolean;
  missing: MissingInput[];
  po?: string;
  serviceDetail?: string;
}

interface DayBase {
  date: string;
  readiness: DayReadiness;
  /** Every run of ours for the day, newest first. */
  runs: CalendarRun[];
  output?: DayOutput;
  /** What the day's runs cost, once priced (priceMonth). */
  cost?: DayCost;
}

/** A day a running batch holds with no machine of ours alive for it. */
interface QueuedInBatch {
  executionArn: string;
  /** The execution's name (what list-batches and the console show). */
  executionName: string;
  /**
   * Where the batch is with the day: `queued` (waiting for a slot), `launching` (its machine is being asked
   * for), `retrying` / `interrupted` (a try ended; the workflow backs off and tries again), `running` (the
   * workflow launched a machine that EC2 no longer lists alive and that has not said how it ended).
   */
  state: 'queued' | 'launching' | 'retrying' | 'interrupted' | 'running';
  /** Tries so far: 0 while queued. */
  attempts: number;
  reason?: string;
}

/** The cost of a day's runs, or of the month's: the priced runs' sum, and how many could not be priced. */
export interface RunsCost {
  usd: number;
  priced: number;
  unpriced: number;
  /** A priced run is still alive: the sum is the cost so far. */
  running: boolean;
}
type DayCost = RunsCost;
type MonthCost = RunsCost;

export type DayState =
  | (DayBase & { kind: 'running'; run: CalendarRun; elapsedMs: number })
  | (DayBase & { kind: 'queued'; batch: QueuedInBatch })
  | (DayBase & { kind: 'succeeded'; run: CalendarRun; output: DayOutput })
  | (DayBase & { kind: 'failed'; run: CalendarRun; reason: string })
  | (DayBase & { kind: 'earlierOutput'; output: DayOutput })
  | (DayBase & { kind: 'ready' })
  | (DayBase & { kind: 'missingInputs' })
  | (DayBase & { kind: 'notProcessable' })
  | (DayBase & { kind: 'future' });

type DayKind = DayState['kind'];

/** Display order of the legend and the summary: what needs attention or action first. */
export const DAY_KINDS: readonly DayKind[] = [
  'ready',
  'running',
  'queued',
  'failed',
  'missingInputs',
  'notProcessable',
  'succeeded',
  'earlierOutput',
  'future',
];

export interface MonthCalendar {
  month: string;
  today: string;
  days: DayState[];
  /** The month's runs priced (priceMonth); absent until they are. */
  cost?: MonthCost;
}

/** Instance states in which a machine may still produce or overwrite the day's output. */
const LIVE_STATES = new Set(['pending', 'running', 'stopping']);
const DAILY_ROLES: ReadonlySet<InputRole> = new Set(['gps', 'file196', 'transactions']);

/** Special reasons a run can fail with when its `adatrap:status` tag does not say. */
const FAILURE_NO_STATUS = 'no-status';
const FAILURE_OUTPUT_MISSING = 'output-missing';
const FAILURE_STOPPED = 'stopped';

export function computeMonth(month: string, listings: MonthListings, now: number): MonthCalendar {
  const dates = monthDates(month);
  const today = todayInSantiago(new Date(now));
  const outputs = indexOutputs(listings.outputs);
  const runsByDate = groupRuns(listings.runs);
  const batchByDate = new Map((listings.batches ?? []).map((b) => [b.date, b]));

  const days = dates.map((date) => {
    const readiness = readinessOf(date, listings);
    const runs = runsByDate.get(date) ?? [];
    return decideDay({ date, readiness, runs, output: outputs.get(date) }, batchByDate.get(date), today, now);
  });
  return { month, today, days };
}

/** The same judgement as the launcher's pre-flight (one rule set), reshaped for cells. */
function readinessOf(date: string, listings: PreflightListings): DayReadiness {
  const assessed = assessDate(date, listings);
  return {
    ready: assessed.ready,
    missing: assessed.problems.map(toMissing),
    po: assessed.po?.key,
    serviceDetail: assessed.serviceDetail?.key,
  };
}

function toMissing(problem: PreflightProblem): MissingInput {
  return {
    role: roleOf(problem),
    ...(problem.key !== undefined ? { key: problem.key } : {}),
    message: problem.message,
  };
}

function roleOf(problem: PreflightProblem): InputRole {
  switch (problem.kind) {
    case 'missingDaily':
      return parseDailyKey(problem.key ?? '')?.kind ?? 'gps';
    case 'noPo':
      return 'po';
    case 'noServiceDetail':
      return 'serviceDetail';
    case 'poUnreadable':
    case 'poNoTopFolder':
    case 'poMissingFiles':
      return 'poContents';
    case 'missingExecutable':
    case 'missingPar':
    case 'parTemplate':
    case 'poBadEntryNames':
      return 'executable';
  }
}

/**
 * Precedence, from what the operator must not get wrong: a live machine beats everything (launching again would
 * race it); then a running batch that holds the day (it will launch it: launching by hand would race the
 * batch); then the newest finished run's outcome (a retry that failed hides an older success, since the
 * output may be partial or stale); then an output nobody of ours is known to have written; then the inputs.
 */
function decideDay(base: DayBase, batch: BatchDay | undefined, today: string, now: number): DayState {
  const live = base.runs.find((r) => LIVE_STATES.has(r.state) && !isFinal(r.status));
  if (live) return { ...base, kind: 'running', run: live, elapsedMs: Math.max(0, now - live.launchTime) };

  const queued = batch ? queuedIn(batch, base.runs) : undefined;
  if (queued) return { ...base, kind: 'queued', batch: queued };

  const latest = base.runs[0];
  if (latest) {
    const status = latest.status?.trim() ?? '';
    if (status === 'succeeded') {
      if (base.output) return { ...base, kind: 'succeeded', run: latest, output: base.output };
      return { ...base, kind: 'failed', run: latest, reason: FAILURE_OUTPUT_MISSING };
    }
    if (status.startsWith('failed')) return { ...base, kind: 'failed', run: latest, reason: failureReason(status) };
    if (latest.state === 'stopped') return { ...base, kind: 'failed', run: latest, reason: FAILURE_STOPPED };
    return { ...base, kind: 'failed', run: latest, reason: FAILURE_NO_STATUS };
  }

  if (base.output) return { ...base, kind: 'earlierOutput', output: base.output };
  if (base.readiness.ready) return { ...base, kind: 'ready' };
  // Nobody can have a future day's data yet: showing those as "missing" would drown the real gaps.
  if (base.date > today) return { ...base, kind: 'future' };
  // Only daily files are the day's own gap; anything shared (PO, detail, executable) blocks it whatever is uploaded.
  const blocked = base.readiness.missing.some((m) => !DAILY_ROLES.has(m.role));
  return { ...base, kind: blocked ? 'notProcessable' : 'missingInputs' };
}

const QUEUED_STATES: ReadonlySet<string> = new Set(['queued', 'launching', 'retrying', 'interrupted', 'running']);

/**
 * The batch's hold on a day without a live machine. A machine the workflow launched that already wrote its
 * outcome is not a hold: the day shows that outcome (the workflow sees the same within moments).
 */
function queuedIn(batch: BatchDay, runs: readonly CalendarRun[]): QueuedInBatch | undefined {
  if (!QUEUED_STATES.has(batch.state)) return undefined;
  if (batch.state === 'running') {
    const machine = runs.find((r) => r.instanceId === batch.instanceId);
    if (machine && isFinal(machine.status)) return undefined;
  }
  return {
    executionArn: batch.executionArn,
    executionName: executionNameOf(batch.executionArn),
    state: batch.state as QueuedInBatch['state'],
    attempts: batch.attempts,
    ...(batch.reason ? { reason: batch.reason } : {}),
  };
}

function isFinal(status: string | undefined): boolean {
  const s = status?.trim() ?? '';
  return s === 'succeeded' || s.startsWith('failed');
}

function failureReason(status: string): string {
  const reason = status.replace(/^failed:?/, '').trim();
  return reason === '' ? FAILURE_NO_STATUS : reason;
}

function groupRuns(runs: readonly CalendarRun[]): Map<string, CalendarRun[]> {
  const byDate = new Map<string, CalendarRun[]>();
  for (const r of runs) {
    const list = byDate.get(r.date) ?? [];
    list.push(r);
    byDate.set(r.date, list);
  }
  for (const list of byDate.values()) list.sort((a, b) => b.launchTime - a.launchTime);
  return byDate;
}

const OUTPUT_KEY = /^(\d{4}-\d{2}-\d{2})\.(zip|manifest\.json)$/;

/** Only top-level `D.zip` / `D.manifest.json` count; `history/` keeps replaced results and is not the day's output. */
function indexOutputs(objects: readonly OutputObject[]): Map<string, DayOutput> {
  const zips = new Map<string, OutputObject>();
  const manifests = new Set<string>();
  for (const o of objects) {
    const m = OUTPUT_KEY.exec(o.key);
    if (!m) continue;
    if (m[2] === 'zip') zips.set(m[1], o);
    else manifests.add(m[1]);
  }
  const out = new Map<string, DayOutput>();
  for (const [date, o] of zips)
    out.set(date, { key: o.key, size: o.size, lastModified: o.lastModified, hasManifest: manifests.has(date) });
  return out;
}

/** A run EC2 no longer lists (it forgets a terminated machine after about an hour), known from its manifest. */
export interface ForgottenRun {
  date: string;
  instanceId: string;
}

/**
 * The month with its runs' costs: each day's runs (retries and failed tries cost too) and the month's total.
 * `costs` holds a cost by instance id for every run that could be priced; the others count as unpriced.
 * `forgotten` adds the runs EC2 no longer lists whose `D.manifest.json` names them (the run that wrote the output).
 */
export function priceMonth(
  calendar: MonthCalendar,
  costs: ReadonlyMap<string, RunCostView>,
  forgotten: readonly ForgottenRun[] = [],
): MonthCalendar {
  const total: MonthCost = { usd: 0, priced: 0, unpriced: 0, running: false };
  const days = calendar.days.map((day): DayState => {
    const ids = new Set(day.runs.map((r) => r.instanceId));
    for (const f of forgotten) if (f.date === day.date) ids.add(f.instanceId);
    if (ids.size === 0) return day;
    const cost: DayCost = { usd: 0, priced: 0, unpriced: 0, running: false };
    for (const id of ids) {
      const c = costs.get(id);
      if (!c) {
        cost.unpriced += 1;
        continue;
      }
      cost.usd += c.usd;
      cost.priced += 1;
      cost.running ||= c.running;
    }
    total.usd += cost.usd;
    total.priced += cost.priced;
    total.unpriced += cost.unpriced;
    total.running ||= cost.running;
    return { ...day, cost };
  });
  return { ...calendar, days, cost: total };
}

type MonthSummary = Record<DayKind, number>;

export function summarize(days: readonly DayState[]): MonthSummary {
  const counts = Object.fromEntries(DAY_KINDS.map((k) => [k, 0])) as MonthSummary;
  for (const d of days) counts[d.kind] += 1;
  return counts;
}

/** Monday-first column (0..6) of a date, for month grids. */
export function weekdayColumn(date: string): number {
  const [y, m, d] = date.split('-').map(Number);
  return (new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7;
}
