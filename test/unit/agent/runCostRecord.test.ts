// The cost the agent writes into D.manifest.json: its own candidate's price (IMDS market and type) × launch to
// the manifest, per second with a 60 s minimum, plus the root volume.
import * as assert from 'node:assert/strict';
import { recordCost } from '../../../agent/runCostRecord';
import type { RunMachine } from '../../../agent/manifest';
import type { RunPricing } from '../../../src/core/launchPrice';
import { spotThenOnDemand } from '../../helpers/runPricing';

const pricing: RunPricing = spotThenOnDemand({ spotUsdPerHour: 0.15, rootVolumeGb: 73, gp3UsdPerGbMonth: 0.08 });
const machine: RunMachine = {
  instanceType: 'm5.xlarge',
  market: 'spot',
  availabilityZone: 'us-east-1a',
  launchedAt: '2020-06-29T03:00:00.000Z',
  endedAt: '2020-06-29T05:30:00.400Z',
};

describe('agent run cost record', () => {
  it("prices the run at its own candidate's price, per second, with the root volume", () => {
    const { machine: m, cost } = recordCost(machine, pricing);
    assert.deepEqual(m.price, { market: 'spot', usdPerHour: 0.15, source: 'launch' });
    // 2 h 30 min 0.4 s bills 9001 s; volume 73 GB × 0.08 / 730 per hour.
    const hours = 9001 / 3600;
    assert.equal(cost?.billedHours, hours);
    assert.ok(Math.abs((cost?.usd ?? 0) - (hours * 0.15 + (hours * 73 * 0.08) / 730)) < 1e-12, String(cost?.usd));
    const onDemand = recordCost({ ...machine, market: 'on-demand' }, pricing);
    assert.equal(onDemand.machine.price?.usdPerHour, 0.384);
  });

  it('bills at least 60 seconds, and leaves the volume out when its price is unknown', () => {
    const short = recordCost(
      { ...machine, endedAt: '2020-06-29T03:00:10.000Z' },
      { ...pricing, gp3UsdPerGbMonth: undefined },
    );
    assert.equal(short.cost?.billedHours, 60 / 3600);
    assert.equal(short.cost?.usd, (60 / 3600) * 0.15);
  });

  it('records no price for a machine no candidate matches, and no cost without a launch time', () => {
    assert.deepEqual(recordCost({ ...machine, instanceType: 'm5a.xlarge' }, pricing), {
      machine: { ...machine, instanceType: 'm5a.xlarge' },
    });
    assert.deepEqual(recordCost(machine, undefined), { machine });
    const noLaunch = { ...machine };
    delete noLaunch.launchedAt;
    const r = recordCost(noLaunch, pricing);
    assert.equal(r.machine.price?.usdPerHour, 0.15);
    assert.equal(r.cost, undefined);
  });
});
