// The sandbox's fixed prices (USD, not AWS's current prices; chosen near us-east-1 list prices so estimates look
// plausible). On-demand per hour by instance type and OS, a per-region factor, a Spot price that is a fixed
// fraction of on-demand varying a little every 6 hours (deterministic), and EBS per GB-month. The Pricing API
// (pricing/) and DescribeSpotPriceHistory (spot.ts) both read this table, so an estimate can be checked by hand.
export const ON_DEMAND_USD_PER_HOUR: Record<
  string,
  { windows: number; linux: number; vcpu: number; memoryGiB: number }
> = {
  't3.large': { windows: 0.1108, linux: 0.0832, vcpu: 2, memoryGiB: 8 },
  't3.xlarge': { windows: 0.2016, linux: 0.1664, vcpu: 4, memoryGiB: 16 },
  'm5.large': { windows: 0.188, linux: 0.096, vcpu: 2, memoryGiB: 8 },
  'm5.xlarge': { windows: 0.376, linux: 0.192, vcpu: 4, memoryGiB: 16 },
  'm5.2xlarge': { windows: 0.752, linux: 0.384, vcpu: 8, memoryGiB: 32 },
  'm6i.xlarge': { windows: 0.376, linux: 0.192, vcpu: 4, memoryGiB: 16 },
  'c5.xlarge': { windows: 0.354, linux: 0.17, vcpu: 4, memoryGiB: 8 },
  'c5.2xlarge': { windows: 0.708, linux: 0.34, vcpu: 8, memoryGiB: 16 },
  'r5.xlarge': { windows: 0.436, linux: 0.252, vcpu: 4, memoryGiB: 32 },
};

/** Region code -> Pricing API location name and price factor. */
export const REGION_PRICING: Record<string, { location: string; factor: number }> = {
  'us-east-1': { location: 'US East (N. Virginia)', factor: 1 },
  'us-east-2': { location: 'US East (Ohio)', factor: 1 },
  'us-west-1': { location: 'US West (N. California)', factor: 1.17 },
  'us-west-2': { location: 'US West (Oregon)', factor: 1 },
  'sa-east-1': { location: 'South America (Sao Paulo)', factor: 1.59 },
  'eu-west-1': { location: 'EU (Ireland)', factor: 1.11 },
};

/** gp3 / gp2 per GB-month in us-east-1 (times the region factor). */
export const EBS_USD_PER_GB_MONTH: Record<string, number> = { gp3: 0.08, gp2: 0.1 };

/** Spot is this fraction of on-demand, +/- up to 5 % per 6-hour period. */
const SPOT_FRACTION = 0.4;
export const SPOT_PERIOD_MS = 6 * 60 * 60 * 1000;

export function onDemandPrice(instanceType: string, os: 'windows' | 'linux', region: string): number | undefined {
  const base = ON_DEMAND_USD_PER_HOUR[instanceType];
  const r = REGION_PRICING[region];
  if (!base || !r) return undefined;
  return round4(base[os] * r.factor);
}

/** The Spot price in effect at `when` for a type, OS and availability zone. */
export function spotPrice(instanceType: string, os: 'windows' | 'linux', az: string, when: number): number | undefined {
  const region = az.replace(/[a-z]$/, '');
  const od = onDemandPrice(instanceType, os, region);
  if (od === undefined) return undefined;
  const period = Math.floor(when / SPOT_PERIOD_MS);
  const wobble = ((hash(`${instanceType}|${os}|${az}|${period}`) % 1001) / 1000 - 0.5) * 0.1;
  return round4(od * SPOT_FRACTION * (1 + wobble));
}

function round4(n: number): number {
  return Math.round(n * 10_000) / 10_000;
}

function hash(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619) >>> 0;
  return h;
}
