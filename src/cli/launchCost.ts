// The cost estimate a launch shows before it starts (stderr, so stdout stays the list of launched ids).
// It never blocks the launch: an estimate that takes too long or fails says so in one line.
import { estimateLines } from '../core/costEstimate';
import { errorMessage } from '../core/errors';
import { t } from '../core/i18n';
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

export async function printLaunchEstimate(aws: AwsContext, machines: number): Promise<void> {
  process.stderr.write(`${await launchEstimateText(aws, machines)}\n`);
}
