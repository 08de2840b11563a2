// MonthCalendar (core) -> MonthView (what the webview lays out). Pure, without `vscode`: day texts come from the
// core catalogue, whose language the extension sets from VS Code's, so the CLI and the webview say the same.
import { DAY_KINDS, weekdayColumn, type MonthCalendar } from '../../core/calendar';
import {
  KIND_SYMBOL,
  cellText,
  describeDay,
  kindLabel,
  monthCostLine,
  nextLine,
  summaryLine,
} from '../../core/calendarText';
import { locale } from '../../core/i18n';
import type { CellView, LegendItem, MonthView } from './protocol';

export function monthTitle(month: string): string {
  const [y, m] = month.split('-').map(Number);
  const title = new Intl.DateTimeFormat(locale(), { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    Date.UTC(y, m - 1, 1),
  );
  // Spanish month names are lower case ("noviembre de 2026"); a heading starts with a capital, and only the
  // first word does (CSS `capitalize` would also give "De").
  return title.charAt(0).toLocaleUpperCase(locale()) + title.slice(1);
}

export function legendItems(): LegendItem[] {
  return DAY_KINDS.map((kind) => ({ kind, symbol: KIND_SYMBOL[kind], label: kindLabel(kind) }));
}

/** `batchNotes` by date: the batch's line for that day, shown in its cell while a batch includes it. */
export function toMonthView(
  calendar: MonthCalendar,
  updatedAt: number,
  updatedLabel: (time: string) => string,
  batchNotes: ReadonlyMap<string, string> = new Map(),
): MonthView {
  const cells: CellView[] = calendar.days.map((day) => {
    const note = batchNotes.get(day.date);
    return {
      date: day.date,
      dayOfMonth: Number(day.date.slice(8)),
      column: weekdayColumn(day.date),
      kind: day.kind,
      symbol: KIND_SYMBOL[day.kind],
      text: cellText(day),
      details: describeDay(day),
      isToday: day.date === calendar.today,
      hasRun: day.runs.length > 0,
      hasLogs: day.runs.length > 0 || day.output?.hasManifest === true,
      hasOutput: day.output !== undefined,
      ...(note !== undefined ? { batch: note } : {}),
    };
  });
  const time = new Intl.DateTimeFormat(locale(), { timeStyle: 'medium' }).format(updatedAt);
  const cost = monthCostLine(calendar);
  return {
    month: calendar.month,
    title: monthTitle(calendar.month),
    cells,
    summary: summaryLine(calendar.days),
    ...(cost !== undefined ? { cost } : {}),
    next: nextLine(calendar.days),
    updated: updatedLabel(time),
  };
}
