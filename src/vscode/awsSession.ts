// The AWS adapters for one valid configuration. Recreated when the .env changes, so no command keeps using
// old credentials or endpoints.
import { createClients, type AwsClients } from '../aws/clients';
import { CloudWatchLogs, type Logs } from '../aws/logs';
import { AwsPrices, type Prices } from '../aws/prices';
import { S3Storage, type Storage } from '../aws/storage';
import type { AdatrapConfig } from '../core/config';

export interface AwsSession {
  readonly config: AdatrapConfig;
  readonly clients: AwsClients;
  readonly storage: Storage;
  readonly logs: Logs;
  /** Prices cached for as long as this configuration lasts. */
  readonly prices: Prices;
  dispose(): void;
}

export function createAwsSession(config: AdatrapConfig): AwsSession {
  const clients = createClients(config);
  let prices: Prices | undefined;
  return {
    config,
    clients,
    storage: new S3Storage(clients.s3),
    logs: new CloudWatchLogs(clients.logs),
    // A getter: the Pricing SDK package loads only when a price is first asked for.
    get prices() {
      return (prices ??= new AwsPrices(clients.pricing, clients.ec2));
    },
    dispose: () => clients.destroy(),
  };
}
