// The sandbox's subnets are its default VPC's, one per zone, as a new AWS account has them: RunInstances launches
// into the zone of the subnet it names and refuses one that does not exist, as EC2 does; DescribeSubnets is how the
// launch price finds SUBNET_ID's zone (src/aws/prices.ts subnetZone).
import * as assert from 'node:assert/strict';
import { DescribeInstancesCommand, DescribeSubnetsCommand, type RunInstancesCommandInput } from '@aws-sdk/client-ec2';
import { PricingClient } from '@aws-sdk/client-pricing';
import { AwsPrices } from '../../../src/aws/prices';
import { startSandbox, type Sandbox } from '../../../src/sandbox';
import { idleLauncher } from '../../../src/sandbox/instanceLauncher';
import { clientsFor, errorName, runOne, sandboxClientConfig, type SandboxClients } from './clients';

describe('sandbox subnets (real SDK v3 clients)', function () {
  this.timeout(20_000);
  let sandbox: Sandbox;
  let aws: SandboxClients;

  before(async () => {
    sandbox = await startSandbox({ launcher: idleLauncher });
    aws = clientsFor(sandbox);
  });
  after(async () => {
    aws.destroy();
    await sandbox.close();
  });

  const subnets = async (input: ConstructorParameters<typeof DescribeSubnetsCommand>[0] = {}) =>
    (await aws.ec2.send(new DescribeSubnetsCommand(input))).Subnets ?? [];
  const run = (extra: Partial<RunInstancesCommandInput>) => runOne(aws.ec2, extra);

  it('lists one default subnet per zone of the default VPC, and filters them', async () => {
    const all = await subnets();
    assert.deepEqual(
      all.map((s) => s.AvailabilityZone),
      ['us-east-1a', 'us-east-1b', 'us-east-1c'],
    );
    for (const s of all) {
      assert.match(s.SubnetId ?? '', /^subnet-[0-9a-f]{17}$/);
      assert.equal(s.DefaultForAz, true);
      assert.equal(s.State, 'available');
    }
    const inB = await subnets({ Filters: [{ Name: 'availability-zone', Values: ['us-east-1b'] }] });
    assert.deepEqual(
      inB.map((s) => s.SubnetId),
      [all[1]?.SubnetId],
    );
    assert.equal(
      await errorName(subnets({ Filters: [{ Name: 'colour', Values: ['blue'] }] })),
      'InvalidParameterValue',
    );
  });

  it('refuses a subnet id that is malformed or does not exist, in DescribeSubnets and RunInstances', async () => {
    assert.equal(await errorName(subnets({ SubnetIds: ['subnet-0123456789abcdef0'] })), 'InvalidSubnetID.NotFound');
    assert.equal(await errorName(subnets({ SubnetIds: ['subnet-xyz'] })), 'InvalidSubnetID.Malformed');
    assert.equal(await errorName(run({ SubnetId: 'subnet-0123456789abcdef0' })), 'InvalidSubnetID.NotFound');
    assert.equal(await errorName(run({ SubnetId: 'subnet-xyz' })), 'InvalidSubnetID.Malformed');
    const listed = await aws.ec2.send(new DescribeInstancesCommand({}));
    assert.equal(listed.Reservations?.length ?? 0, 0, 'nothing was launched');
  });

  it("launches into the named subnet's zone, and zone a's default subnet without one", async () => {
    const [inA, inC] = [(await subnets())[0], (await subnets())[2]];
    const named = (await run({ SubnetId: inC?.SubnetId })).Instances?.[0];
    assert.equal(named?.SubnetId, inC?.SubnetId);
    assert.equal(named?.Placement?.AvailabilityZone, 'us-east-1c');
    const unnamed = (await run({})).Instances?.[0];
    assert.equal(unnamed?.SubnetId, inA?.SubnetId);
    assert.equal(unnamed?.Placement?.AvailabilityZone, 'us-east-1a');
  });

  it("gives the price lookup SUBNET_ID's zone, and no zone for a subnet that does not exist", async () => {
    const pricing = new PricingClient(sandboxClientConfig(sandbox));
    try {
      const prices = new AwsPrices(pricing, aws.ec2);
      const inB = (await subnets())[1]?.SubnetId ?? '';
      assert.equal(await prices.subnetZone(inB), 'us-east-1b');
      assert.equal(await prices.subnetZone('subnet-0123456789abcdef0'), undefined);
    } finally {
      pricing.destroy();
    }
  });
});
