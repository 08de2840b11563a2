// Spot in the sandbox: market options validated as EC2 does, capacity refusals and interruptions as faults,
// each machine's IMDSv2 with the interruption notice, and the Spot price history.
import * as assert from 'node:assert/strict';
import {
  DescribeInstancesCommand,
  DescribeSpotPriceHistoryCommand,
  type RunInstancesCommandInput,
} from '@aws-sdk/client-ec2';
import { startSandbox, type InstanceLaunch, type Sandbox } from '../../../src/sandbox';
import { idleLauncher } from '../../../src/sandbox/instanceLauncher';
import { clientsFor, launchedId, runOne, type SandboxClients } from './clients';

const spot = {
  MarketType: 'spot',
  SpotOptions: { SpotInstanceType: 'one-time', InstanceInterruptionBehavior: 'terminate' },
} as const;

describe('sandbox Spot Instances, IMDS and Spot prices', function () {
  this.timeout(30_000);
  let sandbox: Sandbox;
  let aws: SandboxClients;
  const launches = new Map<string, InstanceLaunch>();

  before(async () => {
    sandbox = await startSandbox({
      seed: false,
      msPerSecond: 5,
      timings: { pendingMs: 20, shuttingDownMs: 20 },
      launcher: {
        start: (launch) => {
          launches.set(launch.instanceId, launch);
          return idleLauncher.start(launch);
        },
      },
    });
    aws = clientsFor(sandbox);
  });
  after(async () => {
    aws.destroy();
    await sandbox.close();
  });
  afterEach(() => sandbox.faults.clear());

  const run = (extra: Partial<RunInstancesCommandInput> = {}): Promise<string> => launchedId(runOne(aws.ec2, extra));

  async function describe1(id: string) {
    const r = await aws.ec2.send(new DescribeInstancesCommand({ InstanceIds: [id] }));
    return r.Reservations?.[0]?.Instances?.[0];
  }

  async function waitFor(check: () => boolean | Promise<boolean>, what: string): Promise<void> {
    const started = Date.now();
    while (!(await check())) {
      if (Date.now() - started > 10_000) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  it('records the market: InstanceLifecycle spot, filterable by instance-lifecycle', async () => {
    const spotId = await run({ InstanceMarketOptions: spot });
    const odId = await run();
    assert.equal((await describe1(spotId))?.InstanceLifecycle, 'spot');
    assert.match((await describe1(spotId))?.SpotInstanceRequestId ?? '', /^sir-/);
    assert.equal((await describe1(odId))?.InstanceLifecycle, undefined);
    const filtered = await aws.ec2.send(
      new DescribeInstancesCommand({ Filters: [{ Name: 'instance-lifecycle', Values: ['spot'] }] }),
    );
    const ids = (filtered.Reservations ?? []).flatMap((r) => r.Instances ?? []).map((i) => i.InstanceId);
    assert.ok(ids.includes(spotId) && !ids.includes(odId));
  });

  it('refuses market options EC2 refuses', async () => {
    await assert.rejects(
      run({
        InstanceMarketOptions: {
          MarketType: 'spot',
          SpotOptions: { SpotInstanceType: 'persistent', InstanceInterruptionBehavior: 'terminate' },
        },
      }),
      (e: Error) => e.name === 'InvalidParameterCombination',
    );
    await assert.rejects(
      run({ InstanceMarketOptions: { MarketType: 'spot', SpotOptions: { MaxPrice: '0.0005' } } }),
      (e: Error) => e.name === 'InvalidParameterValue',
    );
    await assert.rejects(
      run({ InstanceMarketOptions: { MarketType: 'spot', SpotOptions: { MaxPrice: '0.002' } } }),
      (e: Error) => e.name === 'SpotMaxPriceTooLow',
    );
  });

  it('a capacity fault refuses only the market and type it names', async () => {
    sandbox.faults.add({ service: 'ec2', kind: 'capacity', market: 'spot', instanceType: 't3.large', count: 1 });
    await assert.rejects(run({ InstanceMarketOptions: spot }), (e: Error) => e.name === 'InsufficientInstanceCapacity');
    assert.ok(await run(), 'on-demand still launches');
    assert.ok(await run({ InstanceMarketOptions: spot }), 'count 1: the next Spot launch passes');
  });

  it('interrupts a Spot machine: IMDS notice first, terminated with Server.SpotInstanceTermination after it', async () => {
    sandbox.faults.add({ service: 'ec2', kind: 'interrupt', date: '2020-07-01', noticeMs: 400 });
    const id = await run({
      InstanceMarketOptions: spot,
      TagSpecifications: [{ ResourceType: 'instance', Tags: [{ Key: 'adatrap:date', Value: '2020-07-01' }] }],
    });
    await waitFor(() => launches.has(id), 'the machine to run');
    const imds = launches.get(id)?.imdsEndpoint ?? '';
    assert.match(imds, /^http:\/\/127\.0\.0\.1:\d+\/$/);
    assert.equal((await fetch(`${imds}latest/meta-data/instance-id`)).status, 401, 'IMDSv2: a token is required');
    const token = await (
      await fetch(`${imds}latest/api/token`, {
        method: 'PUT',
        headers: { 'X-aws-ec2-metadata-token-ttl-seconds': '60' },
      })
    ).text();
    const get = (path: string) =>
      fetch(`${imds}latest/meta-data/${path}`, { headers: { 'X-aws-ec2-metadata-token': token } });
    assert.equal(await (await get('instance-id')).text(), id);
    assert.equal(await (await get('instance-life-cycle')).text(), 'spot');
    const notice = await get('spot/instance-action');
    assert.equal(notice.status, 200);
    const body = (await notice.json()) as { action: string; time: string };
    assert.equal(body.action, 'terminate');
    assert.match(body.time, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    assert.equal((await describe1(id))?.State?.Name, 'running', 'still running during the notice');
    await waitFor(async () => (await describe1(id))?.State?.Name === 'terminated', 'the interruption');
    assert.equal((await describe1(id))?.StateReason?.Code, 'Server.SpotInstanceTermination');
  });

  it('an on-demand machine has no notice and cannot be interrupted', async () => {
    const id = await run();
    await waitFor(() => launches.has(id), 'the machine to run');
    const imds = launches.get(id)?.imdsEndpoint ?? '';
    const token = await (
      await fetch(`${imds}latest/api/token`, {
        method: 'PUT',
        headers: { 'X-aws-ec2-metadata-token-ttl-seconds': '60' },
      })
    ).text();
    const r = await fetch(`${imds}latest/meta-data/spot/instance-action`, {
      headers: { 'X-aws-ec2-metadata-token': token },
    });
    assert.equal(r.status, 404);
    assert.throws(() => sandbox.ec2.interrupt(id));
  });

  it('DescribeSpotPriceHistory answers Windows prices, the one in effect at StartTime first, paged', async () => {
    const now = new Date();
    const r = await aws.ec2.send(
      new DescribeSpotPriceHistoryCommand({
        InstanceTypes: ['t3.large'],
        ProductDescriptions: ['Windows'],
        StartTime: now,
      }),
    );
    const rows = r.SpotPriceHistory ?? [];
    assert.equal(rows.length, 3, 'one per availability zone');
    for (const row of rows) {
      assert.equal(row.ProductDescription, 'Windows');
      const price = Number(row.SpotPrice);
      assert.ok(price > 0.1108 * 0.35 && price < 0.1108 * 0.45, `${price} is about 40 % of on-demand`);
      assert.ok((row.Timestamp?.getTime() ?? Infinity) <= now.getTime());
    }
    const day = await aws.ec2.send(
      new DescribeSpotPriceHistoryCommand({
        InstanceTypes: ['t3.large'],
        ProductDescriptions: ['Windows'],
        AvailabilityZone: 'us-east-1a',
        StartTime: new Date(now.getTime() - 48 * 3600 * 1000),
        EndTime: now,
        MaxResults: 5,
      }),
    );
    assert.equal(day.SpotPriceHistory?.length, 5);
    assert.ok(day.NextToken);
    await assert.rejects(
      aws.ec2.send(new DescribeSpotPriceHistoryCommand({ ProductDescriptions: ['BeOS'] })),
      (e: Error) => e.name === 'InvalidParameterValue',
    );
  });
});
