// dist/aws-tools-standin.js: what the sandbox's stand-ins for the AWS Tools for PowerShell cmdlets call
// (Read-S3Object, New-EC2Tag, Write-CWLLogEvent, Get-EC2InstanceMetadata; see powershellMachine.ts). One
// operation per process, arguments as base64 JSON, signed SDK requests to the sandbox with the credentials
// standing for the instance profile. Failures go to stderr with exit code 1, which the stand-in turns into a
// terminating error, as the real cmdlet throws.
import { createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createClients } from '../../aws/clients';
import { ec2Sdk } from '../../aws/ec2Sdk';
import { logsSdk, s3Sdk } from '../../aws/sdk';
import { errorMessage } from '../../core/errors';

type Args = Record<string, unknown>;

const str = (args: Args, key: string): string => {
  const v = args[key];
  if (typeof v !== 'string' || !v) throw new Error(`missing -${key}`);
  return v;
};

async function main(op: string, args: Args): Promise<string> {
  const region = typeof args.region === 'string' && args.region ? args.region : (process.env.AWS_REGION ?? 'us-east-1');
  const clients = createClients({
    region,
    accessKeyId: process.env.AWS_ACCESS_KEY_ID,
    secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY,
    endpoints: { default: process.env.AWS_ENDPOINT_URL },
  });
  try {
    switch (op) {
      case 's3-get': {
        const out = await clients.s3.send(
          new (s3Sdk().GetObjectCommand)({ Bucket: str(args, 'bucket'), Key: str(args, 'key') }),
        );
        await pipeline(out.Body as Readable, createWriteStream(str(args, 'file')));
        return '';
      }
      case 'ec2-tag': {
        const tags = (args.tags as Array<{ Key: string; Value: string }>) ?? [];
        await clients.ec2.send(new (ec2Sdk().CreateTagsCommand)({ Resources: args.resources as string[], Tags: tags }));
        return '';
      }
      case 'logs-put': {
        const events = (args.events as Array<{ message: string; timestamp: number }>) ?? [];
        await clients.logs.send(
          new (logsSdk().PutLogEventsCommand)({
            logGroupName: str(args, 'logGroupName'),
            logStreamName: str(args, 'logStreamName'),
            logEvents: events,
          }),
        );
        return '';
      }
      case 'instance-id':
        return await instanceId();
      default:
        throw new Error(`unknown operation ${op}`);
    }
  } finally {
    clients.destroy();
  }
}

/** IMDSv2 (token PUT first) when the sandbox serves metadata for this machine, else the id it was started with. */
async function instanceId(): Promise<string> {
  const endpoint = process.env.AWS_EC2_METADATA_SERVICE_ENDPOINT;
  if (!endpoint) return str({ id: process.env.ADATRAP_INSTANCE_ID }, 'id');
  const base = endpoint.replace(/\/$/, '');
  const token = await (
    await fetch(`${base}/latest/api/token`, {
      method: 'PUT',
      headers: { 'x-aws-ec2-metadata-token-ttl-seconds': '60' },
    })
  ).text();
  const res = await fetch(`${base}/latest/meta-data/instance-id`, { headers: { 'x-aws-ec2-metadata-token': token } });
  if (!res.ok) throw new Error(`instance metadata: HTTP ${res.status}`);
  return res.text();
}

const [op = '', encoded = 'e30='] = process.argv.slice(2);
main(op, JSON.parse(Buffer.from(encoded, 'base64').toString('utf8')) as Args).then(
  (out) => {
    if (out) process.stdout.write(out);
  },
  (e: unknown) => {
    const name = (e as { name?: string }).name;
    process.stderr.write(`${name && name !== 'Error' ? `${name}: ` : ''}${errorMessage(e)}\n`);
    process.exitCode = 1;
  },
);
