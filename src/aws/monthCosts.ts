// What the runs of a month cost, for the Run calendar: each run EC2 lists for a day of the month, priced by
// costOfRun (the price recorded at launch in `adatrap:price`, else looked up as it was at the launch instant).
// Bounded in time: prices the lookups have not given by the deadline leave their runs unpriced this round
// (AwsPrices caches each answer, so the next round has them), and the month is never held back by a price.
//
// EC2 lists a terminated machine for about an hour only ("Terminated instances remain visible after termination
// (for approximately one hour)", EC2 API Reference, TerminateInstances), so a month processed earlier has few
// listed runs. A Spot price is looked up at the launch instant, and DescribeSpotPriceHistory answers StartTime
// "up to the past 90 days" (EC2 API Reference): an older Spot run stays unpriced, and is counted so. The
// run that wrote a day's output left its machine in `D.manifest.json` (type, market, zone, launch and end, from
// IMDSv2: agent/machineFacts.ts); forgottenRuns reads those manifests (one GET each, only for days whose
// manifest names a machine EC2 does not list) so that run is priced as it was at launch: with the price and cost
// its agent recorded when the manifest has them (costFromManifest), else looked up again. Failed tries EC2 forgot
// left no manifest and are not counted (the README says so).
import type { ForgottenRun, MonthCalendar } from '../core/calendar';
import type { RunCostView } from '../core/costEstimate';
import { costFromManifest, costOfRun, type RunCostSettings } from './runCosts';
import type { Prices } from './prices';
import type { RunInfo } from './runs';
import type { Storage } from './storage';

interface MonthCostOptions {
  /** The whole month's pricing gives up after this long (default 5 s). */
  timeoutMs?: number;
  now?: Date;
}

const MONTH_COST_TIMEOUT_MS = 5_000;

/** Costs by instance id of the month's runs that could be priced in time; the others are absent (unpriced). */
export async function costsOfMonthRuns(
  month: string,
  runs: readonly RunInfo[],
  prices: Prices,
  settings: RunCostSettings,
  options: MonthCostOptions = {},
): Promise<Map<string, RunCostView>> {
  const ofMonth = runs.filter((r) => r.date?.startsWith(`${month}-`) === true);
  const costs = new Map<string, RunCostView>();
  if (ofMonth.length === 0) return costs;
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), options.timeoutMs ?? MONTH_COST_TIMEOUT_MS);
  });
  try {
    await Promise.all(
      ofMonth.map(async (run) => {
        // A price that cannot be read (permission, network) leaves this run unpriced, never the month.
        const priced = costOfRun(run, prices, settings, options.now).catch(() => undefined);
        const cost = await Promise.race([priced, deadline]);
        if (cost) costs.set(run.instanceId, cost);
      }),
    );
  } finally {
    clearTimeout(timer);
  }
  return costs;
}

/**
 * Manifests asked for, by key and last-modified time (a new run replaces a manifest, it never edits it): the
 * answer of one that was slow is there the next round.
 */
export type ManifestCache = Map<string, Promise<RunInfo | undefined>>;

/**
 * The runs EC2 no longer lists that wrote a day's output, from each manifest's `machine` facts. A manifest that
 * cannot be read (in time), names no machine or a machine EC2 lists, or lacks the launch and end, gives none.
 */
export async function forgottenRuns(
  storage: Pick<Storage, 'getBytes'>,
  outputBucket: string,
  calendar: MonthCalendar,
  listed: readonly RunInfo[],
  options: { cache?: ManifestCache; timeoutMs?: number } = {},
): Promise<{ runs: RunInfo[]; forgotten: ForgottenRun[] }> {
  const known = new Set(listed.map((r) => r.instanceId));
  const cache: ManifestCache = options.cache ?? new Map();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), options.timeoutMs ?? MONTH_COST_TIMEOUT_MS);
  });
  try {
    const found = await Promise.all(
      calendar.days.map(async (day): Promise<RunInfo | undefined> => {
        if (!day.output?.hasManifest) return undefined;
        const key = `${day.date}.manifest.json`;
        const cacheKey = `${outputBucket}/${key}@${day.output.lastModified}`;
        let read = cache.get(cacheKey);
        if (!read) {
          // An unreadable manifest is one run without a cost, never a failed calendar.
          read = storage
            .getBytes(outputBucket, key)
            .then((bytes) => runOfManifest(day.date, bytes.toString('utf8')))
            .catch(() => {
              // Asked again next round: the failure may be passing (network, throttling).
              cache.delete(cacheKey);
              return undefined;
            });
          cache.set(cacheKey, read);
        }
        const run = await Promise.race([read, deadline]);
        return run && !known.has(run.instanceId) ? run : undefined;
      }),
    );
    const runs = found.filter((r): r is RunInfo => r !== undefined);
    return { runs, forgotten: runs.map((r) => ({ date: r.date ?? '', instanceId: r.instanceId })) };
  } finally {
    clearTimeout(timer);
  }
}

/** The run a manifest records, as costOfRun prices it; undefined when it lacks what a cost needs. */
export function runOfManifest(date: string, text: string): RunInfo | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null) return undefined;
  const m = parsed as { instanceId?: unknown; machine?: Record<string, unknown> };
  const machine = m.machine;
  if (typeof m.instanceId !== 'string' || !/^i-[0-9a-z]+$/.test(m.instanceId) || !machine) return undefined;
  const time = (v: unknown): Date | undefined => {
    const when = typeof v === 'string' ? new Date(v) : undefined;
    return when && !Number.isNaN(when.getTime()) ? when : undefined;
  };
  const launchTime = time(machine.launchedAt);
  const endedAt = time(machine.endedAt);
  const instanceType = typeof machine.instanceType === 'string' ? machine.instanceType : undefined;
  if (!launchTime || !endedAt || endedAt < launchTime || !instanceType) return undefined;
  return {
    instanceId: m.instanceId,
    date,
    state: 'terminated',
    launchTime,
    endedAt,
    instanceType,
    market: machine.market === 'spot' ? 'spot' : 'on-demand',
    ...(typeof machine.availabilityZone === 'string' ? { availabilityZone: machine.availabilityZone } : {}),
    ...recordedOf(text),
  };
}

/** The price and cost the run's agent recorded (manifests since the launch price travels): no lookup needed. */
function recordedOf(text: string): Pick<RunInfo, 'price' | 'recordedCost'> {
  const cost = costFromManifest(text);
  return cost ? { price: { market: cost.market, usdPerHour: cost.usdPerHour }, recordedCost: cost } : {};
}
