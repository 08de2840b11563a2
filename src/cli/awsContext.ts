// The AWS adapters a command needs, made from the validated configuration and closed when the command ends.
import type { AdatrapConfig } from '../core/config';
import { createClients, type AwsClients } from '../aws/clients';
import { Ec2KeyPairs, type KeyPairs } from '../aws/keyPairs';
import { CloudWatchLogs, type Logs } from '../aws/logs';
import { Ec2Runs, type Runs } from '../aws/runs';
import { S3Storage, type Storage } from '../aws/storage';

export interface AwsContext {
  config: AdatrapConfig;
  clients: AwsClients;
  storage: Storage;
  runs: Runs;
  logs: Logs;
  keyPairs: KeyPairs;
}

export async function withAws<T>(config: AdatrapConfig, fn: (aws: AwsContext) => Promise<T>): Promise<T> {
  const clients = createClients(config);
  try {
    return await fn({
      config,
      clients,
      storage: new S3Storage(clients.s3),
      runs: new Ec2Runs(clients.ec2),
      logs: new CloudWatchLogs(clients.logs),
      keyPairs: new Ec2KeyPairs(clients.ec2),
    });
  } finally {
    // Keep-alive sockets would otherwise hold the process open after the answer is printed.
    clients.destroy();
  }
}
