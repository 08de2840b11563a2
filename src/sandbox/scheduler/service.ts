// EventBridge Scheduler, the part ADATRAP uses: one-time `at()` schedules with a universal target
// (`arn:aws:scheduler:::aws-sdk:<service>:<action>`), which the sandbox FIRES on its own clock (msPerSecond) by
// calling that action on itself through the SDK, as Scheduler calls it with the execution role.
//
// Validation follows the EventBridge Scheduler API Reference (CreateSchedule, GetSchedule, DeleteSchedule,
// ListSchedules; Common errors): Name and GroupName 1-64 of [0-9a-zA-Z-_.]; ScheduleExpression 1-256 characters,
// at(yyyy-mm-ddThh:mm:ss), rate() or cron(); FlexibleTimeWindow required, Mode OFF or FLEXIBLE (FLEXIBLE with
// MaximumWindowInMinutes 1-1440); Target.Arn and Target.RoleArn 1-1600 characters, the role an IAM role ARN;
// State ENABLED|DISABLED; ActionAfterCompletion NONE|DELETE; ListSchedules MaxResults 1-100. A schedule name
// already in its group is ConflictException (409); an unknown schedule or group ResourceNotFoundException (404).
// Not emulated: recurring schedules never fire (they are stored and listed), the retry policy (AWS retries a
// failed invocation for up to 24 hours; the sandbox invokes once and records the outcome), dead-letter queues.
import type { JsonObject } from '../stepFunctions/jsonPath';
import type { SdkResource } from '../stepFunctions/resource';
import { parseAtExpression, SCHEDULE_NAME } from '../../core/deadlineSchedule';
import { wallClockToUtc } from '../../core/zonedTime';

export class SchedulerError extends Error {
  constructor(
    readonly code: 'ValidationException' | 'ConflictException' | 'ResourceNotFoundException',
    message: string,
  ) {
    super(message);
  }
  get status(): number {
    return this.code === 'ConflictException' ? 409 : this.code === 'ResourceNotFoundException' ? 404 : 400;
  }
}

export interface Schedule {
  arn: string;
  name: string;
  groupName: string;
  scheduleExpression: string;
  scheduleExpressionTimezone: string;
  flexibleTimeWindow: { Mode: string; MaximumWindowInMinutes?: number };
  target: { Arn: string; RoleArn: string; Input?: string };
  state: 'ENABLED' | 'DISABLED';
  actionAfterCompletion: 'NONE' | 'DELETE';
  description?: string;
  creationDate: Date;
  lastModificationDate: Date;
}

export interface Invocation {
  schedule: string;
  group: string;
  target: string;
  at: Date;
  ok: boolean;
  error?: string;
}

interface SchedulerDeps {
  region: string;
  accountId: string;
  /** Sandbox milliseconds per real second of schedule time (1000 = real time). */
  msPerSecond: number;
  /** Whether EventBridge Scheduler could assume this role (it exists and trusts scheduler.amazonaws.com). */
  roleAssumable: (roleArn: string) => boolean;
  /** Schedule groups besides `default` (those CloudFormation stacks created). */
  groupExists: (name: string) => boolean;
  /** Runs a universal target's action against the sandbox itself. */
  callSdk: (resource: SdkResource, parameters: JsonObject, signal: AbortSignal) => Promise<unknown>;
  now?: () => number;
}

const ROLE_ARN = /^arn:aws(-[a-z]+)?:iam::\d{12}:role\/[\w+=,.@/-]+$/;
const UNIVERSAL_TARGET = /^arn:aws(-[a-z]+)?:scheduler:::aws-sdk:([a-z0-9]+):([a-zA-Z0-9]+)$/;
const RECURRING = /^(rate\(\d+ (minute|minutes|hour|hours|day|days)\)|cron\(\S+( \S+){5}\))$/;

function str(body: JsonObject, key: string): string | undefined {
  const v = body[key];
  return typeof v === 'string' ? v : undefined;
}

function invalid(message: string): SchedulerError {
  return new SchedulerError('ValidationException', message);
}

function validTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export class SchedulerService {
  private readonly schedules = new Map<string, Schedule>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly aborts = new Set<AbortController>();
  /** Every target invocation, oldest first (what tests and the state snapshot look at). */
  readonly invocations: Invocation[] = [];
  private readonly listeners = new Set<(i: Invocation) => void>();

  constructor(private readonly deps: SchedulerDeps) {}

  private now(): number {
    return (this.deps.now ?? Date.now)();
  }

  /** Calls `listener` after each invocation (tests wait for one instead of sleeping). */
  onInvocation(listener: (i: Invocation) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  all(): Schedule[] {
    return [...this.schedules.values()];
  }

  create(name: string, body: JsonObject): { ScheduleArn: string } {
    const groupName = this.group(str(body, 'GroupName'));
    checkName(name, 'name');
    const key = `${groupName}/${name}`;
    const expression = str(body, 'ScheduleExpression');
    if (expression === undefined || expression.length < 1 || expression.length > 256)
      throw invalid('ScheduleExpression is required and must be 1-256 characters long.');
    const atTime = parseAtExpression(expression);
    if (!atTime && !RECURRING.test(expression)) throw invalid(`Invalid Schedule Expression ${expression}.`);
    const timezone = str(body, 'ScheduleExpressionTimezone') ?? 'UTC';
    if (!validTimeZone(timezone)) throw invalid(`Invalid ScheduleExpressionTimezone ${timezone}.`);
    const window = body.FlexibleTimeWindow;
    if (typeof window !== 'object' || window === null || Array.isArray(window))
      throw invalid('FlexibleTimeWindow is required.');
    const mode = (window as JsonObject).Mode;
    const maxWindow = (window as JsonObject).MaximumWindowInMinutes;
    if (mode !== 'OFF' && mode !== 'FLEXIBLE') throw invalid('FlexibleTimeWindow.Mode must be OFF or FLEXIBLE.');
    if (
      mode === 'FLEXIBLE' &&
      !(typeof maxWindow === 'number' && Number.isInteger(maxWindow) && maxWindow >= 1 && maxWindow <= 1440)
    )
      throw invalid('MaximumWindowInMinutes must be between 1 and 1440 when FlexibleTimeWindow.Mode is FLEXIBLE.');
    const target = this.target(body.Target);
    const state = str(body, 'State') ?? 'ENABLED';
    if (state !== 'ENABLED' && state !== 'DISABLED') throw invalid('State must be ENABLED or DISABLED.');
    const after = str(body, 'ActionAfterCompletion') ?? 'NONE';
    if (after !== 'NONE' && after !== 'DELETE') throw invalid('ActionAfterCompletion must be NONE or DELETE.');
    if (this.schedules.has(key)) throw new SchedulerError('ConflictException', `Schedule ${name} already exists.`);
    const created = new Date(this.now());
    const schedule: Schedule = {
      arn: `arn:aws:scheduler:${this.deps.region}:${this.deps.accountId}:schedule/${groupName}/${name}`,
      name,
      groupName,
      scheduleExpression: expression,
      scheduleExpressionTimezone: timezone,
      flexibleTimeWindow: {
        Mode: mode,
        ...(typeof maxWindow === 'number' ? { MaximumWindowInMinutes: maxWindow } : {}),
      },
      target,
      state,
      actionAfterCompletion: after,
      ...(str(body, 'Description') !== undefined ? { description: str(body, 'Description') } : {}),
      creationDate: created,
      lastModificationDate: created,
    };
    this.schedules.set(key, schedule);
    if (atTime && state === 'ENABLED') this.arm(key, wallClockToUtc(atTime.getTime(), timezone));
    return { ScheduleArn: schedule.arn };
  }

  get(name: string, group: string | undefined): Schedule {
    const groupName = this.group(group);
    const schedule = this.schedules.get(`${groupName}/${name}`);
    if (!schedule) throw new SchedulerError('ResourceNotFoundException', `Schedule ${name} does not exist.`);
    return schedule;
  }

  delete(name: string, group: string | undefined): void {
    const schedule = this.get(name, group);
    this.remove(`${schedule.groupName}/${schedule.name}`);
  }

  list(options: { group?: string; namePrefix?: string; state?: string; maxResults?: number; nextToken?: string }): {
    schedules: Schedule[];
    nextToken?: string;
  } {
    const max = options.maxResults ?? 100;
    if (!Number.isInteger(max) || max < 1 || max > 100) throw invalid('MaxResults must be between 1 and 100.');
    if (options.state !== undefined && options.state !== 'ENABLED' && options.state !== 'DISABLED')
      throw invalid('State must be ENABLED or DISABLED.');
    if (options.group !== undefined) this.group(options.group);
    const all = [...this.schedules.values()]
      .filter((s) => options.group === undefined || s.groupName === options.group)
      .filter((s) => options.namePrefix === undefined || s.name.startsWith(options.namePrefix))
      .filter((s) => options.state === undefined || s.state === options.state)
      .sort((a, b) => `${a.groupName}/${a.name}`.localeCompare(`${b.groupName}/${b.name}`));
    const start = options.nextToken === undefined ? 0 : Number.parseInt(options.nextToken, 10);
    if (!Number.isInteger(start) || start < 0 || start > all.length) throw invalid('Invalid NextToken.');
    const page = all.slice(start, start + max);
    return { schedules: page, ...(start + max < all.length ? { nextToken: String(start + max) } : {}) };
  }

  /** Stops every timer and pending invocation (sandbox close). */
  stopAll(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    for (const a of this.aborts) a.abort();
    this.aborts.clear();
  }

  private group(name: string | undefined): string {
    const group = name ?? 'default';
    checkName(group, 'groupName');
    if (group !== 'default' && !this.deps.groupExists(group))
      throw new SchedulerError('ResourceNotFoundException', `Schedule group ${group} does not exist.`);
    return group;
  }

  private target(value: unknown): Schedule['target'] {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) throw invalid('Target is required.');
    const t = value as JsonObject;
    const arn = str(t, 'Arn');
    const roleArn = str(t, 'RoleArn');
    if (arn === undefined || arn.length < 1 || arn.length > 1600)
      throw invalid('Target.Arn must be 1-1600 characters.');
    if (roleArn === undefined || roleArn.length < 1 || roleArn.length > 1600 || !ROLE_ARN.test(roleArn))
      throw invalid(`Provided Target.RoleArn ${roleArn ?? ''} is not a valid IAM role ARN.`);
    if (!this.deps.roleAssumable(roleArn))
      throw invalid('The execution role you provide must allow AWS EventBridge Scheduler to assume the role.');
    const input = str(t, 'Input');
    if (input !== undefined && (input.length < 1 || input.length > 8192))
      throw invalid('Target.Input must be 1-8192 characters.');
    if (UNIVERSAL_TARGET.test(arn) && input !== undefined) {
      try {
        const parsed: unknown = JSON.parse(input);
        if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not an object');
      } catch {
        throw invalid('Target.Input of a universal target must be a JSON object.');
      }
    }
    return { Arn: arn, RoleArn: roleArn, ...(input !== undefined ? { Input: input } : {}) };
  }

  private arm(key: string, atMs: number): void {
    const delay = Math.max(0, ((atMs - this.now()) / 1000) * this.deps.msPerSecond);
    const timer = setTimeout(() => {
      this.timers.delete(key);
      void this.fire(key);
    }, delay);
    timer.unref();
    this.timers.set(key, timer);
  }

  private async fire(key: string): Promise<void> {
    const schedule = this.schedules.get(key);
    if (!schedule) return;
    const universal = UNIVERSAL_TARGET.exec(schedule.target.Arn);
    const invocation: Invocation = {
      schedule: schedule.name,
      group: schedule.groupName,
      target: schedule.target.Arn,
      at: new Date(this.now()),
      ok: false,
    };
    const abort = new AbortController();
    this.aborts.add(abort);
    try {
      if (!universal) throw new Error(`The sandbox invokes universal targets only, not ${schedule.target.Arn}.`);
      const parameters = JSON.parse(schedule.target.Input ?? '{}') as JsonObject;
      const resource: SdkResource = {
        service: universal[2] ?? '',
        action: universal[3] ?? '',
        waitForTaskToken: false,
      };
      await this.deps.callSdk(resource, parameters, abort.signal);
      invocation.ok = true;
    } catch (e) {
      invocation.error = e instanceof Error ? e.message : String(e);
    } finally {
      this.aborts.delete(abort);
    }
    if (abort.signal.aborted) return;
    // A one-time schedule has completed once it invoked its target, whatever the outcome.
    if (schedule.actionAfterCompletion === 'DELETE') this.remove(key);
    this.invocations.push(invocation);
    for (const listener of this.listeners) listener(invocation);
  }

  private remove(key: string): void {
    const timer = this.timers.get(key);
    if (timer) clearTimeout(timer);
    this.timers.delete(key);
    this.schedules.delete(key);
  }
}

function checkName(name: string, field: string): void {
  if (!SCHEDULE_NAME.test(name)) {
    throw invalid(
      `1 validation error detected: Value '${name}' at '${field}' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[0-9a-zA-Z-_.]+$ and have length between 1 and 64`,
    );
  }
}
