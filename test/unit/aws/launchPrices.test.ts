// Pricing the launch candidates: the same lookups as the estimate, Spot in the subnet's zone (else the dearest
// zone), an unknown price left out, and never more than the time allowed.
import * as assert from 'node:assert/strict';
import { launchPricing } from '../../../src/aws/launchPrices';
import type { Prices } from '../../../src/aws/prices';
import type { PriceQuote } from '../../../src/core/costEstimate';

function fakePrices(options: { zone?: string; hang?: boolean } = {}) {
  const asked: string[] = [];
  const known = (usd: number): PriceQuote => ({ known: true, usd });
  const prices: Prices = {
    onDemandHourly: (_region, type) =>
      options.hang
        ? new Promise<PriceQuote>(() => undefined)
        : Promise.resolve(type === 'm5.xlarge' ? known(0.384) : { known: false, reason: 'no price listed' }),
    spotHourly: (_region, type, at, zone) => {
      asked.push(`${type}@${zone ?? 'dearest'}${at ? '@past' : ''}`);
      return Promise.resolve(known(zone ? 0.1504 : 0.17));
    },
    gp3GbMonth: () => Promise.resolve(known(0.096)),
    ...(options.zone !== undefined ? { subnetZone: () => Promise.resolve(options.zone) } : {}),
  };
  return { prices, asked };
}

const candidates = [
  { market: 'spot' as const, instanceType: 'm5.xlarge' },
  { market: 'on-demand' as const, instanceType: 'm5.xlarge' },
  { market: 'on-demand' as const, instanceType: 'm5a.xlarge' },
];

describe('launchPricing', () => {
  it("prices Spot in the subnet's zone, on-demand at the list price, and leaves an unknown price out", async () => {
    const { prices, asked } = fakePrices({ zone: 'us-east-1b' });
    const pricing = await launchPricing(prices, {
      region: 'us-east-1',
      candidates,
      subnetId: 'subnet-0123456789abcdef0',
      rootVolumeGb: 80,
    });
    assert.deepEqual(pricing, {
      candidates: [
        { market: 'spot', instanceType: 'm5.xlarge', usdPerHour: 0.1504 },
        { market: 'on-demand', instanceType: 'm5.xlarge', usdPerHour: 0.384 },
      ],
      rootVolumeGb: 80,
      gp3UsdPerGbMonth: 0.096,
    });
    assert.deepEqual(asked, ['m5.xlarge@us-east-1b']);
  });

  it('takes the dearest zone without a subnet (or when its zone cannot be read)', async () => {
    const { prices, asked } = fakePrices({ zone: undefined });
    const pricing = await launchPricing(prices, {
      region: 'us-east-1',
      candidates,
      subnetId: 'subnet-0123456789abcdef0',
    });
    assert.equal(pricing?.candidates[0].usdPerHour, 0.17);
    assert.deepEqual(asked, ['m5.xlarge@dearest']);
  });

  it('gives up after the time allowed, and without prices at all', async () => {
    const { prices } = fakePrices({ hang: true });
    assert.equal(await launchPricing(prices, { region: 'us-east-1', candidates, timeoutMs: 20 }), undefined);
    assert.equal(await launchPricing(undefined, { region: 'us-east-1', candidates }), undefined);
  });
});
