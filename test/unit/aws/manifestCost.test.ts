// A run EC2 has forgotten is priced from the cost its agent recorded in D.manifest.json: no price lookup, the
// root volume it really had; a manifest without a sane record falls back to looking the price up.
import * as assert from 'node:assert/strict';
import { costFromManifest, costOfRun } from '../../../src/aws/runCosts';
import { costsOfMonthRuns, runOfManifest } from '../../../src/aws/monthCosts';
import type { Prices } from '../../../src/aws/prices';

const machine = {
  instanceType: 'm5.xlarge',
  market: 'spot',
  availabilityZone: 'us-east-1b',
  launchedAt: '2020-07-20T10:00:00.000Z',
  endedAt: '2020-07-20T13:30:00.000Z',
  price: { market: 'spot', usdPerHour: 0.15, source: 'launch' },
};
const manifest = (over: Record<string, unknown> = {}, machineOver: Record<string, unknown> = {}) =>
  JSON.stringify({ schema: 1, instanceId: 'i-0abc', machine: { ...machine, ...machineOver }, ...over });
const recorded = { cost: { billedHours: 3.5, usd: 0.6 } };

const noLookups: Prices = {
  onDemandHourly: () => Promise.reject(new Error('no lookup expected')),
  spotHourly: () => Promise.reject(new Error('no lookup expected')),
  gp3GbMonth: () => Promise.reject(new Error('no lookup expected')),
};

describe('cost from the manifest', () => {
  it('reads the recorded price and cost: machine part and root volume part', () => {
    const cost = costFromManifest(manifest(recorded));
    assert.deepEqual(cost && { ...cost, machineUsd: Math.round(cost.machineUsd * 1e9) / 1e9 }, {
      hours: 3.5,
      machineUsd: 0.525,
      volumeUsd: 0.6 - 3.5 * 0.15,
      usd: 0.6,
      market: 'spot',
      usdPerHour: 0.15,
      recorded: true,
      running: false,
    });
  });

  it('trusts nothing insane a machine wrote', () => {
    assert.equal(costFromManifest('not json'), undefined);
    assert.equal(costFromManifest(manifest()), undefined, 'no cost recorded (an older agent)');
    assert.equal(costFromManifest(manifest({ cost: { billedHours: 3.5, usd: -1 } })), undefined);
    assert.equal(costFromManifest(manifest({ cost: { billedHours: '3.5', usd: 0.6 } })), undefined);
    assert.equal(
      costFromManifest(manifest({ cost: { billedHours: 3.5, usd: 0.1 } })),
      undefined,
      'below hours × price',
    );
    assert.equal(costFromManifest(manifest(recorded, { price: { market: 'reserved', usdPerHour: 0.15 } })), undefined);
    assert.equal(costFromManifest(manifest(recorded, { price: { market: 'spot', usdPerHour: 5000 } })), undefined);
  });

  it('prices a forgotten run from its manifest without asking AWS, in the month total too', async () => {
    const run = runOfManifest('2020-07-01', manifest(recorded));
    assert.ok(run);
    assert.deepEqual(run.price, { market: 'spot', usdPerHour: 0.15 });
    const cost = await costOfRun(run, noLookups, { region: 'us-east-1' });
    assert.equal(cost?.usd, 0.6);
    assert.equal(cost?.recorded, true);
    const month = await costsOfMonthRuns('2020-07', [run], noLookups, { region: 'us-east-1' });
    assert.equal(month.get('i-0abc')?.usd, 0.6);
  });

  it('without a recorded cost, the forgotten run is still priced by looking its price up', async () => {
    const run = runOfManifest('2020-07-01', manifest({}, { price: undefined }));
    assert.ok(run && run.recordedCost === undefined && run.price === undefined);
    const asked: string[] = [];
    const prices: Prices = {
      onDemandHourly: () => Promise.resolve({ known: true, usd: 0.376 }),
      spotHourly: (_r, type, at, zone) => {
        asked.push(`${type}@${zone}@${at?.toISOString()}`);
        return Promise.resolve({ known: true, usd: 0.16 });
      },
      gp3GbMonth: () => Promise.resolve({ known: false, reason: 'x' }),
    };
    const cost = await costOfRun(run, prices, { region: 'us-east-1' });
    assert.equal(cost?.usdPerHour, 0.16);
    assert.equal(cost?.recorded, false);
    assert.deepEqual(asked, ['m5.xlarge@us-east-1b@2020-07-20T10:00:00.000Z']);
  });
});
