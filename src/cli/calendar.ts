// `adatrap-miner calendar YYYY-MM [--json]`: the Run calendar in a terminal, a symbol per day.
import { Command } from 'commander';
import { DAY_KINDS, priceMonth, summarize, weekdayColumn, type DayState, type MonthCalendar } from '../core/calendar';
import {
  KIND_SYMBOL,
  batchLines,
  cellText,
  costAmount,
  kindLabel,
  monthCostLine,
  nextLine,
  summaryLine,
} from '../core/calendarText';
import { MIN_CALENDAR_YEAR, parseMonth } from '../core/dates';
import { UserError, errorMessage } from '../core/errors';
import { locale, t } from '../core/i18n';
import { terminalJson } from '../core/logFormat';
import { CalendarSource } from '../aws/calendarSource';
import { costsOfMonthRuns, forgottenRuns } from '../aws/monthCosts';
import { runningBatchDays } from '../aws/runningBatches';
import { withAws } from './awsContext';
import { loadCliConfig } from './program';

export function register(program: Command): void {
  program
    .command('calendar')
    .description(t('calendar.cli.description'))
    .argument('<month>', t('calendar.cli.monthArg'), parseMonthArgument)
    .option('--json', t('calendar.cli.json'))
    .action(async (month: string, options: { json?: boolean }, cmd: Command) => {
      const config = await loadCliConfig(cmd);
      const { calendar, problem } = await withAws(config, async (aws) => {
        let problem: string | undefined;
        const source = new CalendarSource(aws.storage, aws.runs, config, async (m) => {
          const read = await runningBatchDays(aws.batches, m, config.stackName);
          problem = read.problem;
          return read.days;
        });
        const { calendar, runs } = await source.read(month);
        const timeoutMs = CLI_COST_TIMEOUT_MS;
        const earlier = await forgottenRuns(aws.storage, config.outputBucket, calendar, runs, { timeoutMs });
        const costs = await costsOfMonthRuns(month, [...runs, ...earlier.runs], aws.prices, config, { timeoutMs });
        return { calendar: priceMonth(calendar, costs, earlier.forgotten), problem };
      });
      if (problem !== undefined) process.stderr.write(`${t('calendar.cli.batchesUnread', { reason: problem })}\n`);
      const color = !options.json && process.stdout.isTTY === true && !process.env.NO_COLOR;
      process.stdout.write(
        options.json ? `${terminalJson(calendarJson(calendar), 2)}\n` : renderCalendar(calendar, { color }),
      );
    });
}

function parseMonthArgument(value: string): string {
  try {
    return parseMonth(value);
  } catch (e) {
    // A well-formed month in a year before the calendar's first keeps parseMonth's own message.
    const year = /^(\d{4})-\d{2}$/.exec(value.trim())?.[1];
    if (year !== undefined && Number(year) < MIN_CALENDAR_YEAR) throw new UserError(errorMessage(e), 2);
    throw new UserError(t('calendar.badMonth', { value: value.trim() || errorMessage(e) }), 2);
  }
}

const CELL_WIDTH = 6;
/** A terminal waits for an answer, but not forever for a price: what is not priced by then is counted unpriced. */
const CLI_COST_TIMEOUT_MS = 15_000;

const ANSI: Partial<Record<DayState['kind'], string>> = {
  ready: '\x1b[1;36m',
  running: '\x1b[34m',
  queued: '\x1b[35m',
  failed: '\x1b[31m',
  missingInputs: '\x1b[33m',
  notProcessable: '\x1b[2m',
  succeeded: '\x1b[32m',
  earlierOutput: '\x1b[32m',
  future: '\x1b[2m',
};

/** The month as a Monday-first grid, then the summary, what to launch next, the days that need a look, a legend. */
function renderCalendar(calendar: MonthCalendar, options: { color?: boolean } = {}): string {
  const paint = (kind: DayState['kind'], text: string) =>
    options.color && ANSI[kind] ? `${ANSI[kind]}${text}\x1b[0m` : text;
  const lines: string[] = [monthTitle(calendar.month), weekdayHeader()];
  let row = ' '.repeat(CELL_WIDTH * weekdayColumn(calendar.days[0].date));
  for (const day of calendar.days) {
    const number = String(Number(day.date.slice(8))).padStart(3);
    const mark = day.date === calendar.today ? '*' : ' ';
    row += paint(day.kind, `${number}${mark}${KIND_SYMBOL[day.kind]} `);
    if (weekdayColumn(day.date) === 6) {
      lines.push(row.trimEnd());
      row = '';
    }
  }
  if (row.trim() !== '') lines.push(row.trimEnd());

  const cost = monthCostLine(calendar);
  lines.push('', summaryLine(calendar.days), ...(cost !== undefined ? [cost] : []), nextLine(calendar.days), '');
  const attention = calendar.days.filter((d) =>
    ['running', 'queued', 'failed', 'missingInputs', 'notProcessable'].includes(d.kind),
  );
  for (const group of groupConsecutive(attention)) {
    const first = group[0];
    const dates = group.length === 1 ? first.date : `${first.date} … ${group[group.length - 1].date}`;
    const text =
      group.length === 1 ? dayLine(first) : t('calendar.cli.days', { text: groupLine(first), count: group.length });
    const cost = group.length === 1 && first.cost && first.cost.priced > 0 ? ` · ${costAmount(first.cost)}` : '';
    lines.push(paint(first.kind, `  ${dates} ${KIND_SYMBOL[first.kind]} ${text}${cost}`));
  }
  if (attention.length > 0) lines.push('');

  const counts = summarize(calendar.days);
  lines.push(`${t('calendar.cli.legend')}:`);
  for (const kind of DAY_KINDS) {
    lines.push(paint(kind, `  ${KIND_SYMBOL[kind]} ${kindLabel(kind)}${counts[kind] > 0 ? ` (${counts[kind]})` : ''}`));
  }
  lines.push(`  * ${t('calendar.cli.today', { date: calendar.today })}`);
  return `${lines.join('\n')}\n`;
}

function dayLine(day: DayState): string {
  // A missing daily file is named by its exact key: that is what the user uploads.
  if (day.kind === 'missingInputs') {
    return t('calendar.detail.missing', { keys: day.readiness.missing.map((m) => m.key ?? m.role).join(', ') });
  }
  if (day.kind === 'notProcessable') {
    return [...new Set(day.readiness.missing.filter((m) => !DAILY.has(m.role)).map((m) => m.message))].join('; ');
  }
  // Which batch holds the day, and its try: what `show-batch` and `stop-batch` are run on.
  if (day.kind === 'queued') return `${cellText(day)}: ${batchLines(day.batch).join('; ')}`;
  return cellText(day);
}

const DAILY: ReadonlySet<string> = new Set(['gps', 'file196', 'transactions']);

/** A range of days with the same gap reads better as one line than as thirty. */
function groupLine(day: DayState): string {
  return day.kind === 'missingInputs' ? cellText(day) : dayLine(day);
}

function groupConsecutive(days: readonly DayState[]): DayState[][] {
  const groups: DayState[][] = [];
  for (const day of days) {
    const last = groups[groups.length - 1];
    const previous = last?.[last.length - 1];
    const joins =
      previous !== undefined &&
      day.kind === previous.kind &&
      (day.kind === 'missingInputs' || day.kind === 'notProcessable') &&
      Date.parse(day.date) - Date.parse(previous.date) === 86_400_000 &&
      groupLine(day) === groupLine(previous);
    if (joins) last.push(day);
    else groups.push([day]);
  }
  return groups;
}

function monthTitle(month: string): string {
  const [y, m] = month.split('-').map(Number);
  const title = new Intl.DateTimeFormat(locale(), { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    Date.UTC(y, m - 1, 1),
  );
  return title.charAt(0).toUpperCase() + title.slice(1);
}

function weekdayHeader(): string {
  // 2024-01-01 was a Monday.
  const format = new Intl.DateTimeFormat(locale(), { weekday: 'short', timeZone: 'UTC' });
  return Array.from({ length: 7 }, (_, i) =>
    format
      .format(Date.UTC(2024, 0, 1 + i))
      .replace(/\.$/, '')
      .slice(0, 3)
      .padStart(CELL_WIDTH - 1)
      .padEnd(CELL_WIDTH),
  )
    .join('')
    .trimEnd();
}

/** Stable JSON for scripts: ISO instants, exact keys, the state names of the core. */
function calendarJson(calendar: MonthCalendar): unknown {
  return {
    month: calendar.month,
    today: calendar.today,
    summary: summarize(calendar.days),
    cost: calendar.cost ?? null,
    days: calendar.days.map((d) => ({
      date: d.date,
      state: d.kind,
      text: cellText(d),
      ...(d.kind === 'running' ? { elapsedMs: d.elapsedMs } : {}),
      ...(d.kind === 'failed' ? { reason: d.reason } : {}),
      ...(d.kind === 'queued' ? { batch: d.batch } : {}),
      cost: d.cost ?? null,
      ready: d.readiness.ready,
      missing: d.readiness.missing,
      po: d.readiness.po ?? null,
      serviceDetail: d.readiness.serviceDetail ?? null,
      runs: d.runs.map((r) => ({ ...r, launchTime: new Date(r.launchTime).toISOString() })),
      output: d.output ? { ...d.output, lastModified: new Date(d.output.lastModified).toISOString() } : null,
    })),
  };
}
