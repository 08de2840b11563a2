// The Run calendar's model: what each day of a month needs next, computed in one pass from listings that
// were gathered once per month (see src/aws/calendarSource.ts). Pure: no I/O, no clock (the caller passes `now`).
import { monthDates, todayInSantiago } from './dates';
import { dailyInputKeys, selectPo, selectServiceDetail } from './inputs';

export type InputRole = 'gps' | 'file196' | 'transactions' | 'po' | 'serviceDetail';

export interface MissingInput {
  role: InputRole;
  /** The exact key that was looked for; absent for the PO and service detail, where no key applies. */
  key?: string;
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

export interface MonthListings {
  /** Keys of each daily bucket, listed with the month as prefix (other keys are ignored). */
  gpsKeys: readonly string[];
  file196Keys: readonly string[];
  transactionKeys: readonly string[];
  /** Whole PO and service-detail buckets: a file dated before the month can still apply to it. */
  poKeys: readonly string[];
  serviceDetailKeys: readonly string[];
  outputs: readonly OutputObject[];
  runs: readonly CalendarRun[];
}

export interface DayOutput {
  key: string;
  size: number;
  lastModified: number;
  /** `D.manifest.json` sits beside the zip. */
  hasManifest: boolean;
}

export interface DayReadiness {
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
}

export type DayState =
  | (DayBase & { kind: 'running'; run: CalendarRun; elapsedMs: number })
  | (DayBase & { kind: 'succeeded'; run: CalendarRun; output: DayOutput })
  | (DayBase & { kind: 'failed'; run: CalendarRun; reason: string })
  | (DayBase & { kind: 'earlierOutput'; output: DayOutput })
  | (DayBase & { kind: 'ready' })
  | (DayBase & { kind: 'missingInputs' })
  | (DayBase & { kind: 'notProcessable' })
  | (DayBase & { kind: 'future' });

export type DayKind = DayState['kind'];

/** Display order of the legend and the summary: what needs attention or action first. */
export const DAY_KINDS: readonly DayKind[] = [
  'ready',
  'running',
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
}

/** Instance states in which a machine may still produce or overwrite the day's output. */
const LIVE_STATES = new Set(['pending', 'running', 'stopping']);

/** Special reasons a run can fail with when its `adatrap:status` tag does not say. */
export const FAILURE_NO_STATUS = 'no-status';
export const FAILURE_OUTPUT_MISSING = 'output-missing';
export const FAILURE_STOPPED = 'stopped';

export function computeMonth(month: string, listings: MonthListings, now: number): MonthCalendar {
  const dates = monthDates(month);
  const today = todayInSantiago(new Date(now));
  const daily = {
    gps: new Set(listings.gpsKeys),
    file196: new Set(listings.file196Keys),
    transactions: new Set(listings.transactionKeys),
  };
  const outputs = indexOutputs(listings.outputs);
  const runsByDate = groupRuns(listings.runs);

  const days = dates.map((date) => {
    const readiness = assessDay(date, daily, listings.poKeys, listings.serviceDetailKeys);
    const runs = runsByDate.get(date) ?? [];
    return decideDay({ date, readiness, runs, output: outputs.get(date) }, today, now);
  });
  return { month, today, days };
}

/** Readiness from the listings alone; the full pre-flight (PO zip contents, executables) is the launcher's job. */
function assessDay(
  date: string,
  daily: Record<'gps' | 'file196' | 'transactions', Set<string>>,
  poKeys: readonly string[],
  serviceDetailKeys: readonly string[],
): DayReadiness {
  const keys = dailyInputKeys(date);
  const missing: MissingInput[] = [];
  for (const role of ['gps', 'file196', 'transactions'] as const) {
    if (!daily[role].has(keys[role])) missing.push({ role, key: keys[role] });
  }
  const po = selectPo(poKeys, date)?.key;
  const serviceDetail = selectServiceDetail(serviceDetailKeys, date)?.key;
  if (po === undefined) missing.push({ role: 'po' });
  if (serviceDetail === undefined) missing.push({ role: 'serviceDetail' });
  return { ready: missing.length === 0, missing, po, serviceDetail };
}

/**
 * Precedence, from what the operator must not get wrong: a live machine beats everything (launching again would
 * race it); then the newest finished run's outcome (a retry that failed hides an older success, since the
 * output may be partial or stale); then an output nobody of ours is known to have written; then the inputs.
 */
function decideDay(base: DayBase, today: string, now: number): DayState {
  const live = base.runs.find((r) => LIVE_STATES.has(r.state) && !isFinal(r.status));
  if (live) return { ...base, kind: 'running', run: live, elapsedMs: Math.max(0, now - live.launchTime) };

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
  const noRules = base.readiness.missing.some((m) => m.role === 'po' || m.role === 'serviceDetail');
  return { ...base, kind: noRules ? 'notProcessable' : 'missingInputs' };
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
  for (const [date, o] of zips) out.set(date, { key: o.key, size: o.size, lastModified: o.lastModified, hasManifest: manifests.has(date) });
  return out;
}

export type MonthSummary = Record<DayKind, number>;

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
