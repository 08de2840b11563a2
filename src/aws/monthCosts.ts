// What the runs of a month cost, for the Run calendar: each run EC2 lists for a day of the month, priced by
// costOfRun (the price recorded at launch in `adatrap:price`, else looked up as it was at the launch instant).
// Bounded in time: prices the lookups have not given by the deadline leave their runs unpriced this round
// (AwsPrices caches each answer, so the next round has them), and the month is never held back by a price.
import type { RunCostView } from '../core/costEstimate';
import { costOfRun, type RunCostSettings } from './runCosts';
import type { Prices } from './prices';
import type { RunInfo } from './runs';

export interface MonthCostOptions {
  /** The whole month's pricing gives up after this long (default 5 s). */
  timeoutMs?: number;
  now?: Date;
}

export const MONTH_COST_TIMEOUT_MS = 5_000;

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
