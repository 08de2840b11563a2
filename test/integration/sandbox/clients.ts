// Real SDK v3 clients pointed at a sandbox, configured as TESTING-OFFLINE.md says a custom endpoint needs.
import * as assert from 'node:assert/strict';
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import {
  EC2Client,
  RunInstancesCommand,
  type RunInstancesCommandInput,
  type RunInstancesCommandOutput,
  type Tag,
} from '@aws-sdk/client-ec2';
import { S3Client } from '@aws-sdk/client-s3';
import { STSClient } from '@aws-sdk/client-sts';
import type { Sandbox } from '../../../src/sandbox';
import { SANDBOX_AMI_ID } from '../../../src/sandbox/env';

process.env.AWS_EC2_METADATA_DISABLED = 'true';

export interface SandboxClients {
  s3: S3Client;
  ec2: EC2Client;
  logs: CloudWatchLogsClient;
  sts: STSClient;
  destroy(): void;
}

/** What every SDK client needs to reach a sandbox: its endpoint, its keys; no retries unless asked. */
export function sandboxClientConfig(
  sandbox: Pick<Sandbox, 'endpoint' | 'env'>,
  maxAttempts = 1,
): {
  region: string;
  endpoint: string;
  credentials: { accessKeyId: string; secretAccessKey: string };
  maxAttempts: number;
} {
  return {
    region: 'us-east-1',
    endpoint: sandbox.endpoint,
    credentials: {
      accessKeyId: sandbox.env.AWS_ACCESS_KEY_ID ?? '',
      secretAccessKey: sandbox.env.AWS_SECRET_ACCESS_KEY ?? '',
    },
    maxAttempts,
  };
}

export function clientsFor(sandbox: Sandbox, maxAttempts = 1): SandboxClients {
  const common = sandboxClientConfig(sandbox, maxAttempts);
  const s3 = new S3Client({
    ...common,
    forcePathStyle: true,
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
  const ec2 = new EC2Client(common);
  const logs = new CloudWatchLogsClient({ ...common, disableHostPrefix: true });
  const sts = new STSClient(common);
  return {
    s3,
    ec2,
    logs,
    sts,
    destroy() {
      s3.destroy();
      ec2.destroy();
      logs.destroy();
      sts.destroy();
    },
  };
}

/** One machine of the sandbox's own image (RunInstances, one of a t3.large), with whatever else a test sets. */
export function runOne(
  ec2: EC2Client,
  extra: Partial<RunInstancesCommandInput> = {},
): Promise<RunInstancesCommandOutput> {
  return ec2.send(
    new RunInstancesCommand({ ImageId: SANDBOX_AMI_ID, InstanceType: 't3.large', MinCount: 1, MaxCount: 1, ...extra }),
  );
}

/** The AWS error name of a rejected SDK call, for `assert.equal(await errorName(p), 'NoSuchKey')`. */
export async function errorName(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    return e instanceof Error ? e.name : String(e);
  }
  return 'no error';
}

/** The machine a RunInstances answer (runOne's) started; fails the test when it names none. */
export async function launchedId(run: Promise<RunInstancesCommandOutput>): Promise<string> {
  const id = (await run).Instances?.[0]?.InstanceId;
  assert.ok(id, 'RunInstances answered without an instance id');
  return id;
}

/** RunInstances' TagSpecifications for tags on the machine itself. */
export function instanceTags(tags: Record<string, string>): RunInstancesCommandInput['TagSpecifications'] {
  return [{ ResourceType: 'instance', Tags: Object.entries(tags).map(([Key, Value]): Tag => ({ Key, Value })) }];
}
