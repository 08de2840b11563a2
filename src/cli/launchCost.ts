// The cost estimate a launch shows before it starts (stderr, so stdout stays the list of launched ids), through
// the same estimateText and crossRegionWarnings as the extension's confirmation (src/aws). It never blocks the
// launch: an estimate that takes too long or fails says so in one line.
import { crossRegionWarnings } from '../aws/bucketRegions';
import { estimateText } from '../aws/launchEstimate';
import type { AwsContext } from './awsContext';

export async function printCrossRegionWarnings(aws: AwsContext): Promise<void> {
  for (const line of await crossRegionWarnings(aws.storage, aws.config)) process.stderr.write(`${line}\n`);
}

/** What a launch shows before it starts (stderr): the estimate, then the cross-region warnings. */
export async function printLaunchEstimate(aws: AwsContext, machines: number): Promise<void> {
  const [estimate, warnings] = await Promise.all([
    estimateText({ config: aws.config, prices: aws.prices, storage: aws.storage }, machines),
    crossRegionWarnings(aws.storage, aws.config),
  ]);
  for (const line of [...estimate, ...warnings]) process.stderr.write(`${line}\n`);
}
