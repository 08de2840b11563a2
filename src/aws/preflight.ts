// Gathers what the core's pre-flight judgement needs: one listing per bucket (by a prefix shared by all the
// dates, not one call per day), the .par template, and the central directory of each PO zip the dates use.
import {
  assessRange,
  poKeysNeeded,
  preflightBuckets,
  type DateReadiness,
  type PoZipListing,
  type PreflightListings,
} from '../core/preflight';
import type { AdatrapConfig } from '../core/config';
import { executableKeys } from '../core/inputs';
import { errorMessage } from '../core/errors';
import { bucketError } from './awsErrors';
import type { Storage } from './storage';
import { listZipObject } from './zipDirectory';

/** The longest prefix shared by every date, so one listing per daily bucket covers a whole range. */
export function sharedPrefix(dates: readonly string[]): string {
  if (dates.length === 0) return '';
  let prefix = dates[0] ?? '';
  for (const d of dates) {
    let i = 0;
    while (i < prefix.length && i < d.length && prefix[i] === d[i]) i++;
    prefix = prefix.slice(0, i);
  }
  return prefix;
}

async function keysOf(storage: Storage, bucket: string, envKey: string, prefix?: string): Promise<string[]> {
  try {
    return (await storage.listAll(bucket, prefix)).map((o) => o.key);
  } catch (e) {
    throw bucketError(e, bucket, envKey);
  }
}

export async function gatherListings(
  storage: Storage,
  config: AdatrapConfig,
  dates: readonly string[],
): Promise<PreflightListings> {
  const buckets = preflightBuckets(config);
  const prefix = sharedPrefix(dates);
  const exe = executableKeys(config.executableVersion);
  const [gpsKeys, file196Keys, transactionKeys, poKeys, serviceDetailKeys, executableKeyList] = await Promise.all([
    keysOf(storage, buckets.gps, 'GPS_BUCKET_NAME', prefix),
    keysOf(storage, buckets.file196, 'FILE_196_BUCKET_NAME', prefix),
    keysOf(storage, buckets.transactions, 'TRANSACTION_BUCKET_NAME', prefix),
    keysOf(storage, buckets.opProgram, 'OP_PROGRAM_BUCKET_NAME'),
    keysOf(storage, buckets.serviceDetail, 'SERVICE_DETAIL_BUCKET_NAME'),
    keysOf(storage, buckets.executables, 'EXECUTABLES_BUCKET', sharedPrefix([exe.exe, exe.par])),
  ]);
  let parTemplate: string | undefined;
  if (executableKeyList.includes(exe.par)) {
    try {
      parTemplate = (await storage.getBytes(buckets.executables, exe.par)).toString('utf8');
    } catch (e) {
      throw bucketError(e, buckets.executables, 'EXECUTABLES_BUCKET');
    }
  }
  const poZips: Record<string, PoZipListing> = {};
  await Promise.all(
    poKeysNeeded(dates, poKeys).map(async (key) => {
      try {
        const entries = await listZipObject(storage, buckets.opProgram, key);
        poZips[key] = { entries: entries.map((e) => e.name) };
      } catch (e) {
        poZips[key] = { error: errorMessage(e) };
      }
    }),
  );
  const listings: PreflightListings = {
    buckets,
    executableVersion: config.executableVersion,
    gpsKeys,
    file196Keys,
    transactionKeys,
    poKeys,
    serviceDetailKeys,
    executableKeys: executableKeyList,
    poZips,
  };
  if (parTemplate !== undefined) listings.parTemplate = parTemplate;
  return listings;
}

/** Readiness of each date, in order. */
export async function checkDates(
  storage: Storage,
  config: AdatrapConfig,
  dates: readonly string[],
): Promise<DateReadiness[]> {
  return assessRange(dates, await gatherListings(storage, config, dates));
}
