// The agent's input stage on one object, through its real function: HeadObject, GetObject streamed through
// gunzip to a file (agent/transfer.ts fetchObject), with the same clients the agent builds.
import { createClients } from '../../src/aws/clients';
import { S3Storage } from '../../src/aws/storage';
import { fetchObject } from '../../agent/transfer';
import { Reasons } from '../../agent/runFailure';
import { args, reportResult } from '../childReport';

async function main(): Promise<void> {
  const { endpoint, bucket, key, out } = args(['endpoint', 'bucket', 'key', 'out']);
  const clients = createClients({
    region: 'us-east-1',
    accessKeyId: process.env.AWS_ACCESS_KEY_ID,
    secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY,
    endpoints: { default: endpoint },
  });
  const started = process.hrtime.bigint();
  const got = await fetchObject(new S3Storage(clients.s3), new Reasons('en'), bucket, key, out, { gunzip: true });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  clients.destroy();
  reportResult({ ms, size: got.size });
}

void main();
