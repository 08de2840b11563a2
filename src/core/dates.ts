// Run dates are plain 'YYYY-MM-DD' strings. All arithmetic is on UTC day numbers so that the machine's
// time zone and DST can never shift a date; "today" is Santiago's, where the data is produced.
import { InputError } from './errors';
import { t } from './i18n';

export interface DateRange {
  /** First date, inclusive. */
  from: string;
  /** Last date, inclusive. */
  to: string;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const ISO_MONTH = /^(\d{4})-(\d{2})$/;
const COMPACT_DATE = /^(\d{4})(\d{2})(\d{2})$/;
const DAY_MS = 86_400_000;
/** Run dates later than this many days after today are almost certainly a typo in the year. */
const MAX_DAYS_AHEAD = 366;
/** The first year a calendar shows. */
export const MIN_CALENDAR_YEAR = 1900;
/** Most days one command may cover (a leap year): a longer range is a typo, and would launch that many machines. */
const MAX_RANGE_DAYS = 366;

/** True when `text` is exactly a real calendar date in YYYY-MM-DD form. Never throws. */
export function isIsoDate(text: string): boolean {
  const m = ISO_DATE.exec(text);
  return m !== null && isCalendarDay(Number(m[1]), Number(m[2]), Number(m[3]));
}

/** Validates a date typed by a user; surrounding blanks are forgiven, anything else is an InputError. */
export function parseIsoDate(text: string): string {
  const trimmed = text.trim();
  if (trimmed === '') throw new InputError(t('dates.empty'));
  const m = ISO_DATE.exec(trimmed);
  if (!m) throw new InputError(t('dates.notIsoForm', { text: trimmed }));
  if (!isCalendarDay(Number(m[1]), Number(m[2]), Number(m[3]))) {
    throw new InputError(t('dates.notCalendarDate', { text: trimmed }));
  }
  return trimmed;
}

/** An inclusive range; `to` defaults to `from` (a single day). */
export function parseDateRange(from: string, to?: string): DateRange {
  const range = orderedRange(from, to);
  assertRangeLength(range);
  return range;
}

/** Like parseDateRange, and also refuses dates so far ahead that they must be a typo (said first: the clearer). */
export function parseRunDates(from: string, to?: string, today: string = todayInSantiago()): DateRange {
  const range = orderedRange(from, to);
  assertNotFarFuture(range.to, today);
  assertRangeLength(range);
  return range;
}

function orderedRange(from: string, to?: string): DateRange {
  const first = parseIsoDate(from);
  const last = to === undefined ? first : parseIsoDate(to);
  if (last < first) throw new InputError(t('dates.reversedRange', { from: first, to: last }));
  return { from: first, to: last };
}

function assertRangeLength(range: DateRange): void {
  const days = toDayNumber(range.to) - toDayNumber(range.from) + 1;
  if (days > MAX_RANGE_DAYS) {
    throw new InputError(t('dates.rangeTooLong', { ...range, days, max: MAX_RANGE_DAYS }));
  }
}

export function assertNotFarFuture(date: string, today: string = todayInSantiago()): void {
  if (date > addDays(today, MAX_DAYS_AHEAD)) throw new InputError(t('dates.farFuture', { date, today }));
}

/** Every date of the inclusive range, in order. */
export function eachDate(range: DateRange): string[] {
  const out: string[] = [];
  const last = toDayNumber(range.to);
  for (let day = toDayNumber(range.from); day <= last; day++) out.push(fromDayNumber(day));
  return out;
}

export function addDays(date: string, days: number): string {
  return fromDayNumber(toDayNumber(date) + days);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return toDayNumber(to) - toDayNumber(from);
}

/** Validates 'YYYY-MM'. */
export function parseMonth(text: string): string {
  const trimmed = text.trim();
  if (trimmed === '') throw new InputError(t('dates.monthEmpty'));
  const m = ISO_MONTH.exec(trimmed);
  if (!m || Number(m[2]) < 1 || Number(m[2]) > 12) throw new InputError(t('dates.notMonth', { text: trimmed }));
  // No bus of Santiago has a GPS before 1900: such a year is a typo (and would list a calendar of nothing).
  if (Number(m[1]) < MIN_CALENDAR_YEAR)
    throw new InputError(t('safety.yearTooEarly', { text: trimmed, min: MIN_CALENDAR_YEAR }));
  return trimmed;
}

/** Every date of a 'YYYY-MM' month, in order. */
export function monthDates(month: string): string[] {
  const valid = parseMonth(month);
  const [year, monthNumber] = valid.split('-').map(Number);
  const count = daysInMonth(year, monthNumber);
  const out: string[] = [];
  for (let day = 1; day <= count; day++) out.push(`${valid}-${pad2(day)}`);
  return out;
}

/** 'YYYY-MM' of a date. */
export function monthOf(date: string): string {
  return date.slice(0, 7);
}

/** The month `n` months after 'YYYY-MM' (negative goes back). */
export function addMonths(month: string, n: number): string {
  const [year, monthNumber] = parseMonth(month).split('-').map(Number);
  const index = year * 12 + (monthNumber - 1) + n;
  return `${pad4(Math.floor(index / 12))}-${pad2((index % 12) + 1)}`;
}

/** 'YYYY-MM-DD' -> 'YYYYMMDD', the form used inside file names (`_PO20200627`, service-detail ranges). */
export function toCompactDate(date: string): string {
  return date.replace(/-/g, '');
}

/** 'YYYYMMDD' -> 'YYYY-MM-DD', or undefined when it is not a real calendar date. */
export function fromCompactDate(text: string): string | undefined {
  const m = COMPACT_DATE.exec(text);
  if (!m) return undefined;
  const iso = `${m[1]}-${m[2]}-${m[3]}`;
  return isIsoDate(iso) ? iso : undefined;
}

/** Today's date on the wall calendar of `timeZone` (Santiago by default: the data is produced there). */
export function todayInSantiago(now: Date = new Date(), timeZone = 'America/Santiago'): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(now);
  const get = (type: string): string => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

function isCalendarDay(year: number, month: number, day: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

function daysInMonth(year: number, month: number): number {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
}

function toDayNumber(date: string): number {
  const [year, month, day] = date.split('-').map(Number);
  // setUTCFullYear, unlike Date.UTC, does not map years 0..99 to 1900..1999.
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  return Math.round(d.getTime() / DAY_MS);
}

function fromDayNumber(dayNumber: number): string {
  const d = new Date(dayNumber * DAY_MS);
  return `${pad4(d.getUTCFullYear())}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`;
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

function pad4(n: number): string {
  return String(n).padStart(4, '0');
}

/**
 * Where the work is: the month of the newest of these dates (runs' days); with no run yet, the month of the first
 * day that has inputs (where processing starts); else the current month.
 */
export function workMonth(
  dates: readonly (string | undefined)[],
  today: string = todayInSantiago(),
  firstInput?: string,
): string {
  const newest = dates
    .filter((d): d is string => !!d && isIsoDate(d))
    .sort()
    .pop();
  return monthOf(newest ?? (firstInput && isIsoDate(firstInput) ? firstInput : today));
}
