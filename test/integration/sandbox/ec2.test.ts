import * as assert from 'node:assert/strict';
import { createPrivateKey } from 'node:crypto';
import {
  CreateKeyPairCommand,
  CreateTagsCommand,
  DeleteKeyPairCommand,
  DescribeImagesCommand,
  DescribeInstanceAttributeCommand,
  DescribeInstancesCommand,
  DescribeKeyPairsCommand,
  DescribeRegionsCommand,
  DescribeTagsCommand,
  TerminateInstancesCommand,
  type RunInstancesCommandInput,
} from '@aws-sdk/client-ec2';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { startSandbox, type InstanceLaunch, type Sandbox } from '../../../src/sandbox';
import { clientsFor, errorName, instanceTags, launchedId, runOne, type SandboxClients } from './clients';

interface FakeRun {
  launch: InstanceLaunch;
  exit(code: number): void;
  stopped: boolean;
}

describe('sandbox EC2 and STS (real SDK v3 clients)', function () {
  this.timeout(20_000);
  let sandbox: Sandbox;
  let c: SandboxClients;
  const runs: FakeRun[] = [];

  before(async () => {
    sandbox = await startSandbox({
      timings: { pendingMs: 400, shuttingDownMs: 50 },
      launcher: {
        start(launch) {
          let exit: (code: number) => void = () => undefined;
          const exited = new Promise<{ code: number | null }>((resolve) => {
            exit = (code) => resolve({ code });
          });
          const run: FakeRun = { launch, exit: (code) => exit(code), stopped: false };
          runs.push(run);
          return {
            exited,
            stop: async () => {
              run.stopped = true;
            },
          };
        },
      },
    });
    c = clientsFor(sandbox);
  });
  after(async () => {
    c.destroy();
    await sandbox.close();
  });

  const launch = (date: string, extra: Partial<RunInstancesCommandInput> = {}): Promise<string> =>
    launchedId(
      runOne(c.ec2, {
        InstanceType: 'm5.xlarge',
        KeyName: sandbox.env.KEY_PAIR,
        UserData: Buffer.from(`run ${date}`).toString('base64'),
        InstanceInitiatedShutdownBehavior: 'terminate',
        IamInstanceProfile: { Name: sandbox.env.INSTANCE_PROFILE },
        MetadataOptions: { HttpTokens: 'required', HttpEndpoint: 'enabled' },
        Monitoring: { Enabled: true },
        TagSpecifications: instanceTags({ 'adatrap:date': date, Name: `adatrap ${date}` }),
        ...extra,
      }),
    );
  const describe1 = async (id: string) => {
    const r = await c.ec2.send(new DescribeInstancesCommand({ InstanceIds: [id] }));
    const instance = r.Reservations?.[0]?.Instances?.[0];
    assert.ok(instance);
    return instance;
  };
  const waitState = async (id: string, state: string): Promise<void> => {
    const deadline = Date.now() + 5000;
    while ((await describe1(id)).State?.Name !== state) {
      if (Date.now() > deadline) throw new Error(`${id} never reached ${state}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  };

  it('runs an instance through pending -> running, hands it to the launcher with decoded user data, tags and .env', async () => {
    const id = await launch('2020-06-30');
    const first = await describe1(id);
    assert.equal(first.State?.Name, 'pending');
    assert.equal(first.State?.Code, 0);
    assert.equal(first.KeyName, sandbox.env.KEY_PAIR);
    assert.equal(first.Monitoring?.State, 'enabled');
    assert.equal(first.MetadataOptions?.HttpTokens, 'required');
    assert.match(first.IamInstanceProfile?.Arn ?? '', /instance-profile\/adatrap-sandbox-agent$/);
    assert.ok(first.LaunchTime instanceof Date);
    await waitState(id, 'running');
    const run = runs.find((r) => r.launch.instanceId === id);
    assert.ok(run, 'the launcher was not called');
    assert.equal(run.launch.date, '2020-06-30');
    assert.equal(run.launch.userData, 'run 2020-06-30');
    assert.equal(run.launch.endpoint, sandbox.endpoint);
    assert.equal(run.launch.env.LOG_GROUP, sandbox.env.LOG_GROUP);
    const attr = await c.ec2.send(new DescribeInstanceAttributeCommand({ InstanceId: id, Attribute: 'userData' }));
    assert.equal(Buffer.from(attr.UserData?.Value ?? '', 'base64').toString(), 'run 2020-06-30');
    assert.equal(sandbox.state().instances.find((i) => i.instanceId === id)?.userData, 'run 2020-06-30');
  });

  it('shuts an instance down (terminate behaviour) when its launched work exits, keeping the exit code', async () => {
    const id = await launch('2020-07-01');
    await waitState(id, 'running');
    runs.find((r) => r.launch.instanceId === id)?.exit(0);
    await waitState(id, 'terminated');
    const instance = await describe1(id);
    assert.equal(instance.StateReason?.Code, 'Client.InstanceInitiatedShutdown');
    assert.equal(sandbox.state().instances.find((i) => i.instanceId === id)?.exitCode, 0);
  });

  it('terminates: shutting-down then terminated, and stops the launched work', async () => {
    const id = await launch('2020-06-29');
    await waitState(id, 'running');
    const r = await c.ec2.send(new TerminateInstancesCommand({ InstanceIds: [id] }));
    assert.equal(r.TerminatingInstances?.[0]?.PreviousState?.Name, 'running');
    assert.equal(r.TerminatingInstances?.[0]?.CurrentState?.Name, 'shutting-down');
    assert.equal(runs.find((x) => x.launch.instanceId === id)?.stopped, true);
    await waitState(id, 'terminated');
    assert.equal((await describe1(id)).StateReason?.Code, 'Client.UserInitiatedShutdown');
  });

  it('filters by tag, tag-key, state and id, and pages with MaxResults/NextToken', async () => {
    const ids = [await launch('2021-01-01'), await launch('2021-01-02'), await launch('2021-01-02')];
    await c.ec2.send(new CreateTagsCommand({ Resources: [ids[0] as string], Tags: [{ Key: 'team', Value: 'dtpm' }] }));
    const byDate = await c.ec2.send(
      new DescribeInstancesCommand({ Filters: [{ Name: 'tag:adatrap:date', Values: ['2021-01-02'] }] }),
    );
    const dateIds = byDate.Reservations?.flatMap((r) => r.Instances ?? [])
      .map((i) => i.InstanceId)
      .sort();
    assert.deepEqual(dateIds, [ids[1], ids[2]].sort());
    const wildcard = await c.ec2.send(
      new DescribeInstancesCommand({
        Filters: [
          { Name: 'tag:adatrap:date', Values: ['2021-01-*'] },
          { Name: 'tag-key', Values: ['team'] },
        ],
      }),
    );
    assert.deepEqual(
      wildcard.Reservations?.flatMap((r) => r.Instances ?? []).map((i) => i.InstanceId),
      [ids[0]],
    );
    const byId = await c.ec2.send(
      new DescribeInstancesCommand({
        Filters: [
          { Name: 'instance-id', Values: [ids[2] as string] },
          { Name: 'instance-state-name', Values: ['pending', 'running'] },
        ],
      }),
    );
    assert.deepEqual(
      byId.Reservations?.flatMap((r) => r.Instances ?? []).map((i) => i.InstanceId),
      [ids[2]],
    );

    const seen: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const page = await c.ec2.send(new DescribeInstancesCommand({ MaxResults: 5, NextToken: token }));
      pages++;
      seen.push(...(page.Reservations ?? []).flatMap((r) => r.Instances ?? []).map((i) => i.InstanceId ?? ''));
      token = page.NextToken;
    } while (token);
    assert.equal(seen.length, sandbox.state().instances.length);
    assert.equal(new Set(seen).size, seen.length);
    assert.ok(pages >= 2);

    const tags = await c.ec2.send(
      new DescribeTagsCommand({
        Filters: [
          { Name: 'resource-id', Values: [ids[0] as string] },
          { Name: 'key', Values: ['team'] },
        ],
      }),
    );
    assert.deepEqual(
      tags.Tags?.map((t) => [t.Key, t.Value]),
      [['team', 'dtpm']],
    );
  });

  it('answers bad ids and bad launches with the AWS error codes', async () => {
    assert.equal(
      await errorName(c.ec2.send(new DescribeInstancesCommand({ InstanceIds: ['i-0123456789abcdef0'] }))),
      'InvalidInstanceID.NotFound',
    );
    assert.equal(
      await errorName(c.ec2.send(new TerminateInstancesCommand({ InstanceIds: ['not-an-id'] }))),
      'InvalidInstanceID.Malformed',
    );
    assert.equal(await errorName(launch('2021-02-01', { ImageId: 'ami-0123456789abcdef0' })), 'InvalidAMIID.NotFound');
    assert.equal(await errorName(launch('2021-02-01', { KeyName: 'no-such-key' })), 'InvalidKeyPair.NotFound');
    assert.equal(
      await errorName(launch('2021-02-01', { UserData: Buffer.alloc(16 * 1024 + 1, 65).toString('base64') })),
      'InvalidParameterValue',
    );
    assert.equal(await errorName(launch('2021-02-01', { DryRun: true })), 'DryRunOperation');
    assert.equal(
      await errorName(launch('2021-02-01', { IamInstanceProfile: { Name: 'misspelled-profile' } })),
      'InvalidParameterValue',
    );
    await launch('2021-02-01', {
      IamInstanceProfile: { Arn: `arn:aws:iam::123456789012:instance-profile/${sandbox.env.INSTANCE_PROFILE}` },
    });
  });

  it('creates a real RSA key pair once; the second create is InvalidKeyPair.Duplicate', async () => {
    const created = await c.ec2.send(new CreateKeyPairCommand({ KeyName: 'ec2-keypair', KeyType: 'rsa' }));
    assert.match(created.KeyMaterial ?? '', /^-----BEGIN RSA PRIVATE KEY-----/);
    const key = createPrivateKey(created.KeyMaterial ?? '');
    assert.equal(key.asymmetricKeyType, 'rsa');
    assert.equal(
      await errorName(c.ec2.send(new CreateKeyPairCommand({ KeyName: 'ec2-keypair' }))),
      'InvalidKeyPair.Duplicate',
    );
    const described = await c.ec2.send(new DescribeKeyPairsCommand({ KeyNames: ['ec2-keypair'] }));
    assert.equal(described.KeyPairs?.[0]?.KeyFingerprint, created.KeyFingerprint);
    await c.ec2.send(new DeleteKeyPairCommand({ KeyName: 'ec2-keypair' }));
    assert.equal(
      await errorName(c.ec2.send(new DescribeKeyPairsCommand({ KeyNames: ['ec2-keypair'] }))),
      'InvalidKeyPair.NotFound',
    );
  });

  it('describes the seeded image and the regions; STS says who the caller is', async () => {
    const images = await c.ec2.send(new DescribeImagesCommand({ ImageIds: [sandbox.env.AMI_ID as string] }));
    assert.equal(images.Images?.[0]?.Platform, 'windows');
    assert.equal(images.Images?.[0]?.State, 'available');
    const regions = await c.ec2.send(new DescribeRegionsCommand({}));
    assert.ok(regions.Regions?.some((r) => r.RegionName === 'us-east-1'));
    const me = await c.sts.send(new GetCallerIdentityCommand({}));
    assert.equal(me.Account, '123456789012');
    assert.match(me.Arn ?? '', /^arn:aws:iam::123456789012:user\//);
  });
});
