// Words for day states, in the current catalogue language: one source for the CLI grid and the webview
// (its host formats the cells, so both say the same thing).
import { DAY_KINDS, summarize, type DayState, type InputRole } from './calendar';
import { locale, t, type MessageKey } from './i18n';

/** One character per state, the same in the terminal grid, the legend and the webview cells. */
export const KIND_SYMBOL: Record<DayState['kind'], string> = {
  ready: '●',
  running: '▶',
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

export function roleLabel(role: InputRole): string {
  return t(`calendar.role.${role}` as MessageKey);
}

export function failureText(reason: string): string {
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

export function formatInstant(ms: number): string {
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
  return lines;
}

export function summaryLine(days: readonly DayState[]): string {
  const counts = summarize(days);
  const parts = DAY_KINDS.filter((k) => counts[k] > 0).map((k) =>
    t(`calendar.summary.${k}` as MessageKey, { count: counts[k] }),
  );
  return parts.length > 0 ? parts.join(', ') : t('calendar.summary.nothing');
}

/** The ready days in date order: what a back-fill launches next. */
export function readyDates(days: readonly DayState[]): string[] {
  return days.filter((d) => d.kind === 'ready').map((d) => d.date);
}

export function nextLine(days: readonly DayState[], max = 5): string {
  const ready = readyDates(days);
  if (ready.length === 0) return t('calendar.nextNone');
  const shown = ready.slice(0, max).join(', ');
  return t('calendar.next', { dates: ready.length > max ? `${shown}, …` : shown });
}
