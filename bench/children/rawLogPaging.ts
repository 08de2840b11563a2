// Baseline for the log export: GetLogEvents paging with a bare Logs SDK client (configured as the CLI's
// client factory configures it for a custom endpoint), writing nothing and loading no other AWS client.
import { CloudWatchLogsClient, GetLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { args, reportResult } from '../childReport';

async function main(): Promise<void> {
  const { endpoint, group, stream } = args(['endpoint', 'group', 'stream']);
  const logs = new CloudWatchLogsClient({
    region: 'us-east-1',
    endpoint,
    disableHostPrefix: true,
    credentials: {
      accessKeyId: process.env.AWS_ACCESS_KEY_ID ?? '',
      secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY ?? '',
    },
  });
  let token: string | undefined;
  let events = 0;
  let pages = 0;
  // Bounded: a stream of N events needs N/1 pages at the very worst.
  for (let i = 0; i < 1_000_000; i++) {
    const page = await logs.send(
      new GetLogEventsCommand({ logGroupName: group, logStreamName: stream, startFromHead: true, nextToken: token }),
    );
    pages++;
    events += page.events?.length ?? 0;
    if (!page.nextForwardToken || page.nextForwardToken === token) break;
    token = page.nextForwardToken;
  }
  logs.destroy();
  reportResult({ events, pages });
}

void main();
