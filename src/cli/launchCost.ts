// The cost estimate a launch shows before it starts (stderr, so stdout stays the list of launched ids).
// It never blocks the launch: an estimate that takes too long or fails says so in one line.
import { estimateLines } from '../core/costEstimate';
import { errorMessage } from '../core/errors';
import { t } from '../core/i18n';
import { crossRegionBuckets, crossRegionMessage } from '../aws/bucketRegions';
import { estimateLaunch } from '../aws/launchEstimate';
import type { AwsContext } from './awsContext';

/** An estimate that has not come in this time is not worth holding a launch for. */
export const ESTIMATE_TIMEOUT_MS = 20_000;

export async function launchEstimateText(aws: AwsContext, machines: number): Promise<string> {
  let timer: NodeJS.Timeout | undefined;
  try {
    const estimate = await Promise.race([
      estimateLaunch({ config: aws.config, prices: aws.prices, storage: aws.storage }, machines),
      new Promise<undefined>((resolve) => {
        timer = setTimeout(() => resolve(undefined), ESTIMATE_TIMEOUT_MS);
      }),
    ]);
    if (!estimate) return t('cost.estimate.timedOut');
    return estimateLines(estimate).join('\n');
  } catch (e) {
    return t('cost.estimate.failed', { reason: errorMessage(e) });
  } finally {
    clearTimeout(timer);
  }
}

/** One warning line per data bucket outside REGION_NAME; a lookup that fails warns nothing. */
export async function crossRegionWarnings(aws: AwsContext): Promise<string[]> {
  const buckets = await crossRegionBuckets(aws.storage, aws.config).catch(() => []);
  return buckets.map(crossRegionMessage);
}

export async function printCrossRegionWarnings(aws: AwsContext): Promise<void> {
  for (const line of await crossRegionWarnings(aws)) process.stderr.write(`${line}\n`);
}

/** What a launch shows before it starts (stderr): the estimate, then the cross-region warnings. */
export async function printLaunchEstimate(aws: AwsContext, machines: number): Promise<void> {
  const [estimate, warnings] = await Promise.all([launchEstimateText(aws, machines), crossRegionWarnings(aws)]);
  for (const line of [estimate, ...warnings]) process.stderr.write(`${line}\n`);
}
