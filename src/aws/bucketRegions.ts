// Data buckets kept in another region than the machines: every run then moves its inputs and results across
// regions, which AWS bills per GB ("Amazon EC2 pricing", data transfer between regions) and which is slower.
// Worth one warning per bucket before a launch, in check-inputs and in Test Connection; never an error.
import type { AdatrapConfig } from '../core/config';
import { t } from '../core/i18n';
import type { Storage } from './storage';

export interface CrossRegionBucket {
  bucket: string;
  envKey: string;
  bucketRegion: string;
  region: string;
}

type BucketSetting =
  | 'gpsBucket'
  | 'file196Bucket'
  | 'transactionBucket'
  | 'opProgramBucket'
  | 'serviceDetailBucket'
  | 'executablesBucket'
  | 'outputBucket';

export const DATA_BUCKETS: ReadonlyArray<{ setting: BucketSetting; envKey: string }> = [
  { setting: 'gpsBucket', envKey: 'GPS_BUCKET_NAME' },
  { setting: 'file196Bucket', envKey: 'FILE_196_BUCKET_NAME' },
  { setting: 'transactionBucket', envKey: 'TRANSACTION_BUCKET_NAME' },
  { setting: 'opProgramBucket', envKey: 'OP_PROGRAM_BUCKET_NAME' },
  { setting: 'serviceDetailBucket', envKey: 'SERVICE_DETAIL_BUCKET_NAME' },
  { setting: 'executablesBucket', envKey: 'EXECUTABLES_BUCKET' },
  { setting: 'outputBucket', envKey: 'OUTPUT_DATA_BUCKET_NAME' },
];

/** The configured buckets outside REGION_NAME, each once; a bucket whose region cannot be read is left out. */
export async function crossRegionBuckets(
  storage: Storage,
  config: Pick<AdatrapConfig, 'region' | BucketSetting>,
): Promise<CrossRegionBucket[]> {
  const lookup = storage.bucketRegion?.bind(storage);
  if (!lookup) return [];
  const seen = new Map<string, string>();
  for (const b of DATA_BUCKETS) if (!seen.has(config[b.setting])) seen.set(config[b.setting], b.envKey);
  const found = await Promise.all(
    [...seen].map(async ([bucket, envKey]) => {
      const bucketRegion = await lookup(bucket).catch(() => undefined);
      return bucketRegion && bucketRegion !== config.region
        ? { bucket, envKey, bucketRegion, region: config.region }
        : undefined;
    }),
  );
  return found.filter((b): b is CrossRegionBucket => b !== undefined);
}

export function crossRegionMessage(b: CrossRegionBucket): string {
  return t('cost.crossRegion', { ...b });
}

/** One warning line per data bucket outside REGION_NAME; a lookup that fails warns nothing. */
export async function crossRegionWarnings(
  storage: Storage,
  config: Pick<AdatrapConfig, 'region' | BucketSetting>,
): Promise<string[]> {
  const buckets = await crossRegionBuckets(storage, config).catch(() => []);
  return buckets.map(crossRegionMessage);
}
