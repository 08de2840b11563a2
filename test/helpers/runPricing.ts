// The pricing a launch carries for the cost unit tests (launch tag, run config, the agent's cost record): an
// m5.xlarge tried on Spot first, then On-Demand, and its root volume; each test names the figures it computes with.
import type { RunPricing } from '../../src/core/launchPrice';

/** The on-demand m5.xlarge hourly price both candidates lists end with. */
const ON_DEMAND_M5_XLARGE_USD_PER_HOUR = 0.384;

export function spotThenOnDemand(figures: {
  spotUsdPerHour: number;
  rootVolumeGb: number;
  gp3UsdPerGbMonth: number;
}): RunPricing {
  return {
    candidates: [
      { market: 'spot', instanceType: 'm5.xlarge', usdPerHour: figures.spotUsdPerHour },
      { market: 'on-demand', instanceType: 'm5.xlarge', usdPerHour: ON_DEMAND_M5_XLARGE_USD_PER_HOUR },
    ],
    rootVolumeGb: figures.rootVolumeGb,
    gp3UsdPerGbMonth: figures.gp3UsdPerGbMonth,
  };
}
