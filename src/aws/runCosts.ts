// The cost of runs EC2 still lists: launch to termination (or now, for a live one) × the price the machine ran
// at. That price is the one recorded at launch (`adatrap:price`) when the tag is valid; otherwise it is looked up
// as it was at the launch instant (Spot: the history's effective price at LaunchTime in the machine's zone;
// on-demand: the list price), and the row says "looked up". A Spot machine Amazon EC2 interrupted in its first hour
// is charged its root volume only. A run EC2 has forgotten is priced from the cost its agent wrote in
// D.manifest.json (costFromManifest), when it wrote one.
import {
  DEFAULT_ROOT_VOLUME_GB,
  runCost,
  spotInterruptionWaivesInstance,
  type Market,
  type RunCostView,
} from '../core/costEstimate';
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
  const running = isLive(run);
  // The agent's own record: its launch price × launch to the manifest, with the root volume it really had.
  if (run.recordedCost && !running) return run.recordedCost;
  if (!run.launchTime) return undefined;
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
  const waived =
    market === 'spot' && run.spotInterrupted === true && spotInterruptionWaivesInstance(run.launchTime, end);
  const cost = runCost({
    launchTime: run.launchTime,
    endTime: end,
    usdPerHour,
    rootVolumeGb: settings.rootVolumeGb ?? DEFAULT_ROOT_VOLUME_GB,
    ...(gbMonth.known ? { gbMonthUsd: gbMonth.usd } : {}),
    instanceWaived: waived,
  });
  return { ...cost, market, usdPerHour, recorded: run.price !== undefined, running, ...(waived ? { waived } : {}) };
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

/**
 * A run's cost from its D.manifest.json, for a run EC2 no longer lists (it forgets a terminated machine after
 * about an hour): the price the agent recorded (its launch candidate's) and the cost it computed when it wrote
 * the manifest, just before terminating. Strict, like parsePriceTag: a machine can write anything, so a field
 * that is not a sane number is no cost. Undefined when the manifest recorded none (older agents, no price found).
 */
export function costFromManifest(text: string): RunCostView | undefined {
  let manifest: unknown;
  try {
    manifest = JSON.parse(text);
  } catch {
    return undefined;
  }
  const record = (v: unknown): Record<string, unknown> | undefined =>
    typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  const m = record(manifest);
  const price = record(record(m?.machine)?.price);
  const cost = record(m?.cost);
  const market = price?.market;
  const usdPerHour = price?.usdPerHour;
  const hours = cost?.billedHours;
  const usd = cost?.usd;
  const sane = (n: unknown, max: number): n is number =>
    typeof n === 'number' && Number.isFinite(n) && n > 0 && n < max;
  if (market !== 'spot' && market !== 'on-demand') return undefined;
  // A run lasts hours, not years; no EC2 machine costs 1,000 USD an hour.
  if (!sane(usdPerHour, 1000) || !sane(hours, 24 * 366) || !sane(usd, 1e7)) return undefined;
  const machineUsd = hours * usdPerHour;
  if (usd < machineUsd * (1 - 1e-9)) return undefined;
  return {
    hours,
    machineUsd,
    volumeUsd: Math.max(0, usd - machineUsd),
    usd,
    market,
    usdPerHour,
    recorded: true,
    running: false,
  };
}
