// Spot in the sandbox's EC2: RunInstances' InstanceMarketOptions validated as EC2 documents them
// (SpotMarketOptions, https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_SpotMarketOptions.html: for
// RunInstances a persistent request needs interruption behavior hibernate or stop; ValidUntil only for persistent;
// MaxPrice above USD 0.001, and below the current Spot price the launch is refused with SpotMaxPriceTooLow),
// and DescribeSpotPriceHistory over the fixed prices of prices.ts.
import { items, toXml } from '../xml';
import { spotPrice, SPOT_PERIOD_MS, ON_DEMAND_USD_PER_HOUR } from './prices';
import { applyFilters, wildcardMatch, type QueryParams } from './query';
import { Ec2Error } from './state';

export interface MarketChoice {
  market: 'spot' | 'on-demand';
  spotInstanceType?: 'one-time' | 'persistent';
  interruptionBehavior?: 'hibernate' | 'stop' | 'terminate';
  maxPrice?: number;
}

export function marketOptions(q: QueryParams, instanceType: string, az: string): MarketChoice {
  const type = q.get('InstanceMarketOptions.MarketType');
  if (type === undefined) {
    if (q.get('InstanceMarketOptions.SpotOptions.SpotInstanceType') !== undefined) {
      throw new Ec2Error('InvalidParameterCombination', 'SpotOptions require MarketType spot.');
    }
    return { market: 'on-demand' };
  }
  if (type === 'capacity-block') {
    throw new Ec2Error(
      'InvalidParameterValue',
      'The sandbox does not emulate capacity blocks (MarketType capacity-block).',
    );
  }
  if (type !== 'spot') {
    throw new Ec2Error(
      'InvalidParameterValue',
      `Value (${type}) for parameter InstanceMarketOptions.MarketType is invalid.`,
    );
  }
  const p = 'InstanceMarketOptions.SpotOptions.';
  const spotType = q.get(`${p}SpotInstanceType`) ?? 'one-time';
  if (spotType !== 'one-time' && spotType !== 'persistent') {
    throw new Ec2Error('InvalidParameterValue', `Value (${spotType}) for parameter SpotInstanceType is invalid.`);
  }
  const behavior = q.get(`${p}InstanceInterruptionBehavior`) ?? 'terminate';
  if (behavior !== 'hibernate' && behavior !== 'stop' && behavior !== 'terminate') {
    throw new Ec2Error(
      'InvalidParameterValue',
      `Value (${behavior}) for parameter InstanceInterruptionBehavior is invalid.`,
    );
  }
  if (spotType === 'persistent' && behavior === 'terminate') {
    throw new Ec2Error(
      'InvalidParameterCombination',
      'Persistent Spot Instance requests are only supported when the instance interruption behavior is hibernate or stop.',
    );
  }
  if (spotType === 'one-time' && q.get(`${p}ValidUntil`) !== undefined) {
    throw new Ec2Error('InvalidParameterCombination', 'ValidUntil is supported only for persistent Spot requests.');
  }
  if (behavior === 'hibernate') {
    throw new Ec2Error('InvalidParameterValue', 'The sandbox does not emulate hibernation.');
  }
  let maxPrice: number | undefined;
  const maxText = q.get(`${p}MaxPrice`);
  if (maxText !== undefined) {
    maxPrice = Number(maxText);
    if (!Number.isFinite(maxPrice) || maxPrice <= 0.001) {
      throw new Ec2Error(
        'InvalidParameterValue',
        `Value (${maxText}) for parameter MaxPrice is invalid. It must be more than 0.001.`,
      );
    }
    const current = spotPrice(instanceType, 'windows', az, Date.now());
    if (current !== undefined && maxPrice < current) {
      throw new Ec2Error(
        'SpotMaxPriceTooLow',
        `Your Spot request price of ${maxText} is lower than the minimum required Spot request fulfillment price of ${current}.`,
      );
    }
  }
  return { market: 'spot', spotInstanceType: spotType, interruptionBehavior: behavior, maxPrice };
}

const PRODUCTS: Record<string, 'windows' | 'linux'> = {
  Windows: 'windows',
  'Windows (Amazon VPC)': 'windows',
  'Linux/UNIX': 'linux',
  'Linux/UNIX (Amazon VPC)': 'linux',
};

/** DescribeSpotPriceHistory: one point per 6-hour price change, the one in effect at StartTime first. */
export function describeSpotPriceHistory(q: QueryParams, region: string): string {
  const types = q.list('InstanceType');
  const products = q.list('ProductDescription');
  for (const p of products) {
    if (!PRODUCTS[p]) throw new Ec2Error('InvalidParameterValue', `Invalid product description: ${p}`);
  }
  const now = Date.now();
  const start = timeParam(q, 'StartTime') ?? now;
  const end = timeParam(q, 'EndTime') ?? now;
  if (end < start) throw new Ec2Error('InvalidParameterValue', 'EndTime must be after StartTime.');
  // The API keeps 90 days of history.
  const oldest = now - 90 * 24 * 60 * 60 * 1000;
  const zones = [`${region}a`, `${region}b`, `${region}c`];
  const wantedZone = q.get('AvailabilityZone');
  if (wantedZone !== undefined && !zones.includes(wantedZone)) {
    throw new Ec2Error('InvalidParameterValue', `Invalid availability zone: [${wantedZone}]`);
  }
  const rows: Array<{
    availabilityZone: string;
    instanceType: string;
    productDescription: string;
    spotPrice: string;
    timestamp: string;
  }> = [];
  for (const type of types.length ? types : Object.keys(ON_DEMAND_USD_PER_HOUR)) {
    for (const product of products.length ? products : ['Linux/UNIX', 'Windows']) {
      for (const az of wantedZone ? [wantedZone] : zones) {
        const os = PRODUCTS[product] as 'windows' | 'linux';
        const first = Math.max(
          Math.floor(Math.max(start, oldest) / SPOT_PERIOD_MS),
          Math.floor(oldest / SPOT_PERIOD_MS) + 1,
        );
        const last = Math.floor(end / SPOT_PERIOD_MS);
        for (let period = last; period >= first; period--) {
          const at = period * SPOT_PERIOD_MS;
          const price = spotPrice(type, os, az, at);
          if (price === undefined) break;
          rows.push({
            availabilityZone: az,
            instanceType: type,
            productDescription: product,
            spotPrice: price.toFixed(6),
            timestamp: new Date(at).toISOString().replace('.000Z', '.000Z'),
          });
        }
      }
    }
  }
  const filtered = applyFilters(rows, q, {
    fields: {
      'availability-zone': (r) => r.availabilityZone,
      'instance-type': (r) => r.instanceType,
      'product-description': (r) => r.productDescription,
      'spot-price': (r) => r.spotPrice,
      timestamp: (r) => r.timestamp,
    },
    match: wildcardMatch,
  });
  const maxText = q.get('MaxResults');
  const max = maxText === undefined ? 1000 : Number(maxText);
  if (!Number.isInteger(max) || max < 5 || max > 1000) {
    throw new Ec2Error(
      'InvalidParameterValue',
      `Value ( ${maxText ?? ''} ) for parameter maxResults is invalid. Parameter may not be less than 5 or greater than 1000`,
    );
  }
  let offset = 0;
  const token = q.get('NextToken');
  if (token !== undefined) {
    const m = /^spot:(\d+)$/.exec(Buffer.from(token, 'base64').toString('utf8'));
    if (!m) throw new Ec2Error('InvalidNextToken', 'The token provided is invalid.');
    offset = Number(m[1]);
  }
  const page = filtered.slice(offset, offset + max);
  const next =
    offset + page.length < filtered.length ? Buffer.from(`spot:${offset + page.length}`).toString('base64') : undefined;
  return toXml({ spotPriceHistorySet: items(page), nextToken: next ?? '' });
}

function timeParam(q: QueryParams, name: string): number | undefined {
  const v = q.get(name);
  if (v === undefined) return undefined;
  const t = Date.parse(v);
  if (Number.isNaN(t)) throw new Ec2Error('InvalidParameterValue', `Invalid value '${v}' for ${name}.`);
  return t;
}
