// The AWS adapters for one valid configuration. Recreated when the .env changes, so no command keeps using
// old credentials or endpoints.
import { createClients, type AwsClients } from '../aws/clients';
import { CloudWatchLogs, type Logs } from '../aws/logs';
import { S3Storage, type Storage } from '../aws/storage';
import type { AdatrapConfig } from '../core/config';

export interface AwsSession {
  readonly config: AdatrapConfig;
  readonly clients: AwsClients;
  readonly storage: Storage;
  readonly logs: Logs;
  dispose(): void;
}

export function createAwsSession(config: AdatrapConfig): AwsSession {
  const clients = createClients(config);
  return {
    config,
    clients,
    storage: new S3Storage(clients.s3),
    logs: new CloudWatchLogs(clients.logs),
    dispose: () => clients.destroy(),
  };
}
