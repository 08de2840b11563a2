// CloudFormation for `adatrap-miner setup`: create or update one stack and follow it to the end, or delete it.
// Progress comes from DescribeStackEvents (the events CloudFormation records for each resource, newest first);
// the end is the stack's own status: *_COMPLETE without ROLLBACK is success, anything ending in ROLLBACK_COMPLETE
// or FAILED is failure (CloudFormation User Guide, "Stack status codes"). UpdateStack with nothing to change
// fails with ValidationError "No updates are to be performed.": for setup that is success (idempotent).
import type { CloudFormationClient, StackEvent as SdkStackEvent } from '@aws-sdk/client-cloudformation';
import { cloudFormationSdk } from './sdk';
import { UserError, errorMessage } from '../core/errors';
import { t } from '../core/i18n';

export interface StackEvent {
  time: Date;
  logicalId: string;
  resourceType: string;
  status: string;
  reason?: string;
}

export interface StackState {
  status: string;
  outputs: Record<string, string>;
}

export type DeployAction = 'created' | 'updated' | 'unchanged';

interface StackOptions {
  onEvent?: (event: StackEvent) => void;
  pollMs?: number;
  /** Gives up following (the stack operation goes on in AWS) after this long. */
  timeoutMs?: number;
}

const DONE_OK = new Set(['CREATE_COMPLETE', 'UPDATE_COMPLETE', 'DELETE_COMPLETE', 'IMPORT_COMPLETE']);
const isFinal = (status: string) => status.endsWith('_COMPLETE') || status.endsWith('_FAILED');
const isFailure = (status: string) => status.includes('ROLLBACK') || status.endsWith('_FAILED');

const errorName = (e: unknown) => (e as { name?: string }).name ?? '';

export class CloudFormationStacks {
  constructor(private readonly cfn: CloudFormationClient) {}

  /** The stack, or undefined when it does not exist (DescribeStacks answers ValidationError for that). */
  async describe(name: string): Promise<StackState | undefined> {
    const sdk = cloudFormationSdk();
    try {
      const out = await this.cfn.send(new sdk.DescribeStacksCommand({ StackName: name }));
      const stack = out.Stacks?.[0];
      if (!stack || stack.StackStatus === 'DELETE_COMPLETE') return undefined;
      const outputs: Record<string, string> = {};
      for (const o of stack.Outputs ?? [])
        if (o.OutputKey && o.OutputValue !== undefined) outputs[o.OutputKey] = o.OutputValue;
      return { status: stack.StackStatus ?? 'UNKNOWN', outputs };
    } catch (e) {
      if (errorName(e) === 'ValidationError' && /does not exist/i.test(errorMessage(e))) return undefined;
      throw e;
    }
  }

  async deploy(
    name: string,
    templateBody: string,
    options: StackOptions = {},
  ): Promise<{ action: DeployAction; state: StackState }> {
    const sdk = cloudFormationSdk();
    const existing = await this.describe(name);
    // A stack whose creation failed can only be deleted (ROLLBACK_COMPLETE): say so instead of a raw error.
    if (existing?.status === 'ROLLBACK_COMPLETE') throw new UserError(t('orch.setup.rolledBack', { stack: name }));
    const seen = existing ? await this.eventIds(name) : new Set<string>();
    const request = {
      StackName: name,
      TemplateBody: templateBody,
      // The template names its roles and instance profile (INSTANCE_PROFILE goes in .env).
      Capabilities: ['CAPABILITY_NAMED_IAM' as const],
      Tags: [{ Key: 'adatrap:stack', Value: name }],
    };
    let action: DeployAction;
    try {
      if (existing) {
        await this.cfn.send(new sdk.UpdateStackCommand(request));
        action = 'updated';
      } else {
        await this.cfn.send(new sdk.CreateStackCommand(request));
        action = 'created';
      }
    } catch (e) {
      if (existing && errorName(e) === 'ValidationError' && /No updates are to be performed/i.test(errorMessage(e)))
        return { action: 'unchanged', state: existing };
      throw stackError(e, name);
    }
    const state = await this.follow(name, seen, options);
    if (isFailure(state.status))
      throw new UserError(t('orch.setup.failed', { stack: name, status: state.status, reason: this.lastReason ?? '' }));
    return { action, state };
  }

  async delete(name: string, options: StackOptions = {}): Promise<boolean> {
    const sdk = cloudFormationSdk();
    const existing = await this.describe(name);
    if (!existing) return false;
    const seen = await this.eventIds(name);
    try {
      await this.cfn.send(new sdk.DeleteStackCommand({ StackName: name }));
    } catch (e) {
      throw stackError(e, name);
    }
    const state = await this.follow(name, seen, options);
    if (state.status !== 'DELETE_COMPLETE')
      throw new UserError(t('orch.setup.failed', { stack: name, status: state.status, reason: this.lastReason ?? '' }));
    return true;
  }

  private lastReason: string | undefined;

  private async eventIds(name: string): Promise<Set<string>> {
    return new Set((await this.events(name)).map((e) => e.EventId ?? ''));
  }

  private async events(name: string): Promise<SdkStackEvent[]> {
    const sdk = cloudFormationSdk();
    try {
      const out = await this.cfn.send(new sdk.DescribeStackEventsCommand({ StackName: name }));
      return out.StackEvents ?? [];
    } catch (e) {
      if (errorName(e) === 'ValidationError') return [];
      throw e;
    }
  }

  /** Reports new events oldest first until the stack reaches a final status (or disappears, for a delete). */
  private async follow(name: string, seen: Set<string>, options: StackOptions): Promise<StackState> {
    const pollMs = options.pollMs ?? 5000;
    const deadline = Date.now() + (options.timeoutMs ?? 60 * 60_000);
    this.lastReason = undefined;
    for (;;) {
      const fresh = (await this.events(name)).filter((e) => e.EventId && !seen.has(e.EventId)).reverse();
      for (const e of fresh) {
        seen.add(e.EventId as string);
        const status = e.ResourceStatus ?? '';
        if (e.ResourceStatusReason && status.endsWith('FAILED'))
          this.lastReason ??= `${e.LogicalResourceId}: ${e.ResourceStatusReason}`;
        options.onEvent?.({
          time: e.Timestamp ?? new Date(),
          logicalId: e.LogicalResourceId ?? '',
          resourceType: e.ResourceType ?? '',
          status,
          ...(e.ResourceStatusReason ? { reason: e.ResourceStatusReason } : {}),
        });
      }
      const state = await this.describe(name);
      if (!state) return { status: 'DELETE_COMPLETE', outputs: {} };
      if (isFinal(state.status) && (DONE_OK.has(state.status) || isFailure(state.status))) return state;
      if (Date.now() > deadline)
        throw new UserError(t('orch.setup.stillRunning', { stack: name, status: state.status }));
      await new Promise((resolve) => setTimeout(resolve, pollMs));
    }
  }
}

function stackError(e: unknown, stack: string): unknown {
  const name = errorName(e);
  if (name === 'InsufficientCapabilitiesException' || /AccessDenied|not authorized/i.test(`${name} ${errorMessage(e)}`))
    return new UserError(t('orch.setup.denied', { stack, reason: errorMessage(e) }));
  if (name === 'ValidationError') return new UserError(t('orch.setup.invalid', { stack, reason: errorMessage(e) }));
  return e;
}
