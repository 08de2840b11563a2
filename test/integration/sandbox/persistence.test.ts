import * as assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { CreateLogStreamCommand, GetLogEventsCommand, PutLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import {
  CreateKeyPairCommand,
  DescribeInstancesCommand,
  DescribeKeyPairsCommand,
  RunInstancesCommand,
} from '@aws-sdk/client-ec2';
import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { startSandbox } from '../../../src/sandbox';
import { clientsFor } from './clients';

describe('sandbox with a kept data folder', function () {
  this.timeout(30_000);
  let dir: string;

  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'sandbox-kept-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('keeps objects, logs, key pairs and machines across a restart, and does not re-seed over user changes', async () => {
    const first = await startSandbox({ dataDir: dir, timings: { pendingMs: 20 } });
    assert.equal(first.seeded, true);
    let c = clientsFor(first);
    const version = first.env.EXECUTABLE_VERSION as string;
    await c.s3.send(
      new PutObjectCommand({
        Bucket: first.env.EXECUTABLES_BUCKET,
        Key: `pvmtsc_v${version}.par`,
        Body: 'my own template',
      }),
    );
    await c.logs.send(new CreateLogStreamCommand({ logGroupName: first.env.LOG_GROUP, logStreamName: 'i-kept' }));
    await c.logs.send(
      new PutLogEventsCommand({
        logGroupName: first.env.LOG_GROUP,
        logStreamName: 'i-kept',
        logEvents: [
          { timestamp: 1_600_000_000_000, message: 'uno' },
          { timestamp: 1_600_000_000_001, message: 'dos' },
        ],
      }),
    );
    await c.ec2.send(new CreateKeyPairCommand({ KeyName: 'kept-key' }));
    const run = await c.ec2.send(
      new RunInstancesCommand({
        ImageId: first.env.AMI_ID,
        MinCount: 1,
        MaxCount: 1,
        TagSpecifications: [{ ResourceType: 'instance', Tags: [{ Key: 'adatrap:date', Value: '2020-06-30' }] }],
      }),
    );
    const id = run.Instances?.[0]?.InstanceId ?? '';
    await new Promise((r) => setTimeout(r, 100));
    c.destroy();
    await first.close();

    const second = await startSandbox({ dataDir: dir });
    c = clientsFor(second);
    try {
      assert.equal(second.seeded, false);
      const template = await c.s3.send(
        new GetObjectCommand({ Bucket: second.env.EXECUTABLES_BUCKET, Key: `pvmtsc_v${version}.par` }),
      );
      assert.equal(await template.Body?.transformToString(), 'my own template');
      const events = await c.logs.send(
        new GetLogEventsCommand({ logGroupName: second.env.LOG_GROUP, logStreamName: 'i-kept', startFromHead: true }),
      );
      assert.deepEqual(
        events.events?.map((e) => e.message),
        ['uno', 'dos'],
      );
      const pairs = await c.ec2.send(new DescribeKeyPairsCommand({ KeyNames: ['kept-key'] }));
      assert.equal(pairs.KeyPairs?.length, 1);
      const instance = (await c.ec2.send(new DescribeInstancesCommand({ InstanceIds: [id] }))).Reservations?.[0]
        ?.Instances?.[0];
      assert.equal(instance?.State?.Name, 'terminated', 'its process died with the sandbox');
      assert.equal(instance?.Tags?.find((t) => t.Key === 'adatrap:date')?.Value, '2020-06-30');
    } finally {
      c.destroy();
      await second.close();
    }
  });
});
