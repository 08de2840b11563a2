// Words for day states, in the current catalogue language: one source for the CLI grid and the webview
// (its host formats the cells, so both say the same thing).
import { DAY_KINDS, summarize, type DayState, type InputRole, type MonthCalendar, type RunsCost } from './calendar';
import { formatUsd } from './costEstimate';
import { locale, t, type MessageKey } from './i18n';

/** One character per state, the same in the terminal grid, the legend and the webview cells. */
export const KIND_SYMBOL: Record<DayState['kind'], string> = {
  ready: '●',
  running: '▶',
  // A clock face: waiting its turn. One column wide in terminals, like the others (no emoji).
  queued: '◷',
  failed: '✗',
  missingInputs: '○',
  notProcessable: '–',
  succeeded: '✓',
  earlierOutput: '◇',
  future: '·',
};

export function kindLabel(kind: DayState['kind']): string {
  return t(`calendar.kind.${kind}` as MessageKey);
}

function roleLabel(role: InputRole): string {
  return t(`calendar.role.${role}` as MessageKey);
}

function failureText(reason: string): string {
  const known = `calendar.reason.${reason}`;
  const text = t(known as MessageKey);
  return text === known ? reason : text;
}

export function formatSize(bytes: number): string {
  const units: ReadonlyArray<readonly [string, number]> = [
    ['kilobyte', 1e3],
    ['megabyte', 1e6],
    ['gigabyte', 1e9],
  ];
  let unit = 'byte';
  let scale = 1;
  for (const [u, s] of units) if (bytes >= s) [unit, scale] = [u, s];
  return new Intl.NumberFormat(locale(), {
    style: 'unit',
    unit,
    unitDisplay: 'short',
    maximumFractionDigits: 1,
  }).format(bytes / scale);
}

export function formatElapsed(ms: number): string {
  const totalMinutes = Math.floor(ms / 60_000);
  if (totalMinutes < 60) return t('calendar.duration.minutes', { minutes: totalMinutes });
  return t('calendar.duration.hours', { hours: Math.floor(totalMinutes / 60), minutes: totalMinutes % 60 });
}

function formatInstant(ms: number): string {
  // The reader's own clock, like the "updated" time next to it.
  return new Intl.DateTimeFormat(locale(), { dateStyle: 'medium', timeStyle: 'short' }).format(ms);
}

/** The few words a grid cell has room for: "ready", "running 12 min", "OK 3.2 MB", "failed: exit 3". */
export function cellText(day: DayState): string {
  switch (day.kind) {
    case 'ready':
      return t('calendar.cell.ready');
    case 'running':
      return t('calendar.cell.running', { elapsed: formatElapsed(day.elapsedMs) });
    case 'queued':
      return t(`calendar.cell.queued.${QUEUED_CELL[day.batch.state]}` as MessageKey);
    case 'succeeded':
      return t('calendar.cell.succeeded', { size: formatSize(day.output.size) });
    case 'failed':
      return t('calendar.cell.failed', { reason: failureText(day.reason) });
    case 'earlierOutput':
      return t('calendar.cell.earlierOutput', { size: formatSize(day.output.size) });
    case 'missingInputs':
      return t('calendar.cell.missingInputs', { roles: missingRoles(day) });
    case 'notProcessable':
      return t('calendar.cell.notProcessable', { roles: missingRoles(day, SHARED_ROLES) });
    case 'future':
      return t('calendar.cell.future');
  }
}

const QUEUED_CELL = {
  queued: 'queued',
  launching: 'launching',
  retrying: 'retrying',
  interrupted: 'retrying',
  running: 'running',
} as const;

const SHARED_ROLES: readonly InputRole[] = ['po', 'serviceDetail', 'poContents', 'executable'];

function missingRoles(day: DayState, only?: readonly InputRole[]): string {
  const roles = new Set(day.readiness.missing.filter((m) => !only || only.includes(m.role)).map((m) => m.role));
  return [...roles].map(roleLabel).join(', ');
}

/** Everything known about a day in sentences: the tooltip and the screen reader's label of a cell. */
export function describeDay(day: DayState): string[] {
  // Running and failed cells already carry the detail that matters (elapsed time, reason).
  const state = day.kind === 'running' || day.kind === 'failed' ? cellText(day) : kindLabel(day.kind);
  const lines = [t('calendar.detail.date', { date: day.date, state })];
  if (day.kind === 'queued') lines.push(...batchLines(day.batch));
  const { readiness } = day;
  if (day.kind !== 'future') lines.push(...readiness.missing.map((m) => m.message));
  if (readiness.po && readiness.serviceDetail) {
    lines.push(t('calendar.detail.inputs', { po: readiness.po, serviceDetail: readiness.serviceDetail }));
  }
  const run = day.runs[0];
  if (run)
    lines.push(t('calendar.detail.run', { instanceId: run.instanceId, launched: formatInstant(run.launchTime) }));
  if (day.output) {
    const output = {
      key: day.output.key,
      size: formatSize(day.output.size),
      modified: formatInstant(day.output.lastModified),
    };
    lines.push(day.kind === 'failed' ? t('calendar.detail.keptOutput', output) : t('calendar.detail.output', output));
    if (!day.output.hasManifest) lines.push(t('calendar.detail.noManifest', { date: day.date }));
  }
  if (day.cost) lines.push(...dayCostLines(day.cost));
  return lines;
}

/** The batch that holds a queued day, its try and what ended the last one. */
export function batchLines(batch: Extract<DayState, { kind: 'queued' }>['batch']): string[] {
  const name = batch.executionName;
  switch (batch.state) {
    case 'queued':
      return [t('calendar.detail.batchQueued', { name })];
    case 'retrying':
    case 'interrupted':
      return [
        t('calendar.detail.batchRetry', { name, attempt: batch.attempts }),
        ...(batch.reason ? [t('calendar.detail.batchReason', { reason: batch.reason })] : []),
      ];
    case 'launching':
    case 'running':
      return [t('calendar.detail.batchTry', { name, attempt: batch.attempts })];
  }
}

/** `USD 1.23`, or `USD 0.45 so far` while a machine of the day (or month) still runs. */
export function costAmount(cost: RunsCost): string {
  return cost.running ? t('cost.run.sofar', { usd: formatUsd(cost.usd) }) : formatUsd(cost.usd);
}

function dayCostLines(cost: RunsCost): string[] {
  const lines = cost.priced > 0 ? [t('calendar.detail.cost', { usd: costAmount(cost) })] : [];
  if (cost.unpriced > 0) lines.push(t('calendar.detail.costUnpriced', { count: cost.unpriced }));
  return lines;
}

/**
 * The month's cost line: the priced runs' total, and how many runs could not be priced; undefined when the
 * month has no run of ours (or was not priced).
 */
export function monthCostLine(calendar: MonthCalendar): string | undefined {
  const cost = calendar.cost;
  if (!cost || cost.priced + cost.unpriced === 0) return undefined;
  const runs = cost.priced + cost.unpriced;
  if (cost.priced === 0) return t('calendar.cost.monthUnknown', { runs });
  const line = t('calendar.cost.month', { usd: costAmount(cost), runs });
  return cost.unpriced > 0 ? `${line} ${t('calendar.cost.unpriced', { count: cost.unpriced })}` : line;
}

export function summaryLine(days: readonly DayState[]): string {
  const counts = summarize(days);
  const parts = DAY_KINDS.filter((k) => counts[k] > 0).map((k) =>
    t(`calendar.summary.${k}` as MessageKey, { count: counts[k] }),
  );
  return parts.length > 0 ? parts.join(', ') : t('calendar.summary.nothing');
}

/** The ready days in date order: what a back-fill launches next. */
function readyDates(days: readonly DayState[]): string[] {
  return days.filter((d) => d.kind === 'ready').map((d) => d.date);
}

export function nextLine(days: readonly DayState[], max = 5): string {
  const ready = readyDates(days);
  if (ready.length === 0) return t('calendar.nextNone');
  const shown = ready.slice(0, max).join(', ');
  return t('calendar.next', { dates: ready.length > max ? `${shown}, …` : shown });
}
