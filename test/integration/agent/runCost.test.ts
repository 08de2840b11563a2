// Issue 12, cost: a machine launched through the product's launcher carries the price it was launched at (the
// `adatrap:price` tag, from the sandbox's Pricing API), and its agent writes the run's price and cost into
// D.manifest.json, from which the run is priced again once EC2 no longer lists it.
import * as assert from 'node:assert/strict';
import { launchDate, type LauncherDeps } from '../../../src/aws/launcher';
import { AwsPrices } from '../../../src/aws/prices';
import { costFromManifest } from '../../../src/aws/runCosts';
import { HOURS_PER_MONTH, PRICE_TAG } from '../../../src/core/costEstimate';
import { EBS_USD_PER_GB_MONTH, onDemandPrice } from '../../../src/sandbox/ec2/prices';
import { requireBuilt } from '../../helpers/cli';
import { agentLauncherDeps, startAgentSandbox, waitTerminated, type AgentSandbox } from './harness';

const DAY = '2020-06-29';

describe('run cost recorded at launch and in the manifest (launcher, sandbox, agent)', function () {
  this.timeout(90_000);
  let env: AgentSandbox;

  before(async () => {
    requireBuilt('agent.js', 'pvmtsc-sim.js');
    env = await startAgentSandbox();
  });
  after(async () => env?.close());

  const deps = (): LauncherDeps =>
    agentLauncherDeps(env, { prices: new AwsPrices(env.clients.pricing, env.clients.ec2) });

  it("tags the machine with its on-demand price and the manifest carries the run's price and cost", async () => {
    const launched = await launchDate(deps(), DAY, { force: true });
    const listPrice = onDemandPrice(env.config.instanceType, 'windows', env.config.region);
    assert.ok(listPrice, `the sandbox lists ${env.config.instanceType}`);
    const end = await waitTerminated(env, launched.instanceId);
    assert.equal(end.tags[PRICE_TAG], `on-demand:${listPrice.toFixed(6)}`);

    const manifest = JSON.parse(
      (await env.storage.getBytes(env.config.outputBucket, `${DAY}.manifest.json`)).toString('utf8'),
    ) as {
      machine: { market: string; launchedAt: string; endedAt: string; price: unknown };
      cost: { billedHours: number; usd: number };
    };
    assert.deepEqual(manifest.machine.price, { market: 'on-demand', usdPerHour: listPrice, source: 'launch' });
    const seconds = Math.max(
      60,
      Math.ceil((Date.parse(manifest.machine.endedAt) - Date.parse(manifest.machine.launchedAt)) / 1000),
    );
    assert.equal(manifest.cost.billedHours, seconds / 3600);
    const rootGb = env.sb.ec2.instances.get(launched.instanceId)?.blockDevices?.[0]?.volumeSize;
    assert.ok(rootGb, 'the machine has its planned root volume');
    const expected = (seconds / 3600) * (listPrice + (rootGb * EBS_USD_PER_GB_MONTH.gp3) / HOURS_PER_MONTH);
    assert.ok(Math.abs(manifest.cost.usd - expected) < 1e-9, `${manifest.cost.usd} vs ${expected}`);

    // Once EC2 forgets the machine, the run is priced from its manifest alone.
    const fromManifest = costFromManifest(JSON.stringify(manifest));
    assert.deepEqual(
      [fromManifest?.market, fromManifest?.usdPerHour, fromManifest?.hours, fromManifest?.usd, fromManifest?.recorded],
      ['on-demand', listPrice, seconds / 3600, manifest.cost.usd, true],
    );
  });
});
