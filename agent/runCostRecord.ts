// The run's cost as the agent records it in D.manifest.json, just before the machine terminates itself: the
// price of the launch candidate this machine is (its IMDS market and instance type, matched against the prices
// the launcher put in the run config) × launch-to-now, per second with EC2's 60-second minimum, plus the root
// volume the same way costOfRun prices it. A machine with no matching price records no price and no cost.
import { runCost } from '../src/core/costEstimate';
import { candidatePrice, type RunPricing } from '../src/core/launchPrice';
import type { RunCostRecord, RunMachine } from './manifest';

export function recordCost(
  machine: RunMachine,
  pricing: RunPricing | undefined,
): { machine: RunMachine; cost?: RunCostRecord } {
  if (!machine.instanceType) return { machine };
  const price = candidatePrice(pricing, machine.market, machine.instanceType);
  if (!price || !pricing) return { machine };
  const priced: RunMachine = {
    ...machine,
    price: { market: price.market, usdPerHour: price.usdPerHour, source: 'launch' },
  };
  const launch = machine.launchedAt ? new Date(machine.launchedAt) : undefined;
  if (!launch || Number.isNaN(launch.getTime())) return { machine: priced };
  const cost = runCost({
    launchTime: launch,
    endTime: new Date(machine.endedAt),
    usdPerHour: price.usdPerHour,
    rootVolumeGb: pricing.rootVolumeGb,
    ...(pricing.gp3UsdPerGbMonth !== undefined ? { gbMonthUsd: pricing.gp3UsdPerGbMonth } : {}),
  });
  return { machine: priced, cost: { billedHours: cost.hours, usd: cost.usd } };
}
