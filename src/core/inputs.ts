// Which S3 objects feed the run of date D (SYSTEM.md "Choosing the inputs"). Everything here is a pure function
// of a key listing: the answer never depends on the order S3 lists keys in, and keys that do not follow a
// pattern are skipped, never a crash.
import { fromCompactDate, isIsoDate } from './dates';

export type DailyKind = 'gps' | 'file196' | 'transactions';

export interface DailyInputKeys {
  gps: string;
  file196: string;
  transactions: string;
}

/** A service dictionary zip `YYYY-MM-DD.po.zip`, valid from `date` until the next one. */
export interface PoFile {
  key: string;
  date: string;
}

/** A paid-zone service detail `Diccionario-DetalleServicioZP_YYYYMMDD_YYYYMMDD.csv.gz`, valid `from`..`to` inclusive. */
export interface ServiceDetailFile {
  key: string;
  from: string;
  to: string;
}

const DAILY_SUFFIX: Record<DailyKind, string> = { gps: '.gps.gz', file196: '.196.gz', transactions: '.trx.gz' };
const DAILY_KEY = /^(\d{4}-\d{2}-\d{2})\.(gps|196|trx)\.gz$/;
const PO_KEY = /^(\d{4}-\d{2}-\d{2})\.po\.zip$/;
const SERVICE_DETAIL_KEY = /^Diccionario-DetalleServicioZP_(\d{8})_(\d{8})\.csv\.gz$/;
const KIND_BY_TAG: Record<string, DailyKind> = { gps: 'gps', '196': 'file196', trx: 'transactions' };

/** The exact keys of the three daily files (the old tool matched any key containing D; we do not). */
export function dailyInputKeys(date: string): DailyInputKeys {
  return {
    gps: `${date}${DAILY_SUFFIX.gps}`,
    file196: `${date}${DAILY_SUFFIX.file196}`,
    transactions: `${date}${DAILY_SUFFIX.transactions}`,
  };
}

/** `2020-06-29.gps.gz` -> { date, kind }; undefined for anything else (including impossible dates). */
export function parseDailyKey(key: string): { date: string; kind: DailyKind } | undefined {
  const m = DAILY_KEY.exec(key);
  if (!m || !isIsoDate(m[1])) return undefined;
  return { date: m[1], kind: KIND_BY_TAG[m[2]] };
}

/** `2020-06-27.po.zip` -> its validity start; undefined for anything else. */
export function parsePoKey(key: string): PoFile | undefined {
  const m = PO_KEY.exec(key);
  return m && isIsoDate(m[1]) ? { key, date: m[1] } : undefined;
}

/** The service-detail file name -> its inclusive range; undefined when off-pattern or when it ends before it starts. */
export function parseServiceDetailKey(key: string): ServiceDetailFile | undefined {
  const m = SERVICE_DETAIL_KEY.exec(key);
  if (!m) return undefined;
  const from = fromCompactDate(m[1]);
  const to = fromCompactDate(m[2]);
  if (!from || !to || to < from) return undefined;
  return { key, from, to };
}

/** The PO zip with the latest date not after `date`; undefined when `date` is before the earliest one. */
export function selectPo(keys: Iterable<string>, date: string): PoFile | undefined {
  let best: PoFile | undefined;
  for (const key of keys) {
    const po = parsePoKey(key);
    if (!po || po.date > date) continue;
    if (!best || po.date > best.date) best = po;
  }
  return best;
}

/** The service detail whose range holds `date`; on overlap the latest start wins (ties: the latest end, then the key). */
export function selectServiceDetail(keys: Iterable<string>, date: string): ServiceDetailFile | undefined {
  let best: ServiceDetailFile | undefined;
  for (const key of keys) {
    const file = parseServiceDetailKey(key);
    if (!file || date < file.from || date > file.to) continue;
    if (!best || compareServiceDetail(file, best) > 0) best = file;
  }
  return best;
}

/** Every valid PO zip of a listing, oldest first. */
export function listPoFiles(keys: Iterable<string>): PoFile[] {
  return [...keys]
    .flatMap((k) => parsePoKey(k) ?? [])
    .sort((a, b) => compareText(a.date, b.date) || compareText(a.key, b.key));
}

/** Every valid service-detail file of a listing, by start date. */
export function listServiceDetailFiles(keys: Iterable<string>): ServiceDetailFile[] {
  return [...keys].flatMap((k) => parseServiceDetailKey(k) ?? []).sort((a, b) => compareServiceDetail(a, b));
}

/** Dates that have a daily file of `kind` in a listing (for month views); off-pattern keys are ignored. */
export function datesWithDailyFile(keys: Iterable<string>, kind: DailyKind): Set<string> {
  const dates = new Set<string>();
  for (const key of keys) {
    const daily = parseDailyKey(key);
    if (daily && daily.kind === kind) dates.add(daily.date);
  }
  return dates;
}

/** The name of the file a service detail unpacks to (its key without `.gz`). */
export function serviceDetailCsvName(file: ServiceDetailFile): string {
  return file.key.replace(/\.gz$/, '');
}

function compareServiceDetail(a: ServiceDetailFile, b: ServiceDetailFile): number {
  return compareText(a.from, b.from) || compareText(a.to, b.to) || compareText(a.key, b.key);
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The executable and its template in EXECUTABLES_BUCKET for a version (`pvmtsc_v0.2.exe`, `pvmtsc_v0.2.par`). */
export function executableKeys(version: string): { exe: string; par: string } {
  return { exe: `pvmtsc_v${version}.exe`, par: `pvmtsc_v${version}.par` };
}
