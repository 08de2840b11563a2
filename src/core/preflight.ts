// Is a date ready to run? A pure judgement over plain key listings; src/aws/preflight.ts gathers them (listing
// buckets, reading the PO zips' central directories, downloading the .par template once) and calls assessDate.
import type { AdatrapConfig } from './config';
import { eachDate, type DateRange } from './dates';
import { t } from './i18n';
import {
  dailyInputKeys,
  executableKeys,
  selectPo,
  selectServiceDetail,
  type DailyInputKeys,
  type PoFile,
  type ServiceDetailFile,
} from './inputs';
import { requiredPoFiles, templateProblems } from './par';

interface PreflightBuckets {
  gps: string;
  file196: string;
  transactions: string;
  opProgram: string;
  serviceDetail: string;
  executables: string;
}

/** The central directory of one PO zip, or why it could not be read. Entry names as stored in the zip. */
export type PoZipListing = { entries: readonly string[] } | { error: string };

export interface PreflightListings {
  buckets: PreflightBuckets;
  executableVersion: string;
  /** Keys of each bucket; a listing by prefix (e.g. the date) is enough for the daily buckets. */
  gpsKeys: readonly string[];
  file196Keys: readonly string[];
  transactionKeys: readonly string[];
  poKeys: readonly string[];
  serviceDetailKeys: readonly string[];
  executableKeys: readonly string[];
  /** By PO key, for every PO zip the dates need (poKeysNeeded); a PO without an entry here is not checked inside. */
  poZips: Readonly<Record<string, PoZipListing>>;
  /** Text of pvmtsc_v<version>.par when it exists; needed to know which PO files a run reads. */
  parTemplate?: string;
}

type PreflightProblemKind =
  | 'missingDaily'
  | 'noPo'
  | 'noServiceDetail'
  | 'poUnreadable'
  | 'poBadEntryNames'
  | 'poNoTopFolder'
  | 'poMissingFiles'
  | 'missingExecutable'
  | 'missingPar'
  | 'parTemplate';

export interface PreflightProblem {
  kind: PreflightProblemKind;
  bucket: string;
  /** The object that is missing or wrong, when there is one. */
  key?: string;
  /** For poMissingFiles: the zip entries that are missing. */
  missingEntries?: string[];
  message: string;
}

export interface DateReadiness {
  date: string;
  ready: boolean;
  problems: PreflightProblem[];
  daily: DailyInputKeys;
  po?: PoFile;
  serviceDetail?: ServiceDetailFile;
}

/** How many missing PO entries a message names before it says "and N more". */
const MAX_NAMED_ENTRIES = 5;

export function preflightBuckets(config: AdatrapConfig): PreflightBuckets {
  return {
    gps: config.gpsBucket,
    file196: config.file196Bucket,
    transactions: config.transactionBucket,
    opProgram: config.opProgramBucket,
    serviceDetail: config.serviceDetailBucket,
    executables: config.executablesBucket,
  };
}

/** The PO zips whose directories the gatherer must read for these dates. */
export function poKeysNeeded(dates: readonly string[], poKeys: readonly string[]): string[] {
  return [...new Set(dates.flatMap((d) => selectPo(poKeys, d)?.key ?? []))];
}

export function assessDate(date: string, listings: PreflightListings): DateReadiness {
  const { buckets } = listings;
  const daily = dailyInputKeys(date);
  const problems: PreflightProblem[] = [];

  const dailyChecks: [
    string,
    readonly string[],
    string,
    'inputs.kind.gps' | 'inputs.kind.file196' | 'inputs.kind.transactions',
  ][] = [
    [daily.gps, listings.gpsKeys, buckets.gps, 'inputs.kind.gps'],
    [daily.file196, listings.file196Keys, buckets.file196, 'inputs.kind.file196'],
    [daily.transactions, listings.transactionKeys, buckets.transactions, 'inputs.kind.transactions'],
  ];
  for (const [key, keys, bucket, what] of dailyChecks) {
    if (!keys.includes(key)) {
      problems.push({
        kind: 'missingDaily',
        bucket,
        key,
        message: t('inputs.missingDaily', { key, bucket, what: t(what) }),
      });
    }
  }

  // Not daily files: the PO in force on the day and the service detail whose range holds it (src/core/inputs.ts).
  const po = selectPo(listings.poKeys, date);
  const serviceDetail = selectServiceDetail(listings.serviceDetailKeys, date);
  const datedChecks = [
    [po, 'noPo', buckets.opProgram, 'inputs.noPo'],
    [serviceDetail, 'noServiceDetail', buckets.serviceDetail, 'inputs.noServiceDetail'],
  ] as const;
  for (const [file, kind, bucket, message] of datedChecks) {
    if (!file) problems.push({ kind, bucket, message: t(message, { date, bucket }) });
  }

  const exe = executableKeys(listings.executableVersion);
  if (!listings.executableKeys.includes(exe.exe)) {
    problems.push({
      kind: 'missingExecutable',
      bucket: buckets.executables,
      key: exe.exe,
      message: t('inputs.missingExecutable', { key: exe.exe, bucket: buckets.executables }),
    });
  }
  const parPresent = listings.executableKeys.includes(exe.par) && listings.parTemplate !== undefined;
  if (!parPresent) {
    problems.push({
      kind: 'missingPar',
      bucket: buckets.executables,
      key: exe.par,
      message: t('inputs.missingPar', { key: exe.par, bucket: buckets.executables }),
    });
  }

  if (parPresent && listings.parTemplate !== undefined) {
    for (const message of templateProblems(exe.par, listings.parTemplate)) {
      problems.push({ kind: 'parTemplate', bucket: buckets.executables, key: exe.par, message });
    }
  }

  if (po && listings.parTemplate !== undefined && parPresent) {
    const zip = listings.poZips[po.key];
    if (zip)
      problems.push(...poZipProblems(po, zip, requiredPoFiles(listings.parTemplate, po.date), buckets.opProgram));
  }

  const readiness: DateReadiness = { date, ready: problems.length === 0, problems, daily };
  if (po) readiness.po = po;
  if (serviceDetail) readiness.serviceDetail = serviceDetail;
  return readiness;
}

/** assessDate for each date of an inclusive range (or an explicit list), in order. */
export function assessRange(dates: DateRange | readonly string[], listings: PreflightListings): DateReadiness[] {
  const list = Array.isArray(dates) ? (dates as readonly string[]) : eachDate(dates as DateRange);
  return list.map((d) => assessDate(d, listings));
}

/**
 * The same rules the agent applies when it unpacks the zip (agent/poArchive.ts), so that a date found ready
 * does not fail on the machine: entry names use `/` (the zip standard; the agent's zip reader refuses `\`),
 * everything sits in exactly one top folder named after the PO date, and each file the template needs is
 * there gzipped (`<folder>/<file>.gz`).
 */
function poZipProblems(po: PoFile, zip: PoZipListing, required: readonly string[], bucket: string): PreflightProblem[] {
  const key = po.key;
  if ('error' in zip)
    return [
      { kind: 'poUnreadable', bucket, key, message: t('inputs.poUnreadable', { key, bucket, reason: zip.error }) },
    ];
  const backslashed = zip.entries.find((e) => e.includes('\\'));
  if (backslashed !== undefined) {
    return [
      {
        kind: 'poBadEntryNames',
        bucket,
        key,
        message: t('inputs.poBadEntryNames', { key, bucket, entry: backslashed }),
      },
    ];
  }
  const tops = [...new Set(zip.entries.map((e) => e.split('/')[0]))];
  if (tops.length !== 1 || tops[0] !== po.date || !zip.entries.some((e) => e.startsWith(`${po.date}/`))) {
    const found = tops.join(', ') || '-';
    return [
      {
        kind: 'poNoTopFolder',
        bucket,
        key,
        message: t('inputs.poNoTopFolder', { key, bucket, folder: po.date, found }),
      },
    ];
  }
  // The agent drops a `.gz` suffix in any case.
  const entries = new Set(zip.entries.map((e) => e.replace(/\.gz$/i, '.gz')));
  const missing = required.map((f) => `${po.date}/${f}.gz`).filter((entry) => !entries.has(entry));
  if (missing.length === 0) return [];
  const named = missing.slice(0, MAX_NAMED_ENTRIES).join(', ');
  const files =
    missing.length > MAX_NAMED_ENTRIES
      ? t('inputs.andMore', { files: named, count: missing.length - MAX_NAMED_ENTRIES })
      : named;
  return [
    {
      kind: 'poMissingFiles',
      bucket,
      key,
      missingEntries: missing,
      message: t('inputs.poMissingFiles', { key, bucket, count: missing.length, files }),
    },
  ];
}
