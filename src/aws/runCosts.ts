// The cost of runs EC2 still lists: launch to termination (or now, for a live one) × the price the machine ran
// at. That price is the one recorded at launch (`adatrap:price`) when the tag is valid; otherwise it is looked up
// as it was at the launch instant (Spot: the history's effective price at LaunchTime in the machine's zone;
// on-demand: the list price), and the row says "looked up".
import { DEFAULT_ROOT_VOLUME_GB, runCost, type Market, type RunCostView } from '../core/costEstimate';
import type { Prices } from './prices';
import { isLive, type RunInfo } from './runs';

export interface RunCostSettings {
  region: string;
  rootVolumeGb?: number;
}

export async function costOfRun(
  run: RunInfo,
  prices: Prices,
  settings: RunCostSettings,
  now: Date = new Date(),
): Promise<RunCostView | undefined> {
  if (!run.launchTime) return undefined;
  const running = isLive(run);
  const end = run.endedAt ?? (running ? now : undefined);
  if (!end) return undefined;
  let market: Market;
  let usdPerHour: number;
  if (run.price) {
    ({ market, usdPerHour } = run.price);
  } else {
    if (!run.instanceType) return undefined;
    market = run.market ?? 'on-demand';
    const quote =
      market === 'spot'
        ? await prices.spotHourly(settings.region, run.instanceType, run.launchTime, run.availabilityZone)
        : await prices.onDemandHourly(settings.region, run.instanceType);
    if (!quote.known) return undefined;
    usdPerHour = quote.usd;
  }
  const gbMonth = await prices.gp3GbMonth(settings.region);
  const cost = runCost({
    launchTime: run.launchTime,
    endTime: end,
    usdPerHour,
    rootVolumeGb: settings.rootVolumeGb ?? DEFAULT_ROOT_VOLUME_GB,
    ...(gbMonth.known ? { gbMonthUsd: gbMonth.usd } : {}),
  });
  return { ...cost, market, usdPerHour, recorded: run.price !== undefined, running };
}

/** Costs by instance id; runs whose cost cannot be known are absent. */
export async function costsOfRuns(
  runs: readonly RunInfo[],
  prices: Prices,
  settings: RunCostSettings,
  now: Date = new Date(),
): Promise<Map<string, RunCostView>> {
  const out = new Map<string, RunCostView>();
  await Promise.all(
    runs.map(async (run) => {
      const cost = await costOfRun(run, prices, settings, now);
      if (cost) out.set(run.instanceId, cost);
    }),
  );
  return out;
}
