// The estimate and the per-run cost math, on the sandbox's fixed prices (src/sandbox/ec2/prices.ts).
import * as assert from 'node:assert/strict';
import {
  billedHours,
  estimateCost,
  estimateLines,
  expectedHours,
  parsePriceTag,
  priceTagValue,
  runCost,
  transitionTime,
  HOURS_PER_MONTH,
  type PriceQuote,
} from '../../../src/core/costEstimate';
import { setLanguage } from '../../../src/core/i18n';
import { EBS_USD_PER_GB_MONTH, REGION_PRICING, onDemandPrice, spotPrice } from '../../../src/sandbox/ec2/prices';

const known = (usd: number | undefined): PriceQuote => {
  assert.ok(usd !== undefined, 'the sandbox has a price for it');
  return { known: true, usd };
};

describe('cost estimate', () => {
  before(() => setLanguage('en'));

  const region = 'sa-east-1';
  const odM5 = onDemandPrice('m5.xlarge', 'windows', region) ?? NaN;
  const odC5 = onDemandPrice('c5.xlarge', 'windows', region) ?? NaN;
  const spotM5 = spotPrice('m5.xlarge', 'windows', `${region}a`, Date.UTC(2026, 11, 1)) ?? NaN;
  const gp3 = (EBS_USD_PER_GB_MONTH.gp3 ?? NaN) * (REGION_PRICING[region]?.factor ?? NaN);

  describe('expectedHours', () => {
    it('is the median of the earlier runs (odd and even counts)', () => {
      assert.deepEqual(expectedHours([3, 1, 2], 4), { hours: 2, source: 'median', runs: 3 });
      assert.deepEqual(expectedHours([3, 1, 2, 10], 4), { hours: 2.5, source: 'median', runs: 4 });
    });
    it('falls back to MAX_RUN_HOURS when no run was measured, ignoring nonsense durations', () => {
      assert.deepEqual(expectedHours([], 6), { hours: 6, source: 'maxRunHours', runs: 0 });
      assert.deepEqual(expectedHours([NaN, -1, 0], 6), { hours: 6, source: 'maxRunHours', runs: 0 });
    });
    it('uses only the 20 most recent runs', () => {
      const recent = Array.from({ length: 20 }, () => 1);
      assert.equal(
        expectedHours([...recent, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9], 4).hours,
        1,
      );
    });
  });

  it('Spot with on-demand fallback gives both bounds: Spot of the first type, on-demand of the dearest', () => {
    const e = estimateCost({
      machines: 3,
      expected: { hours: 2.5, source: 'median', runs: 5 },
      market: 'spot',
      types: [
        { instanceType: 'm5.xlarge', onDemand: known(odM5), spot: known(spotM5) },
        { instanceType: 'c5.xlarge', onDemand: known(odC5), spot: known(odC5 * 0.4) },
      ],
      rootVolume: { gb: 60, assumed: false, gbMonth: known(gp3) },
    });
    assert.equal(e.low?.market, 'spot');
    assert.equal(e.low?.instanceType, 'm5.xlarge');
    assert.ok(Math.abs((e.low?.usd ?? 0) - 3 * 2.5 * spotM5) < 1e-9);
    const dearest = Math.max(odM5, odC5);
    assert.equal(e.high?.usdPerHour, dearest);
    assert.ok(Math.abs((e.high?.usd ?? 0) - 3 * 2.5 * dearest) < 1e-9);
    assert.ok(Math.abs((e.rootVolume.usd ?? 0) - (3 * 2.5 * 60 * gp3) / HOURS_PER_MONTH) < 1e-9);
    assert.deepEqual(e.unknown, []);
    const text = estimateLines(e).join('\n');
    assert.match(text, /3 machine\(s\) × 2\.5 h \(median of 5 earlier runs\)/);
    assert.match(text, /on Spot \(m5\.xlarge/);
    assert.match(text, /falls back to on-demand/);
    assert.match(text, /Not counted: data transfer/);
  });

  it('MARKET=on-demand prices on-demand only', () => {
    const e = estimateCost({
      machines: 1,
      expected: { hours: 4, source: 'maxRunHours', runs: 0 },
      market: 'on-demand',
      types: [{ instanceType: 'm5.xlarge', onDemand: known(odM5) }],
      rootVolume: { gb: 30, assumed: true, gbMonth: known(gp3) },
    });
    assert.equal(e.low?.market, 'on-demand');
    assert.ok(Math.abs((e.low?.usd ?? 0) - 4 * odM5) < 1e-9);
    const lines = estimateLines(e);
    assert.equal(lines.filter((l) => /on-demand \(m5\.xlarge/.test(l)).length, 1);
    assert.ok(lines.some((l) => /MAX_RUN_HOURS/.test(l)));
    assert.ok(lines.some((l) => /ROOT_VOLUME_GB fixes it/.test(l)));
  });

  it('a missing pricing permission makes the estimate unknown, naming the permission', () => {
    const e = estimateCost({
      machines: 2,
      expected: { hours: 1, source: 'median', runs: 1 },
      market: 'on-demand',
      types: [{ instanceType: 'm5.xlarge', onDemand: { known: false, needs: 'pricing:GetProducts' } }],
      rootVolume: { gb: 30, assumed: true, gbMonth: { known: false, needs: 'pricing:GetProducts' } },
    });
    assert.equal(e.low, undefined);
    assert.deepEqual(e.unknown, ['needs pricing:GetProducts']);
    assert.match(estimateLines(e).join('\n'), /unknown \(needs pricing:GetProducts\)/);
  });

  it('Spot unknown but on-demand known still bounds the cost from above', () => {
    const e = estimateCost({
      machines: 2,
      expected: { hours: 1, source: 'median', runs: 1 },
      market: 'spot',
      types: [
        {
          instanceType: 'm5.xlarge',
          onDemand: known(odM5),
          spot: { known: false, needs: 'ec2:DescribeSpotPriceHistory' },
        },
      ],
      rootVolume: { gb: 30, assumed: true, gbMonth: known(gp3) },
    });
    assert.equal(e.low, undefined);
    assert.ok(Math.abs((e.high?.usd ?? 0) - 2 * odM5) < 1e-9);
    assert.match(estimateLines(e).join('\n'), /some prices unknown \(needs ec2:DescribeSpotPriceHistory\)/);
  });
});

describe('run cost', () => {
  it('bills per second with a 60-second minimum', () => {
    const launch = new Date('2020-07-01T04:00:00Z');
    assert.equal(billedHours(launch, new Date('2020-07-01T04:00:10Z')), 60 / 3600);
    assert.equal(billedHours(launch, new Date('2020-07-01T06:30:00Z')), 2.5);
  });

  it('is hours × the price it ran at, plus the root volume prorated over a 730-hour month', () => {
    const od = onDemandPrice('m5.xlarge', 'windows', 'us-east-1') ?? NaN;
    const gp3 = EBS_USD_PER_GB_MONTH.gp3 ?? NaN;
    const c = runCost({
      launchTime: new Date('2020-07-01T04:00:00Z'),
      endTime: new Date('2020-07-01T07:00:00Z'),
      usdPerHour: od,
      rootVolumeGb: 100,
      gbMonthUsd: gp3,
    });
    assert.equal(c.hours, 3);
    assert.ok(Math.abs(c.machineUsd - 3 * od) < 1e-12);
    assert.ok(Math.abs(c.volumeUsd - (3 * 100 * gp3) / 730) < 1e-12);
    assert.ok(Math.abs(c.usd - c.machineUsd - c.volumeUsd) < 1e-12);
  });

  it('reads the price tag strictly and writes what it reads', () => {
    const spot = spotPrice('m5.xlarge', 'windows', 'us-east-1a', Date.UTC(2026, 0, 1)) ?? NaN;
    assert.deepEqual(parsePriceTag(priceTagValue({ market: 'spot', usdPerHour: spot })), {
      market: 'spot',
      usdPerHour: spot,
    });
    for (const bad of [
      undefined,
      '',
      'spot',
      'spot:',
      'spot:-1.0',
      'spot:0.000000',
      'reserved:0.1',
      'spot:1e3',
      ' spot:0.1',
      'spot:0.1\u001b[2J',
      'spot:12345.1',
    ])
      assert.equal(parsePriceTag(bad), undefined, String(bad));
  });

  it("takes the termination time from DescribeInstances' StateTransitionReason", () => {
    assert.equal(transitionTime('User initiated (2020-07-01 04:12:09 GMT)')?.toISOString(), '2020-07-01T04:12:09.000Z');
    assert.equal(
      transitionTime('Service initiated (2026-12-01 11:00:00 GMT)')?.toISOString(),
      '2026-12-01T11:00:00.000Z',
    );
    assert.equal(transitionTime(''), undefined);
    assert.equal(transitionTime('User initiated (2020-13-45 99:00:00 GMT)'), undefined);
  });
});
