// Gathers what the cost estimate of a launch needs: the prices of every listed instance type (Spot and
// on-demand), the gp3 price, and how long earlier runs took (their manifests in the output bucket). Nothing
// here can fail a launch: a price or a listing that cannot be read leaves that part of the estimate unknown.
import type { AdatrapConfig } from '../core/config';
import {
  DEFAULT_ROOT_VOLUME_GB,
  RECENT_RUNS_FOR_MEDIAN,
  estimateCost,
  estimateLines,
  expectedHours,
  type CostEstimate,
} from '../core/costEstimate';
import { errorMessage } from '../core/errors';
import { t } from '../core/i18n';
import { instanceTypes } from '../core/workflowInput';
import type { Prices } from './prices';
import type { Storage } from './storage';

type EstimateConfig = Pick<
  AdatrapConfig,
  'region' | 'instanceType' | 'market' | 'maxRunHours' | 'rootVolumeGb' | 'outputBucket'
>;

export interface EstimateDeps {
  config: EstimateConfig;
  prices: Prices;
  storage: Storage;
}

const MANIFEST_KEY = /^\d{4}-\d{2}-\d{2}\.manifest\.json$/;

/** Hours one manifest says its run took: launch to end when it recorded them, else the agent's own span. */
function manifestHours(text: string): number | undefined {
  try {
    const m = JSON.parse(text) as Record<string, unknown>;
    const machine = m.machine as Record<string, unknown> | undefined;
    const span = (from: unknown, to: unknown): number | undefined => {
      if (typeof from !== 'string' || typeof to !== 'string') return undefined;
      const ms = Date.parse(to) - Date.parse(from);
      return Number.isFinite(ms) && ms > 0 ? ms / 3_600_000 : undefined;
    };
    return span(machine?.launchedAt, machine?.endedAt) ?? span(m.startedAt, m.finishedAt);
  } catch {
    return undefined;
  }
}

/** The durations of the most recent runs that left a manifest, newest first. */
async function recentRunHours(storage: Storage, outputBucket: string): Promise<number[]> {
  const manifests = (await storage.listAll(outputBucket))
    .filter((o) => MANIFEST_KEY.test(o.key))
    .sort((a, b) => (b.lastModified?.getTime() ?? 0) - (a.lastModified?.getTime() ?? 0))
    .slice(0, RECENT_RUNS_FOR_MEDIAN);
  const hours = await Promise.all(
    manifests.map(async (o) => {
      try {
        return manifestHours((await storage.getBytes(outputBucket, o.key)).toString('utf8'));
      } catch {
        return undefined;
      }
    }),
  );
  return hours.filter((h): h is number => h !== undefined);
}

async function estimateLaunch(deps: EstimateDeps, machines: number): Promise<CostEstimate> {
  const { config, prices } = deps;
  const types = instanceTypes(config.instanceType);
  const [typePrices, gbMonth, durations] = await Promise.all([
    Promise.all(
      types.map(async (instanceType) => ({
        instanceType,
        onDemand: await prices.onDemandHourly(config.region, instanceType),
        ...(config.market === 'spot' ? { spot: await prices.spotHourly(config.region, instanceType) } : {}),
      })),
    ),
    prices.gp3GbMonth(config.region),
    recentRunHours(deps.storage, config.outputBucket).catch(() => []),
  ]);
  return estimateCost({
    machines,
    expected: expectedHours(durations, config.maxRunHours),
    market: config.market,
    types: typePrices,
    rootVolume: {
      gb: config.rootVolumeGb ?? DEFAULT_ROOT_VOLUME_GB,
      assumed: config.rootVolumeGb === undefined,
      gbMonth,
    },
  });
}

/** An estimate that has not come in this time is not worth holding a launch for. */
export const ESTIMATE_TIMEOUT_MS = 20_000;

/**
 * The estimate as the lines a confirmation shows (CLI and extension). It never blocks the launch: an estimate
 * that fails or takes longer than timeoutMs is one line saying so.
 */
export async function estimateText(
  deps: EstimateDeps,
  machines: number,
  timeoutMs: number = ESTIMATE_TIMEOUT_MS,
): Promise<string[]> {
  let timer: NodeJS.Timeout | undefined;
  try {
    const estimate = await Promise.race([
      estimateLaunch(deps, machines),
      new Promise<undefined>((resolve) => {
        timer = setTimeout(() => resolve(undefined), timeoutMs);
      }),
    ]);
    return estimate ? estimateLines(estimate) : [t('cost.estimate.timedOut')];
  } catch (e) {
    return [t('cost.estimate.failed', { reason: errorMessage(e) })];
  } finally {
    clearTimeout(timer);
  }
}
