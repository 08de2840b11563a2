// What a launch is expected to cost, and what a finished run did cost: machines × hours × the hourly price of
// each instance type and market, plus the root volume. Pure: the prices come from src/aws/prices.ts.
//
// Billing facts used here:
// - EC2 bills Windows instances per second with a 60-second minimum each time an instance enters `running`
//   (EC2 User Guide, "Amazon EC2 billing and purchasing options": "billed per-second for instances launched in
//   Linux, Windows, or Windows with SQL Enterprise, SQL Standard, or SQL Web"; "a minimum of 60 seconds each time a
//   new instance is started"). The 2017 announcement of per-second billing excluded Windows; it no longer does.
//   Spot bills the Spot price in effect, also per second.
// - EBS bills provisioned GB-months, prorated per second; AWS's pricing examples count a month as 730 hours
//   ("Amazon EBS pricing", example of a gp3 volume provisioned for part of a month).
// Not counted (the README says so): data transfer, CloudWatch Logs ingestion/storage, S3 requests and storage,
// public IPv4 addresses.
import { locale, t } from './i18n';
import { plannedRootVolumeGb } from './rootVolume';

export type Market = 'spot' | 'on-demand';

/** A price looked up in AWS, or why it is not known (a missing permission is named so the user can add it). */
export type PriceQuote = { known: true; usd: number } | { known: false; needs?: string; reason?: string };

export const HOURS_PER_MONTH = 730;
const MIN_BILLED_SECONDS = 60;
/**
 * The root volume priced when ROOT_VOLUME_GB is not set: the smallest a launch gives then (the image's snapshot
 * plus the free-space margin, rootVolume.ts; the day's inputs add more), so the estimate is a lower bound there.
 */
export const DEFAULT_ROOT_VOLUME_GB = plannedRootVolumeGb({});
/** The median is taken over at most this many of the most recent runs (older ones describe older inputs). */
export const RECENT_RUNS_FOR_MEDIAN = 20;

interface ExpectedHours {
  hours: number;
  /** `median` of `runs` earlier runs' real durations, or `maxRunHours` when none was measured. */
  source: 'median' | 'maxRunHours';
  runs: number;
}

/** Median of the durations (hours, most recent first), else MAX_RUN_HOURS. */
export function expectedHours(recentDurationsHours: readonly number[], maxRunHours: number): ExpectedHours {
  const valid = recentDurationsHours.filter((h) => Number.isFinite(h) && h > 0).slice(0, RECENT_RUNS_FOR_MEDIAN);
  if (valid.length === 0) return { hours: maxRunHours, source: 'maxRunHours', runs: 0 };
  const sorted = [...valid].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return { hours: median, source: 'median', runs: valid.length };
}

interface TypePrices {
  instanceType: string;
  onDemand: PriceQuote;
  /** Absent with MARKET=on-demand. */
  spot?: PriceQuote;
}

interface EstimateInput {
  machines: number;
  expected: ExpectedHours;
  market: Market;
  /** In launch order: the first is tried first. */
  types: readonly TypePrices[];
  rootVolume: { gb: number; assumed: boolean; gbMonth: PriceQuote };
}

interface CostBound {
  usd: number;
  market: Market;
  instanceType: string;
  usdPerHour: number;
}

export interface CostEstimate {
  machines: number;
  expected: ExpectedHours;
  /** What the launch is expected to pay: Spot of the first type with a known Spot price, else on-demand. */
  low?: CostBound;
  /** Every machine on on-demand at the dearest listed type (the fallback's worst case). */
  high?: CostBound;
  rootVolume: { gb: number; assumed: boolean; usd?: number };
  /** Permissions or reasons that left a price unknown, each once. */
  unknown: string[];
}

export function estimateCost(input: EstimateInput): CostEstimate {
  const machineHours = input.machines * input.expected.hours;
  const unknown = new Set<string>();
  const note = (q: PriceQuote | undefined): void => {
    if (q && !q.known) unknown.add(q.needs ? t('cost.needs', { permission: q.needs }) : (q.reason ?? '?'));
  };
  const bound = (market: Market, instanceType: string, usdPerHour: number): CostBound => ({
    usd: machineHours * usdPerHour,
    market,
    instanceType,
    usdPerHour,
  });
  let low: CostBound | undefined;
  let high: CostBound | undefined;
  for (const type of input.types) {
    note(type.onDemand);
    if (input.market === 'spot') note(type.spot);
    if (type.onDemand.known && (!high || type.onDemand.usd > high.usdPerHour))
      high = bound('on-demand', type.instanceType, type.onDemand.usd);
    if (low) continue;
    const first = input.market === 'spot' ? type.spot : type.onDemand;
    if (first?.known) low = bound(input.market, type.instanceType, first.usd);
  }
  note(input.rootVolume.gbMonth);
  const volume = input.rootVolume.gbMonth.known
    ? (machineHours * input.rootVolume.gb * input.rootVolume.gbMonth.usd) / HOURS_PER_MONTH
    : undefined;
  return {
    machines: input.machines,
    expected: input.expected,
    ...(low ? { low } : {}),
    ...(high ? { high } : {}),
    rootVolume: {
      gb: input.rootVolume.gb,
      assumed: input.rootVolume.assumed,
      ...(volume !== undefined ? { usd: volume } : {}),
    },
    unknown: [...unknown],
  };
}

export function formatUsd(usd: number): string {
  const digits = usd !== 0 && Math.abs(usd) < 0.1 ? 4 : 2;
  return `USD ${new Intl.NumberFormat(locale(), { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(usd)}`;
}

/** Hourly prices keep four decimals: Spot prices differ in the third. */
export function formatRate(usdPerHour: number): string {
  return `USD ${new Intl.NumberFormat(locale(), { minimumFractionDigits: 4, maximumFractionDigits: 4 }).format(usdPerHour)}`;
}

function formatHours(hours: number): string {
  return new Intl.NumberFormat(locale(), { maximumFractionDigits: 2 }).format(hours);
}

/** The estimate as the lines a confirmation shows (CLI stderr, VS Code modal detail). */
export function estimateLines(e: CostEstimate): string[] {
  const source =
    e.expected.source === 'median' ? t('cost.hours.median', { runs: e.expected.runs }) : t('cost.hours.maxRunHours');
  const lines = [t('cost.estimate.header', { machines: e.machines, hours: formatHours(e.expected.hours), source })];
  const volume = e.rootVolume.usd ?? 0;
  const rate = (b: CostBound): Record<string, string> => ({
    usd: formatUsd(b.usd + volume),
    type: b.instanceType,
    rate: formatRate(b.usdPerHour),
  });
  if (e.low && e.high && (e.low.market !== e.high.market || e.low.usdPerHour !== e.high.usdPerHour)) {
    lines.push(
      t(e.low.market === 'spot' ? 'cost.estimate.spot' : 'cost.estimate.onDemand', rate(e.low)),
      t('cost.estimate.fallback', rate(e.high)),
    );
  } else if (e.low ?? e.high) {
    const only = (e.low ?? e.high) as CostBound;
    lines.push(t(only.market === 'spot' ? 'cost.estimate.spot' : 'cost.estimate.onDemand', rate(only)));
  } else {
    lines.push(t('cost.estimate.unknown', { why: e.unknown.join('; ') || '?' }));
  }
  lines.push(
    e.rootVolume.usd === undefined
      ? t('cost.estimate.volumeUnknown', { gb: e.rootVolume.gb })
      : t(e.rootVolume.assumed ? 'cost.estimate.volumeAssumed' : 'cost.estimate.volume', {
          gb: e.rootVolume.gb,
          usd: formatUsd(e.rootVolume.usd),
        }),
  );
  if ((e.low ?? e.high) && e.unknown.length > 0)
    lines.push(t('cost.estimate.partlyUnknown', { why: e.unknown.join('; ') }));
  lines.push(t('cost.estimate.notCounted'));
  return lines;
}

// ---------------------------------------------------------------------------------------------------------
// The cost of one run.

/** Tag holding the market and USD hourly price a machine was launched at: `spot:0.150400`. */
export const PRICE_TAG = 'adatrap:price';

export interface RecordedPrice {
  market: Market;
  usdPerHour: number;
}

export function priceTagValue(p: RecordedPrice): string {
  return `${p.market}:${p.usdPerHour.toFixed(6)}`;
}

/** Strict: a machine can write any tag, so anything but `<market>:<price>` with a sane price is no price. */
export function parsePriceTag(value: string | undefined): RecordedPrice | undefined {
  const m = /^(spot|on-demand):(\d{1,3}\.\d{1,6})$/.exec(value ?? '');
  if (!m) return undefined;
  const usdPerHour = Number(m[2]);
  return usdPerHour > 0 ? { market: m[1] as Market, usdPerHour } : undefined;
}

/** Billed hours from launch to end: per second, at least 60 seconds. */
export function billedHours(launch: Date, end: Date): number {
  const seconds = Math.max(MIN_BILLED_SECONDS, Math.ceil((end.getTime() - launch.getTime()) / 1000));
  return seconds / 3600;
}

/**
 * EC2 User Guide, "Billing for interrupted Spot Instances": a Windows (or Linux, not SUSE) Spot Instance that Amazon
 * EC2 interrupts in its first hour is not charged for instance usage; interrupted later, it is charged the seconds
 * used. Its EBS volumes are charged either way. Stopping or terminating it yourself is always charged.
 */
export function spotInterruptionWaivesInstance(launch: Date, end: Date): boolean {
  return end.getTime() - launch.getTime() < 3600_000;
}

interface RunCostInput {
  launchTime: Date;
  endTime: Date;
  usdPerHour: number;
  rootVolumeGb?: number;
  gbMonthUsd?: number;
  /** The instance usage is not charged (spotInterruptionWaivesInstance); the root volume still is. */
  instanceWaived?: boolean;
}

interface RunCost {
  hours: number;
  machineUsd: number;
  volumeUsd: number;
  usd: number;
}

export function runCost(input: RunCostInput): RunCost {
  const hours = billedHours(input.launchTime, input.endTime);
  const machineUsd = input.instanceWaived ? 0 : hours * input.usdPerHour;
  const volumeUsd =
    input.rootVolumeGb !== undefined && input.gbMonthUsd !== undefined
      ? (hours * input.rootVolumeGb * input.gbMonthUsd) / HOURS_PER_MONTH
      : 0;
  return { hours, machineUsd, volumeUsd, usd: machineUsd + volumeUsd };
}

export interface RunCostView extends RunCost {
  market: Market;
  usdPerHour: number;
  /** The price came from the launch's own record (tag), not a later lookup. */
  recorded: boolean;
  /** The machine is still alive: the cost so far. */
  running: boolean;
  /** Amazon EC2 interrupted this Spot machine in its first hour: no instance charge (spotInterruptionWaivesInstance). */
  waived?: boolean;
}

/** The cost as a table cell or a tree description: `USD 1.23`, or `USD 0.45 so far` for a live machine. */
export function runCostText(c: RunCostView | undefined): string {
  if (!c) return '-';
  return c.running ? t('cost.run.sofar', { usd: formatUsd(c.usd) }) : formatUsd(c.usd);
}

/** One line explaining a run's cost: hours, price, market, and whether the price was looked up. */
export function runCostDetail(c: RunCostView): string {
  return t('cost.run.tooltip', {
    usd: runCostText(c),
    hours: formatHours(c.hours),
    rate: formatRate(c.usdPerHour),
    market: t(c.market === 'spot' ? 'cost.market.spot' : 'cost.market.on-demand'),
    source: `${c.recorded ? '' : t('cost.run.lookedUp')}${c.waived ? t('cost.run.interruptedFree') : ''}`,
  });
}

/**
 * When EC2 shut a machine down, from DescribeInstances' StateTransitionReason, e.g.
 * "User initiated (2020-07-01 04:12:09 GMT)" (the only place DescribeInstances gives the termination time).
 */
export function transitionTime(reason: string | undefined): Date | undefined {
  const m = /\((\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2}) GMT\)/.exec(reason ?? '');
  if (!m) return undefined;
  const when = new Date(`${m[1]}T${m[2]}Z`);
  return Number.isNaN(when.getTime()) ? undefined : when;
}
