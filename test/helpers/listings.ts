// The one bucket listing the pre-flight and calendar unit tests start from: every bucket named, executable 0.2
// with its .par, the PO of 2020-06-27 and the service detail it opens, no daily input, no output and no run.
// Each test names only what it varies (its daily keys, its .par template, its outputs and runs).
import type { MonthListings } from '../../src/core/calendar';
import type { PreflightListings } from '../../src/core/preflight';

type DailyKeys = Pick<PreflightListings, 'gpsKeys' | 'file196Keys' | 'transactionKeys'>;

const BUCKETS: PreflightListings['buckets'] = {
  gps: 'b-gps',
  file196: 'b-196',
  transactions: 'b-trx',
  opProgram: 'b-po',
  serviceDetail: 'b-detail',
  executables: 'b-exe',
};

/** The three daily inputs (GPS, 1.96, transactions) of each of these dates. */
export function dailyKeys(...dates: string[]): DailyKeys {
  return {
    gpsKeys: dates.map((d) => `${d}.gps.gz`),
    file196Keys: dates.map((d) => `${d}.196.gz`),
    transactionKeys: dates.map((d) => `${d}.trx.gz`),
  };
}

export function preflightListings(over: Partial<PreflightListings> = {}): PreflightListings {
  return {
    buckets: BUCKETS,
    executableVersion: '0.2',
    executableKeys: ['pvmtsc_v0.2.exe', 'pvmtsc_v0.2.par'],
    ...dailyKeys(),
    poKeys: ['2020-06-27.po.zip'],
    serviceDetailKeys: ['Diccionario-DetalleServicioZP_20200627_20200731.csv.gz'],
    poZips: {},
    ...over,
  };
}

export function monthListings(over: Partial<MonthListings> = {}): MonthListings {
  return { ...preflightListings(), outputs: [], runs: [], ...over };
}
