// The price a machine is launched at travels with it: as the `adatrap:price` tag of a direct launch and in the
// run config the agent reads (validated like every other field).
import * as assert from 'node:assert/strict';
import { buildLaunchPlan } from '../../../src/core/launchPlan';
import { decodeRunConfig, encodeRunConfig } from '../../../src/core/agentRunConfig';
import { parsePriceTag, PRICE_TAG } from '../../../src/core/costEstimate';
import type { RunPricing } from '../../../src/core/launchPrice';
import { spotThenOnDemand } from '../../helpers/runPricing';
import { InputError } from '../../../src/core/errors';
import { launchConfig } from '../../helpers/launchConfig';
import { operatorPolicy } from '../../../src/core/iamPolicy';

const pricing: RunPricing = spotThenOnDemand({ spotUsdPerHour: 0.1504, rootVolumeGb: 60, gp3UsdPerGbMonth: 0.096 });
const request = {
  date: '2020-06-30',
  agentSha256: 'a'.repeat(64),
  agentVersion: '0.1.0',
  language: 'es' as const,
  now: new Date('2026-01-01T00:00:00Z'),
};
const config = launchConfig({ instanceType: 'm5.xlarge, m5a.xlarge', instanceProfile: 'adatrap-miner-machine' });

const tagOf = (tags: Array<{ Key: string; Value: string }>) => tags.find((t) => t.Key === PRICE_TAG)?.Value;

describe('launch price', () => {
  it('tags a direct (on-demand) launch with its on-demand price, on the instance only', () => {
    const { plan, runConfig } = buildLaunchPlan(config, { ...request, pricing });
    assert.equal(tagOf(plan.TagSpecifications[0].Tags), 'on-demand:0.384000');
    assert.deepEqual(parsePriceTag(tagOf(plan.TagSpecifications[0].Tags)), { market: 'on-demand', usdPerHour: 0.384 });
    assert.equal(tagOf(plan.TagSpecifications[1].Tags), undefined);
    assert.deepEqual(runConfig.pricing, pricing);
  });

  it('launches without a price tag when no price was found', () => {
    const { plan, runConfig } = buildLaunchPlan(config, request);
    assert.equal(tagOf(plan.TagSpecifications[0].Tags), undefined);
    assert.equal('pricing' in runConfig, false);
    const spotOnly = buildLaunchPlan(config, {
      ...request,
      pricing: { ...pricing, candidates: [pricing.candidates[0]] },
    });
    assert.equal(tagOf(spotOnly.plan.TagSpecifications[0].Tags), undefined);
  });

  it('round-trips the pricing through the run config the agent decodes', () => {
    const { runConfig } = buildLaunchPlan(config, { ...request, pricing });
    assert.deepEqual(decodeRunConfig(encodeRunConfig(runConfig)).pricing, pricing);
  });

  it('refuses a run config whose pricing is malformed, naming the field', () => {
    const { runConfig } = buildLaunchPlan(config, { ...request, pricing });
    const bad = (p: unknown, field: string) =>
      assert.throws(
        () => decodeRunConfig(Buffer.from(JSON.stringify({ ...runConfig, pricing: p })).toString('base64')),
        (e: unknown) => e instanceof InputError && e.message.includes(field),
      );
    const one = (c: Record<string, unknown>) => ({ ...pricing, candidates: [{ ...pricing.candidates[0], ...c }] });
    bad({ ...pricing, candidates: 'x' }, 'pricing.candidates');
    bad(one({ market: 'reserved' }), 'pricing.candidates[0].market');
    bad(one({ instanceType: 'm5.xlarge,m5a.xlarge' }), 'pricing.candidates[0].instanceType');
    bad(one({ usdPerHour: -1 }), 'pricing.candidates[0].usdPerHour');
    bad(one({ usdPerHour: '0.15' }), 'pricing.candidates[0].usdPerHour');
    bad({ ...pricing, rootVolumeGb: 0 }, 'pricing.rootVolumeGb');
    bad({ ...pricing, gp3UsdPerGbMonth: Number.NaN }, 'pricing.gp3UsdPerGbMonth');
  });

  it('print-iam-policy --operator grants the price lookups a launch makes', () => {
    const actions = operatorPolicy(config, { accountId: '123456789012' }).Statement.flatMap((st) => st.Action);
    for (const action of ['pricing:GetProducts', 'ec2:DescribeSpotPriceHistory', 'ec2:DescribeSubnets'])
      assert.ok(actions.includes(action), action);
  });
});
