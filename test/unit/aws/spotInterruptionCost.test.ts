// EC2 User Guide, "Billing for interrupted Spot Instances": a Windows Spot Instance that Amazon EC2 interrupts in
// its first hour is not charged for instance usage (its EBS volume is); interrupted later, or ended by us, it is
// charged the seconds used. The interrupted machine wrote no manifest, so its cost comes from DescribeInstances.
import * as assert from 'node:assert/strict';
import type { Instance } from '@aws-sdk/client-ec2';
import type { Prices } from '../../../src/aws/prices';
import { costOfRun } from '../../../src/aws/runCosts';
import { toRunInfo } from '../../../src/aws/runs';
import { HOURS_PER_MONTH, runCostDetail } from '../../../src/core/costEstimate';
import { setLanguage } from '../../../src/core/i18n';

const LAUNCH = new Date('2020-07-20T10:00:00Z');
const GMT = (d: Date) => `${d.toISOString().slice(0, 19).replace('T', ' ')} GMT`;

/** A terminated Spot machine as DescribeInstances lists it, ended `minutes` after launch for `reason`. */
function endedSpot(minutes: number, reason: 'Server.SpotInstanceTermination' | 'Client.InstanceInitiatedShutdown') {
  const ended = new Date(LAUNCH.getTime() + minutes * 60_000);
  const instance: Instance = {
    InstanceId: 'i-0spot',
    InstanceType: 'm5.xlarge',
    InstanceLifecycle: 'spot',
    Placement: { AvailabilityZone: 'us-east-1b' },
    State: { Name: 'terminated', Code: 48 },
    LaunchTime: LAUNCH,
    StateReason: { Code: reason, Message: `${reason}: …` },
    StateTransitionReason: `Service initiated (${GMT(ended)})`,
    Tags: [
      { Key: 'adatrap:date', Value: '2020-07-01' },
      { Key: 'adatrap:price', Value: 'spot:0.150000' },
    ],
  };
  return toRunInfo(instance);
}

const prices: Prices = {
  onDemandHourly: () => Promise.reject(new Error('the recorded price is used')),
  spotHourly: () => Promise.reject(new Error('the recorded price is used')),
  gp3GbMonth: () => Promise.resolve({ known: true, usd: 0.08 }),
};
const settings = { region: 'us-east-1', rootVolumeGb: 73 };
const volumeUsd = (hours: number) => (hours * 73 * 0.08) / HOURS_PER_MONTH;

describe('cost of a Spot machine Amazon EC2 interrupted', () => {
  before(() => setLanguage('en'));

  it('charges only the root volume when EC2 interrupts it in its first hour', async () => {
    const run = endedSpot(40, 'Server.SpotInstanceTermination');
    assert.equal(run.spotInterrupted, true);
    const cost = await costOfRun(run, prices, settings);
    assert.ok(cost);
    assert.equal(cost.machineUsd, 0);
    assert.equal(cost.waived, true);
    assert.ok(Math.abs(cost.usd - volumeUsd(40 / 60)) < 1e-12, String(cost.usd));
    assert.match(runCostDetail(cost), /interrupted by Amazon EC2 in its first hour/);
  });

  it('charges the seconds used when EC2 interrupts it after its first hour', async () => {
    const cost = await costOfRun(endedSpot(61, 'Server.SpotInstanceTermination'), prices, settings);
    assert.ok(cost);
    assert.ok(Math.abs(cost.machineUsd - (61 / 60) * 0.15) < 1e-12, String(cost.machineUsd));
    assert.equal(cost.waived, undefined);
    assert.doesNotMatch(runCostDetail(cost), /interrupted/);
  });

  it('charges the seconds used when the machine ended itself in its first hour', async () => {
    const run = endedSpot(40, 'Client.InstanceInitiatedShutdown');
    assert.equal(run.spotInterrupted, undefined);
    const cost = await costOfRun(run, prices, settings);
    assert.ok(cost);
    assert.ok(Math.abs(cost.machineUsd - (40 / 60) * 0.15) < 1e-12, String(cost.machineUsd));
  });

  it('says it in Spanish too', async () => {
    const cost = await costOfRun(endedSpot(10, 'Server.SpotInstanceTermination'), prices, settings);
    assert.ok(cost);
    setLanguage('es');
    try {
      assert.match(runCostDetail(cost), /interrumpida por Amazon EC2 en su primera hora/);
    } finally {
      setLanguage('en');
    }
  });
});
