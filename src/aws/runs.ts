// Our EC2 machines ("runs"): launch from a plan, list by tag, terminate, tag, wait for a state.
import type { EC2Client, Instance, _InstanceType } from '@aws-sdk/client-ec2';
import { ec2Sdk } from './ec2Sdk';
import { TAG, type LaunchPlan } from '../core/launchPlan';
import { parseRunTags, type ParsedTag } from '../core/runTags';
import {
  PRICE_TAG,
  parsePriceTag,
  transitionTime,
  type Market,
  type RecordedPrice,
  type RunCostView,
} from '../core/costEstimate';

export type InstanceState = 'pending' | 'running' | 'shutting-down' | 'terminated' | 'stopping' | 'stopped' | 'unknown';

export interface RunInfo {
  instanceId: string;
  date?: string;
  state: InstanceState;
  launchTime?: Date;
  /** The agent's outcome tag (running, succeeded, failed, …). */
  status?: string;
  /** ISO time after which the machine shuts itself down. */
  deadline?: string;
  version?: string;
  name?: string;
  /** Tags that were there but did not parse (core/runTags): shown as unknown, never used. */
  unknownTags?: ParsedTag[];
  instanceType?: string;
  /** Spot when DescribeInstances says InstanceLifecycle spot, else on-demand. */
  market?: Market;
  availabilityZone?: string;
  /** When EC2 began shutting it down (StateTransitionReason), for a machine that is no longer running. */
  endedAt?: Date;
  /** The market and price recorded at launch (`adatrap:price`), when valid. */
  price?: RecordedPrice;
  /** Amazon EC2 reclaimed this Spot machine (StateReason Server.SpotInstanceTermination), not we or its agent. */
  spotInterrupted?: boolean;
  /** A run EC2 no longer lists: the cost its agent recorded in D.manifest.json (src/aws/runCosts.ts). */
  recordedCost?: RunCostView;
}

/** States in which a machine is alive (and billing) or about to be. */
export const LIVE_STATES: readonly InstanceState[] = ['pending', 'running', 'stopping', 'stopped'];

export function isLive(run: RunInfo): boolean {
  return LIVE_STATES.includes(run.state);
}

export interface Runs {
  launch(plan: LaunchPlan): Promise<string>;
  list(): Promise<RunInfo[]>;
  describe(instanceId: string): Promise<RunInfo | undefined>;
  terminate(instanceId: string): Promise<InstanceState>;
  tag(instanceId: string, tags: Record<string, string>): Promise<void>;
  waitForState(instanceId: string, states: readonly InstanceState[], options?: WaitOptions): Promise<RunInfo>;
}

interface WaitOptions {
  timeoutMs?: number;
  intervalMs?: number;
  signal?: AbortSignal;
}

class WaitTimeoutError extends Error {
  override name = 'WaitTimeoutError';
}

const KNOWN_STATES = new Set<string>(['pending', 'running', 'shutting-down', 'terminated', 'stopping', 'stopped']);

export function toRunInfo(i: Instance): RunInfo {
  // A tag is whatever someone wrote: parsed strictly, dropped (and named) when it does not parse.
  const raw = new Map((i.Tags ?? []).map((tag) => [tag.Key ?? '', tag.Value ?? '']));
  const { unknown, ...tags } = parseRunTags(raw);
  const stateName = i.State?.Name ?? 'unknown';
  return {
    instanceId: i.InstanceId ?? '',
    ...tags,
    state: (KNOWN_STATES.has(stateName) ? stateName : 'unknown') as InstanceState,
    launchTime: i.LaunchTime,
    ...(unknown.length > 0 ? { unknownTags: unknown } : {}),
    // parsePriceTag validates the price tag itself.
    ...costFacts(i, stateName, raw.get(PRICE_TAG)),
  };
}

const ENDED_STATES = new Set(['shutting-down', 'terminated', 'stopping', 'stopped']);

function costFacts(i: Instance, stateName: string, priceTag: string | undefined): Partial<RunInfo> {
  const facts: Partial<RunInfo> = { market: i.InstanceLifecycle === 'spot' ? 'spot' : 'on-demand' };
  if (i.InstanceType) facts.instanceType = i.InstanceType;
  if (i.Placement?.AvailabilityZone) facts.availabilityZone = i.Placement.AvailabilityZone;
  const ended = ENDED_STATES.has(stateName) ? transitionTime(i.StateTransitionReason) : undefined;
  if (ended) facts.endedAt = ended;
  const price = parsePriceTag(priceTag);
  if (price) facts.price = price;
  if (i.StateReason?.Code === 'Server.SpotInstanceTermination') facts.spotInterrupted = true;
  return facts;
}

export class Ec2Runs implements Runs {
  constructor(private readonly ec2: EC2Client) {}

  async launch(plan: LaunchPlan): Promise<string> {
    // The core's plan is plain data with the EC2 API's field names. The SDK types InstanceType as a closed union
    // that lags behind new types; the core's config rules have validated the configured value.
    const r = await this.ec2.send(
      new (ec2Sdk().RunInstancesCommand)({ ...plan, InstanceType: plan.InstanceType as _InstanceType }),
    );
    const id = r.Instances?.[0]?.InstanceId;
    if (!id) throw new Error('RunInstances returned no instance id');
    return id;
  }

  /** Every instance carrying our date tag, newest launch first. */
  async list(): Promise<RunInfo[]> {
    const runs: RunInfo[] = [];
    let token: string | undefined;
    do {
      const page = await this.ec2.send(
        new (ec2Sdk().DescribeInstancesCommand)({
          Filters: [{ Name: 'tag-key', Values: [TAG.date] }],
          NextToken: token,
        }),
      );
      for (const reservation of page.Reservations ?? []) {
        for (const i of reservation.Instances ?? []) runs.push(toRunInfo(i));
      }
      token = page.NextToken;
    } while (token);
    return runs.sort((a, b) => (b.launchTime?.getTime() ?? 0) - (a.launchTime?.getTime() ?? 0));
  }

  async describe(instanceId: string): Promise<RunInfo | undefined> {
    try {
      const page = await this.ec2.send(new (ec2Sdk().DescribeInstancesCommand)({ InstanceIds: [instanceId] }));
      const i = page.Reservations?.[0]?.Instances?.[0];
      return i ? toRunInfo(i) : undefined;
    } catch (e) {
      if ((e as { name?: string }).name === 'InvalidInstanceID.NotFound') return undefined;
      throw e;
    }
  }

  async terminate(instanceId: string): Promise<InstanceState> {
    const r = await this.ec2.send(new (ec2Sdk().TerminateInstancesCommand)({ InstanceIds: [instanceId] }));
    const name = r.TerminatingInstances?.[0]?.CurrentState?.Name ?? 'unknown';
    return (KNOWN_STATES.has(name) ? name : 'unknown') as InstanceState;
  }

  async tag(instanceId: string, tags: Record<string, string>): Promise<void> {
    await this.ec2.send(
      new (ec2Sdk().CreateTagsCommand)({
        Resources: [instanceId],
        Tags: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })),
      }),
    );
  }

  async waitForState(
    instanceId: string,
    states: readonly InstanceState[],
    options: WaitOptions = {},
  ): Promise<RunInfo> {
    const deadline = Date.now() + (options.timeoutMs ?? 10 * 60_000);
    const interval = options.intervalMs ?? 5000;
    for (;;) {
      const run = await this.describe(instanceId);
      if (run && states.includes(run.state)) return run;
      if (Date.now() >= deadline) throw new WaitTimeoutError(`${instanceId} did not reach ${states.join('/')}`);
      options.signal?.throwIfAborted();
      await new Promise((r) => setTimeout(r, interval));
    }
  }
}
