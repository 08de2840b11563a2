// The price of each launch candidate, asked of AWS just before a launch (the same lookups as the launch
// estimate, src/aws/prices.ts), so the machine carries the price it was launched at. Nothing here can hold or
// fail a launch: a price that is not found in time is simply absent, and that candidate records no price.
import type { Market } from '../core/costEstimate';
import { DEFAULT_ROOT_VOLUME_GB } from '../core/costEstimate';
import { MAX_PRICED_CANDIDATES, type CandidatePrice, type RunPricing } from '../core/launchPrice';
import type { Prices } from './prices';

/** A launch waits at most this long for its prices (they are cached per session after the first time). */
const LAUNCH_PRICE_TIMEOUT_MS = 10_000;

interface PricingRequest {
  region: string;
  candidates: ReadonlyArray<{ market: Market; instanceType: string }>;
  subnetId?: string;
  rootVolumeGb?: number;
  timeoutMs?: number;
}

async function lookUp(prices: Prices, request: PricingRequest): Promise<RunPricing> {
  // Spot prices differ per Availability Zone. With SUBNET_ID the machine starts in that subnet's zone; without it
  // (or when DescribeSubnets cannot be read) EC2 picks the zone, so we record the dearest zone's current price:
  // an upper bound of what the launch pays at that moment.
  const wantsSpot = request.candidates.some((c) => c.market === 'spot');
  const zone =
    wantsSpot && request.subnetId && prices.subnetZone ? await prices.subnetZone(request.subnetId) : undefined;
  const [quotes, gp3] = await Promise.all([
    Promise.all(
      request.candidates.slice(0, MAX_PRICED_CANDIDATES).map(async (c) => ({
        ...c,
        quote:
          c.market === 'spot'
            ? await prices.spotHourly(request.region, c.instanceType, undefined, zone)
            : await prices.onDemandHourly(request.region, c.instanceType),
      })),
    ),
    prices.gp3GbMonth(request.region),
  ]);
  const candidates: CandidatePrice[] = [];
  for (const q of quotes)
    if (q.quote.known && q.quote.usd > 0)
      candidates.push({ market: q.market, instanceType: q.instanceType, usdPerHour: q.quote.usd });
  return {
    candidates,
    rootVolumeGb: request.rootVolumeGb ?? DEFAULT_ROOT_VOLUME_GB,
    ...(gp3.known ? { gp3UsdPerGbMonth: gp3.usd } : {}),
  };
}

/** The candidates' prices, or undefined when none could be found within the time allowed. */
export async function launchPricing(
  prices: Prices | undefined,
  request: PricingRequest,
): Promise<RunPricing | undefined> {
  if (!prices) return undefined;
  let timer: NodeJS.Timeout | undefined;
  try {
    const pricing = await Promise.race([
      lookUp(prices, request),
      new Promise<undefined>((resolve) => {
        timer = setTimeout(() => resolve(undefined), request.timeoutMs ?? LAUNCH_PRICE_TIMEOUT_MS);
      }),
    ]);
    return pricing && pricing.candidates.length > 0 ? pricing : undefined;
  } catch {
    return undefined;
  } finally {
    clearTimeout(timer);
  }
}
