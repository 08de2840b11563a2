// The price each launch candidate is billed at, looked up just before the launch and carried by the machine: as
// its `adatrap:price` tag (read back by src/aws/runs.ts) and in its run config, from which the agent writes the
// run's cost into D.manifest.json. Pure: the lookups are src/aws/launchPrices.ts.
import { PRICE_TAG, priceTagValue, type Market } from './costEstimate';

export interface CandidatePrice {
  market: Market;
  instanceType: string;
  usdPerHour: number;
}

/** What the agent needs to price its own run (AgentRunConfig.pricing). */
export interface RunPricing {
  /** The candidates whose price was found; a candidate missing here simply has no recorded price. */
  candidates: CandidatePrice[];
  /** The root volume priced with the machine, as costOfRun does (ROOT_VOLUME_GB or the planned default). */
  rootVolumeGb: number;
  /** gp3 USD per GB-month, when the Pricing API answered. */
  gp3UsdPerGbMonth?: number;
}

/** At most this many candidates travel (Spot and on-demand per listed type: INSTANCE_TYPE lists a few). */
export const MAX_PRICED_CANDIDATES = 20;

export function candidatePrice(
  pricing: RunPricing | undefined,
  market: Market,
  instanceType: string,
): CandidatePrice | undefined {
  return pricing?.candidates.find((c) => c.market === market && c.instanceType === instanceType);
}

export function priceTag(price: CandidatePrice): { Key: string; Value: string } {
  return { Key: PRICE_TAG, Value: priceTagValue(price) };
}
