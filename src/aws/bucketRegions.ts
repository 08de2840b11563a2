// Data buckets kept in another region than the machines: every run then moves its inputs and results across
// regions, which AWS bills per GB ("Amazon EC2 pricing", data transfer between regions) and which is slower.
// Worth one warning per bucket before a launch, in check-inputs and in Test Connection; never an error.
import { BUCKET_ROLES, type BucketSetting } from '../core/bucketRoles';
import type { AdatrapConfig } from '../core/config';
import { t } from '../core/i18n';
import type { Storage } from './storage';

interface CrossRegionBucket {
  bucket: string;
  envKey: string;
  bucketRegion: string;
  region: string;
}

/** The configured buckets outside REGION_NAME, each once; a bucket whose region cannot be read is left out. */
async function crossRegionBuckets(
  storage: Storage,
  config: Pick<AdatrapConfig, 'region' | BucketSetting>,
): Promise<CrossRegionBucket[]> {
  const lookup = storage.bucketRegion?.bind(storage);
  if (!lookup) return [];
  const seen = new Map<string, string>();
  for (const b of BUCKET_ROLES) if (!seen.has(config[b.setting])) seen.set(config[b.setting], b.envKey);
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
