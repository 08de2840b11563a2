// The AWS adapters a command needs, made from the validated configuration and closed when the command ends.
import type { AdatrapConfig } from '../core/config';
import { lazyMembers } from '../core/lazyMembers';
import { createClients, type AwsClients } from '../aws/clients';
import { createBatches, type Batches } from '../aws/batches';
import { Ec2KeyPairs, type KeyPairs } from '../aws/keyPairs';
import { CloudWatchLogs, type Logs } from '../aws/logs';
import { AwsPrices, type Prices } from '../aws/prices';
import { Ec2Runs, type Runs } from '../aws/runs';
import { S3Storage, type Storage } from '../aws/storage';

export interface AwsContext {
  config: AdatrapConfig;
  clients: AwsClients;
  storage: Storage;
  runs: Runs;
  logs: Logs;
  keyPairs: KeyPairs;
  /** Executions of the batch workflow (STATE_MACHINE_ARN, else the stack's output; resolved on first use). */
  batches: Batches;
  /** On-demand, Spot and gp3 prices, cached for the command. */
  prices: Prices;
}

export async function withAws<T>(config: AdatrapConfig, fn: (aws: AwsContext) => Promise<T>): Promise<T> {
  const clients = createClients(config);
  try {
    // Made on first use: touching a client loads its SDK package (src/aws/sdk.ts), so a command pays only for
    // the services it calls (get-log-stream never loads EC2 or S3; bench: tens of MB and most of the start-up).
    return await fn(
      lazyMembers<AwsContext>({
        config: () => config,
        clients: () => clients,
        storage: () => new S3Storage(clients.s3),
        runs: () => new Ec2Runs(clients.ec2),
        logs: () => new CloudWatchLogs(clients.logs),
        keyPairs: () => new Ec2KeyPairs(clients.ec2),
        batches: () => createBatches(clients, config),
        prices: () => new AwsPrices(clients.pricing, clients.ec2),
      }),
    );
  } finally {
    // Keep-alive sockets would otherwise hold the process open after the answer is printed.
    clients.destroy();
  }
}
