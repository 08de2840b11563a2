// Times, durations and sizes as the user reads them, in the display language.
import * as vscode from 'vscode';
import { locale, toLang } from '../core/i18n';

function displayLocale(): string {
  return locale(toLang(vscode.env.language) ?? 'es');
}

// Building an Intl.DateTimeFormat with a time zone costs ~100x a format() call; a 5,000-row Runs tree formats
// two times per row, so one formatter per locale is kept (bench: Runs tree first page).
const timeFormats = new Map<string, Intl.DateTimeFormat>();

/** Local time of America/Santiago, where the data and the analysts are. */
export function formatTime(when: Date | number): string {
  const loc = displayLocale();
  let format = timeFormats.get(loc);
  if (!format) {
    format = new Intl.DateTimeFormat(loc, { dateStyle: 'short', timeStyle: 'medium', timeZone: 'America/Santiago' });
    timeFormats.set(loc, format);
  }
  return format.format(when);
}

export function formatDuration(ms: number): string {
  const minutes = Math.max(0, Math.floor(ms / 60_000));
  if (minutes < 1) return vscode.l10n.t('{0} s', Math.max(0, Math.floor(ms / 1000)));
  if (minutes < 60) return vscode.l10n.t('{0} min', minutes);
  return vscode.l10n.t('{0} h {1} min', Math.floor(minutes / 60), minutes % 60);
}

export function formatBytes(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  const digits = unit === 0 || value >= 100 ? 0 : 1;
  return `${new Intl.NumberFormat(displayLocale(), { maximumFractionDigits: digits }).format(value)} ${units[unit]}`;
}
