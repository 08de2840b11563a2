// Baseline for the log export: GetLogEvents paging with the same SDK client the CLI uses, writing nothing.
import { GetLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { createClients } from '../../src/aws/clients';
import { args, reportResult } from '../childReport';

async function main(): Promise<void> {
  const { endpoint, group, stream } = args(['endpoint', 'group', 'stream']);
  const clients = createClients({
    region: 'us-east-1',
    accessKeyId: process.env.AWS_ACCESS_KEY_ID,
    secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY,
    endpoints: { default: endpoint },
  });
  let token: string | undefined;
  let events = 0;
  let pages = 0;
  // Bounded: a stream of N events needs N/1 pages at the very worst.
  for (let i = 0; i < 1_000_000; i++) {
    const page = await clients.logs.send(
      new GetLogEventsCommand({ logGroupName: group, logStreamName: stream, startFromHead: true, nextToken: token }),
    );
    pages++;
    events += page.events?.length ?? 0;
    if (!page.nextForwardToken || page.nextForwardToken === token) break;
    token = page.nextForwardToken;
  }
  clients.destroy();
  reportResult({ events, pages });
}

void main();
