// Runs one Standard execution from its definition: each state's input/output processing (InputPath, Parameters,
// ResultSelector, ResultPath, OutputPath), Retry/Catch, Task timeouts and heartbeats, Map concurrency, and the
// history events AWS records (HistoryEvent types and *EventDetails shapes of the Step Functions API Reference,
// https://docs.aws.amazon.com/step-functions/latest/apireference/API_HistoryEvent.html). Limits applied:
// 256 KiB per payload (States.DataLimitExceeded) and 25,000 history events per execution
// (https://docs.aws.amazon.com/step-functions/latest/dg/service-quotas.html).
import { randomBytes } from 'node:crypto';
import { CHOICE_COMPARATORS, isTimestamp } from './definition';
import { errorMatches, ExecutionEnded, StatesError } from './errors';
import { evaluateIntrinsic, IntrinsicFailure, isIntrinsic, parseIntrinsic } from './intrinsics';
import { isObject, parsePath, PathNotFound, readPath, writePath, type Json, type JsonObject } from './jsonPath';
import { historyResource, parseResource, type SdkResource } from './resource';

export const MAX_PAYLOAD_BYTES = 262_144;
const MAX_HISTORY_EVENTS = 25_000;
/** "Inline mode supports up to 40 concurrent iterations" (Map state, inline mode). */
const INLINE_MAP_MAX_CONCURRENCY = 40;
const DEFAULT_TASK_TIMEOUT_SECONDS = 99_999_999;

type ExecutionStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED';

export interface HistoryEvent {
  id: number;
  previousEventId: number;
  timestamp: Date;
  type: string;
  [details: string]: unknown;
}

/** A callback task waiting for SendTaskSuccess / SendTaskFailure / SendTaskHeartbeat. */
export interface PendingTask {
  succeed(output: Json): void;
  fail(error: string, cause: string): void;
  heartbeat(): void;
}

export interface ExecutionHost {
  region: string;
  /** Real milliseconds per definition second: 1000 on AWS time, less in tests. */
  msPerSecond: number;
  callSdk(resource: SdkResource, parameters: JsonObject, signal: AbortSignal): Promise<Json>;
  openTask(token: string, task: PendingTask): void;
  closeTask(token: string): void;
  random(): number;
  /** Called once when the execution reaches a final status. */
  onEnd?: (run: ExecutionRun) => void;
}

interface ExecutionIdentity {
  executionArn: string;
  stateMachineArn: string;
  stateMachineName: string;
  name: string;
  roleArn: string;
}

/** One line of events (the execution, a Parallel branch, a Map iteration) and what stops it. */
interface Thread {
  last: number;
  signal: AbortSignal;
}

function child(thread: Thread, scope: AbortController): Thread {
  return { last: thread.last, signal: AbortSignal.any([thread.signal, scope.signal]) };
}

interface MapItem {
  Index: number;
  Value: Json;
}

export class ExecutionRun {
  readonly events: HistoryEvent[] = [];
  status: ExecutionStatus = 'RUNNING';
  readonly startDate = new Date();
  stopDate: Date | undefined;
  output: string | undefined;
  error: string | undefined;
  cause: string | undefined;
  readonly done: Promise<void>;
  private readonly controller = new AbortController();

  constructor(
    readonly id: ExecutionIdentity,
    readonly definition: JsonObject,
    readonly input: string,
    private readonly host: ExecutionHost,
  ) {
    this.done = this.run();
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  stop(error: string | undefined, cause: string | undefined): void {
    if (this.status !== 'RUNNING') return;
    this.finish('ABORTED', { type: 'ExecutionAborted', executionAbortedEventDetails: compact({ error, cause }) });
  }

  private async run(): Promise<void> {
    const thread: Thread = { last: 0, signal: this.signal };
    this.event(thread, 'ExecutionStarted', {
      executionStartedEventDetails: {
        input: this.input,
        inputDetails: { truncated: false },
        roleArn: this.id.roleArn,
      },
    });
    const timeout = this.definition.TimeoutSeconds;
    let timer: NodeJS.Timeout | undefined;
    if (typeof timeout === 'number') {
      timer = setTimeout(() => {
        this.finish('TIMED_OUT', {
          type: 'ExecutionTimedOut',
          executionTimedOutEventDetails: { error: 'States.Timeout', cause: 'The execution timed out.' },
        });
      }, timeout * this.host.msPerSecond);
    }
    try {
      const output = await this.machine(this.definition, JSON.parse(this.input) as Json, thread, undefined);
      const text = JSON.stringify(output);
      this.output = text;
      this.finish('SUCCEEDED', {
        type: 'ExecutionSucceeded',
        executionSucceededEventDetails: { output: text, outputDetails: { truncated: false } },
      });
    } catch (e) {
      if (e instanceof StatesError) {
        this.finish(
          'FAILED',
          { type: 'ExecutionFailed', executionFailedEventDetails: { error: e.error, cause: e.cause } },
          e,
        );
      } else if (!(e instanceof ExecutionEnded)) {
        const cause = e instanceof Error ? e.message : String(e);
        this.finish('FAILED', {
          type: 'ExecutionFailed',
          executionFailedEventDetails: { error: 'States.Runtime', cause },
        });
      }
    } finally {
      if (timer) clearTimeout(timer);
    }
  }

  private finish(status: ExecutionStatus, event: { type: string; [k: string]: unknown }, e?: StatesError): void {
    if (this.status !== 'RUNNING') return;
    this.status = status;
    this.stopDate = new Date();
    if (e) {
      this.error = e.error;
      this.cause = e.cause;
    }
    const { type, ...details } = event;
    const d = Object.values(details)[0] as { error?: string; cause?: string } | undefined;
    if (!e && d) {
      this.error = d.error;
      this.cause = d.cause;
    }
    this.push(type, details, this.events.length);
    this.controller.abort(new ExecutionEnded(status));
    this.host.onEnd?.(this);
  }

  private event(thread: Thread, type: string, details: Record<string, unknown>): void {
    this.ensureRunning();
    if (thread.signal.aborted) throw thread.signal.reason;
    // The last slot of the history is kept for the event that ends the execution.
    if (this.events.length >= MAX_HISTORY_EVENTS - 1) {
      this.finish('FAILED', {
        type: 'ExecutionFailed',
        executionFailedEventDetails: {
          error: 'States.Runtime',
          cause: `The execution reached the maximum number of history events (${MAX_HISTORY_EVENTS}).`,
        },
      });
      this.ensureRunning();
    }
    thread.last = this.push(type, details, thread.last);
  }

  private push(type: string, details: Record<string, unknown>, previous: number): number {
    const id = this.events.length + 1;
    this.events.push({ id, previousEventId: previous, timestamp: new Date(), type, ...details });
    return id;
  }

  private ensureRunning(): void {
    if (this.status !== 'RUNNING') throw new ExecutionEnded(this.status);
  }

  // ---- states -------------------------------------------------------------------------------------------------

  private async machine(m: JsonObject, input: Json, thread: Thread, item: MapItem | undefined): Promise<Json> {
    const states = m.States as JsonObject;
    let name = m.StartAt as string;
    let value = input;
    for (;;) {
      const state = states[name] as JsonObject;
      const { output, next } = await this.state(name, state, value, thread, item);
      if (next === undefined) return output;
      name = next;
      value = output;
    }
  }

  private async state(
    name: string,
    s: JsonObject,
    input: Json,
    thread: Thread,
    item: MapItem | undefined,
  ): Promise<{ output: Json; next?: string }> {
    const type = s.Type as string;
    const enteredTime = new Date().toISOString();
    this.event(thread, `${type}StateEntered`, {
      stateEnteredEventDetails: { name, input: JSON.stringify(input), inputDetails: { truncated: false } },
    });
    const context = (retryCount: number, token?: string): Json =>
      this.context(name, enteredTime, retryCount, token, item);
    const exited = (output: Json, next: string | undefined): { output: Json; next?: string } => {
      checkSize(output, name, 'output');
      this.event(thread, `${type}StateExited`, {
        stateExitedEventDetails: { name, output: JSON.stringify(output), outputDetails: { truncated: false } },
      });
      return { output, next };
    };
    const next = s.End === true ? undefined : (s.Next as string | undefined);

    switch (type) {
      case 'Pass': {
        let effective = inputPath(s, input);
        if (s.Parameters !== undefined) effective = applyTemplate(s.Parameters, effective, context(0), 'Parameters');
        const result = s.Result !== undefined ? s.Result : effective;
        return exited(outputPath(s, resultPath(s.ResultPath, input, result)), next);
      }
      case 'Succeed':
        return exited(outputPath(s, inputPath(s, input)), undefined);
      case 'Fail': {
        const effective = input;
        const error = s.ErrorPath !== undefined ? stringAt(s.ErrorPath, effective, context(0)) : s.Error;
        const cause = s.CausePath !== undefined ? stringAt(s.CausePath, effective, context(0)) : s.Cause;
        throw new StatesError(typeof error === 'string' ? error : '', typeof cause === 'string' ? cause : '');
      }
      case 'Choice': {
        const effective = inputPath(s, input);
        const rules = s.Choices as JsonObject[];
        const matched = rules.find((r) => evaluateRule(r, effective, context(0)));
        const target = (matched?.Next as string | undefined) ?? (s.Default as string | undefined);
        if (target === undefined) {
          throw new StatesError('States.NoChoiceMatched', `No Choice Rules matched and no Default in state '${name}'.`);
        }
        return exited(outputPath(s, effective), target);
      }
      case 'Wait': {
        const effective = inputPath(s, input);
        await sleep(waitSeconds(s, effective, context(0)), this.host.msPerSecond, thread.signal);
        return exited(outputPath(s, effective), next);
      }
      case 'Task':
      case 'Parallel':
      case 'Map':
        return this.withErrorHandling(name, s, input, thread, context, exited, next);
      default:
        throw new StatesError('States.Runtime', `Unknown state type ${type}`);
    }
  }

  /** Task, Parallel and Map: an attempt, then Retry (first matching retrier) and Catch (first matching catcher). */
  private async withErrorHandling(
    name: string,
    s: JsonObject,
    input: Json,
    thread: Thread,
    context: (retryCount: number, token?: string) => Json,
    exited: (output: Json, next: string | undefined) => { output: Json; next?: string },
    next: string | undefined,
  ): Promise<{ output: Json; next?: string }> {
    const retriers = (s.Retry as JsonObject[] | undefined) ?? [];
    const attempts = retriers.map(() => 0);
    let retryCount = 0;
    for (;;) {
      try {
        const effective = inputPath(s, input);
        let result: Json;
        if (s.Type === 'Task')
          result = await this.task(name, s, input, effective, thread, (t) => context(retryCount, t));
        else if (s.Type === 'Parallel') result = await this.parallel(name, s, effective, thread, context(retryCount));
        else result = await this.map(name, s, input, effective, thread, context(retryCount));
        if (s.ResultSelector !== undefined)
          result = applyTemplate(s.ResultSelector, result, context(retryCount), 'ResultSelector');
        return exited(outputPath(s, resultPath(s.ResultPath, input, result)), next);
      } catch (e) {
        if (!(e instanceof StatesError)) throw e;
        const index = retriers.findIndex((r) => errorMatches(r.ErrorEquals as string[], e.error));
        const retrier = retriers[index];
        if (retrier) {
          const max = typeof retrier.MaxAttempts === 'number' ? retrier.MaxAttempts : 3;
          const done = attempts[index] ?? 0;
          if (done < max) {
            attempts[index] = done + 1;
            retryCount++;
            await sleep(retryDelay(retrier, done, this.host.random), this.host.msPerSecond, thread.signal);
            continue;
          }
        }
        const catchers = (s.Catch as JsonObject[] | undefined) ?? [];
        const catcher = catchers.find((c) => errorMatches(c.ErrorEquals as string[], e.error));
        if (!catcher) throw e;
        const errorOutput: Json = { Error: e.error, Cause: e.cause };
        const path = catcher.ResultPath === undefined ? '$' : catcher.ResultPath;
        return exited(resultPath(path, input, errorOutput), catcher.Next as string);
      }
    }
  }

  private async task(
    name: string,
    s: JsonObject,
    rawInput: Json,
    effective: Json,
    thread: Thread,
    context: (token?: string) => Json,
  ): Promise<Json> {
    const resource = parseResource(s.Resource as string).resource as SdkResource;
    const names = historyResource(resource);
    const token = resource.waitForTaskToken ? newTaskToken() : undefined;
    const ctx = context(token);
    const parameters =
      s.Parameters !== undefined ? applyTemplate(s.Parameters, effective, ctx, 'Parameters') : effective;
    checkSize(parameters, name, 'input');
    if (!isObject(parameters)) {
      throw new StatesError('States.Runtime', `The parameters of the Task state '${name}' must be a JSON object.`);
    }
    const timeoutSeconds = secondsField(s, 'TimeoutSeconds', rawInput) ?? DEFAULT_TASK_TIMEOUT_SECONDS;
    const heartbeatSeconds = secondsField(s, 'HeartbeatSeconds', rawInput);
    this.event(thread, 'TaskScheduled', {
      taskScheduledEventDetails: compact({
        ...names,
        region: this.host.region,
        parameters: JSON.stringify(parameters),
        timeoutInSeconds:
          s.TimeoutSeconds !== undefined || s.TimeoutSecondsPath !== undefined ? timeoutSeconds : undefined,
        heartbeatInSeconds: heartbeatSeconds,
      }),
    });
    this.event(thread, 'TaskStarted', { taskStartedEventDetails: names });

    const attempt = new AbortController();
    const onEnd = (): void => attempt.abort(thread.signal.reason);
    if (thread.signal.aborted) throw thread.signal.reason;
    thread.signal.addEventListener('abort', onEnd, { once: true });
    const timers: NodeJS.Timeout[] = [];
    try {
      const outcome = await new Promise<Json>((resolve, reject) => {
        const settle = (f: () => void): void => {
          if (attempt.signal.aborted) return;
          f();
          attempt.abort(new ExecutionEnded('settled'));
        };
        attempt.signal.addEventListener('abort', () => reject(attempt.signal.reason), { once: true });
        timers.push(
          setTimeout(
            () => settle(() => reject(new StatesError('States.Timeout', 'Task timed out.'))),
            timeoutSeconds * this.host.msPerSecond,
          ),
        );
        let heartbeatTimer: NodeJS.Timeout | undefined;
        const armHeartbeat = (): void => {
          if (heartbeatSeconds === undefined) return;
          if (heartbeatTimer) clearTimeout(heartbeatTimer);
          heartbeatTimer = setTimeout(
            () => settle(() => reject(new StatesError('States.HeartbeatTimeout', 'Task heartbeat timed out.'))),
            heartbeatSeconds * this.host.msPerSecond,
          );
          timers.push(heartbeatTimer);
        };
        armHeartbeat();
        if (token) {
          this.host.openTask(token, {
            succeed: (output) => settle(() => resolve(output)),
            fail: (error, cause) => settle(() => reject(new StatesError(error, cause))),
            heartbeat: armHeartbeat,
          });
        }
        this.host.callSdk(resource, parameters, attempt.signal).then(
          (result) => {
            if (attempt.signal.aborted) return;
            checkSizeOrReject(result, name, reject);
            if (!token) settle(() => resolve(result));
            else
              this.event(thread, 'TaskSubmitted', {
                taskSubmittedEventDetails: { ...names, output: JSON.stringify(result) },
              });
          },
          (e: unknown) => settle(() => reject(e)),
        );
      });
      checkSize(outcome, name, 'result');
      this.event(thread, 'TaskSucceeded', {
        taskSucceededEventDetails: { ...names, output: JSON.stringify(outcome), outputDetails: { truncated: false } },
      });
      return outcome;
    } catch (e) {
      if (e instanceof StatesError) {
        const timedOut = e.error === 'States.Timeout' || e.error === 'States.HeartbeatTimeout';
        if (timedOut) {
          this.event(thread, 'TaskTimedOut', {
            taskTimedOutEventDetails: { ...names, error: e.error, cause: e.cause },
          });
        } else {
          this.event(thread, 'TaskFailed', { taskFailedEventDetails: { ...names, error: e.error, cause: e.cause } });
        }
      }
      throw e;
    } finally {
      for (const t of timers) clearTimeout(t);
      thread.signal.removeEventListener('abort', onEnd);
      if (token) this.host.closeTask(token);
    }
  }

  private async parallel(name: string, s: JsonObject, effective: Json, thread: Thread, ctx: Json): Promise<Json> {
    const input = s.Parameters !== undefined ? applyTemplate(s.Parameters, effective, ctx, 'Parameters') : effective;
    checkSize(input, name, 'input');
    this.event(thread, 'ParallelStateStarted', {});
    const branches = s.Branches as JsonObject[];
    // The first branch to fail stops the others, as on AWS; its error is the Parallel state's.
    const scope = new AbortController();
    let failure: unknown;
    const results = await Promise.all(
      branches.map((b) =>
        this.machine(b, input, child(thread, scope), undefined).catch((e: unknown) => {
          if (failure === undefined) failure = e;
          scope.abort(new ExecutionEnded('branch failed'));
          return null;
        }),
      ),
    );
    if (failure !== undefined) {
      if (failure instanceof StatesError) this.event(thread, 'ParallelStateFailed', {});
      throw failure;
    }
    this.event(thread, 'ParallelStateSucceeded', {});
    return results;
  }

  private async map(
    name: string,
    s: JsonObject,
    rawInput: Json,
    effective: Json,
    thread: Thread,
    ctx: Json,
  ): Promise<Json> {
    const itemsPath = s.ItemsPath === undefined ? '$' : s.ItemsPath;
    const items = itemsPath === null ? effective : readOrFail(itemsPath as string, effective, ctx, 'ItemsPath');
    if (!Array.isArray(items)) {
      throw new StatesError('States.Runtime', `Map state '${name}': the value at ItemsPath must be a JSON array.`);
    }
    let limit = typeof s.MaxConcurrency === 'number' ? s.MaxConcurrency : 0;
    if (s.MaxConcurrencyPath !== undefined) {
      const v = readOrFail(s.MaxConcurrencyPath as string, rawInput, ctx, 'MaxConcurrencyPath');
      if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) {
        throw new StatesError(
          'States.Runtime',
          `Map state '${name}': MaxConcurrencyPath must point to an integer >= 0.`,
        );
      }
      limit = v;
    }
    const concurrency = limit === 0 ? INLINE_MAP_MAX_CONCURRENCY : Math.min(limit, INLINE_MAP_MAX_CONCURRENCY);
    const processor = (s.ItemProcessor ?? s.Iterator) as JsonObject;
    const selector = s.ItemSelector ?? s.Parameters;
    this.event(thread, 'MapStateStarted', { mapStateStartedEventDetails: { length: items.length } });
    const results: Json[] = new Array<Json>(items.length).fill(null);
    let nextIndex = 0;
    let failure: unknown;
    // The first iteration to fail stops the others (MapIterationAborted), as on AWS.
    const scope = new AbortController();
    const worker = async (): Promise<void> => {
      while (failure === undefined && nextIndex < items.length) {
        const index = nextIndex++;
        const item: MapItem = { Index: index, Value: items[index] as Json };
        const iterThread = child(thread, scope);
        this.event(iterThread, 'MapIterationStarted', { mapIterationStartedEventDetails: { name, index } });
        try {
          const itemContext = { ...(ctx as JsonObject), Map: { Item: { Index: index, Value: item.Value } } };
          const itemInput =
            selector !== undefined ? applyTemplate(selector, effective, itemContext, 'ItemSelector') : item.Value;
          results[index] = await this.machine(processor, itemInput, iterThread, item);
          this.event(iterThread, 'MapIterationSucceeded', { mapIterationSucceededEventDetails: { name, index } });
        } catch (e) {
          if (failure === undefined) {
            failure = e;
            if (e instanceof StatesError) {
              this.event(thread, 'MapIterationFailed', { mapIterationFailedEventDetails: { name, index } });
            }
            scope.abort(new ExecutionEnded('iteration failed'));
          } else if (this.status === 'RUNNING') {
            this.event(thread, 'MapIterationAborted', { mapIterationAbortedEventDetails: { name, index } });
          }
          return;
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, Math.max(items.length, 1)) }, () => worker()));
    if (failure !== undefined) {
      if (failure instanceof StatesError) this.event(thread, 'MapStateFailed', {});
      throw failure;
    }
    this.event(thread, 'MapStateSucceeded', {});
    return results;
  }

  private context(
    name: string,
    enteredTime: string,
    retryCount: number,
    token: string | undefined,
    item: MapItem | undefined,
  ): Json {
    const ctx: JsonObject = {
      Execution: {
        Id: this.id.executionArn,
        Input: JSON.parse(this.input) as Json,
        Name: this.id.name,
        RoleArn: this.id.roleArn,
        StartTime: this.startDate.toISOString(),
        RedriveCount: 0,
      },
      State: { EnteredTime: enteredTime, Name: name, RetryCount: retryCount },
      StateMachine: { Id: this.id.stateMachineArn, Name: this.id.stateMachineName },
    };
    if (token) ctx.Task = { Token: token };
    if (item) ctx.Map = { Item: { Index: item.Index, Value: item.Value } };
    return ctx;
  }
}

// ---- input and output processing ------------------------------------------------------------------------------

function sleep(seconds: number, msPerSecond: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, seconds * msPerSecond);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

function inputPath(s: JsonObject, input: Json): Json {
  if (s.InputPath === null) return {};
  if (s.InputPath === undefined) return input;
  return readOrFail(s.InputPath as string, input, null, 'InputPath');
}

function outputPath(s: JsonObject, output: Json): Json {
  if (s.OutputPath === null) return {};
  if (s.OutputPath === undefined) return output;
  return readOrFail(s.OutputPath as string, output, null, 'OutputPath');
}

function resultPath(path: Json | undefined, input: Json, result: Json): Json {
  if (path === null) return input;
  const text = path === undefined ? '$' : (path as string);
  try {
    return writePath(parsePath(text), input, result);
  } catch {
    throw new StatesError(
      'States.Runtime',
      `Unable to apply ResultPath '${text}' to input ${JSON.stringify(input)}: the path does not fit the input.`,
    );
  }
}

function readOrFail(path: string, input: Json, context: Json, field: string): Json {
  try {
    return readPath(parsePath(path), input, context);
  } catch (e) {
    if (!(e instanceof PathNotFound)) throw e;
    throw new StatesError(
      'States.Runtime',
      `The JSONPath '${path}' specified for the field '${field}' could not be found in the input '${JSON.stringify(input)}'`,
    );
  }
}

/** Parameters, ItemSelector, ResultSelector: `key.$` fields take a path's value or an intrinsic's result. */
function applyTemplate(template: Json, input: Json, context: Json, field: string): Json {
  if (Array.isArray(template)) return template.map((t) => applyTemplate(t, input, context, field));
  if (!isObject(template)) return template;
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(template)) {
    if (!key.endsWith('.$')) {
      out[key] = applyTemplate(value, input, context, field);
      continue;
    }
    const text = value as string;
    const target = key.slice(0, -2);
    if (isIntrinsic(text)) {
      try {
        out[target] = evaluateIntrinsic(parseIntrinsic(text), { input, context });
      } catch (e) {
        if (e instanceof IntrinsicFailure) throw new StatesError('States.IntrinsicFailure', e.message);
        throw e;
      }
    } else out[target] = readOrFail(text, input, context, key);
  }
  return out;
}

function stringAt(path: Json | undefined, input: Json, context: Json): string {
  const text = path as string;
  let v: Json;
  if (isIntrinsic(text)) v = evaluateIntrinsic(parseIntrinsic(text), { input, context });
  else v = readOrFail(text, input, context, 'ErrorPath');
  if (typeof v !== 'string') throw new StatesError('States.Runtime', `The value at '${text}' must be a string.`);
  return v;
}

function secondsField(s: JsonObject, field: 'TimeoutSeconds' | 'HeartbeatSeconds', rawInput: Json): number | undefined {
  const literal = s[field];
  if (typeof literal === 'number') return literal;
  const path = s[`${field}Path`];
  if (typeof path !== 'string') return undefined;
  const v = readOrFail(path, rawInput, null, `${field}Path`);
  if (typeof v !== 'number' || !Number.isInteger(v) || v <= 0) {
    throw new StatesError('States.Runtime', `${field}Path '${path}' must point to a positive integer.`);
  }
  return v;
}

function waitSeconds(s: JsonObject, effective: Json, context: Json): number {
  if (typeof s.Seconds === 'number') return s.Seconds;
  if (typeof s.Timestamp === 'string') return Math.max(0, (Date.parse(s.Timestamp) - Date.now()) / 1000);
  if (typeof s.SecondsPath === 'string') {
    const v = readOrFail(s.SecondsPath, effective, context, 'SecondsPath');
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) {
      throw new StatesError('States.Runtime', `SecondsPath '${s.SecondsPath}' must point to an integer >= 0.`);
    }
    return v;
  }
  const v = readOrFail(s.TimestampPath as string, effective, context, 'TimestampPath');
  if (!isTimestamp(v)) throw new StatesError('States.Runtime', `TimestampPath must point to an RFC3339 timestamp.`);
  return Math.max(0, (Date.parse(v) - Date.now()) / 1000);
}

/** IntervalSeconds × BackoffRate^attempt, capped by MaxDelaySeconds; FULL jitter draws from [0, delay). */
export function retryDelay(r: JsonObject, attempt: number, random: () => number): number {
  const interval = typeof r.IntervalSeconds === 'number' ? r.IntervalSeconds : 1;
  const backoff = typeof r.BackoffRate === 'number' ? r.BackoffRate : 2;
  let delay = interval * Math.pow(backoff, attempt);
  if (typeof r.MaxDelaySeconds === 'number') delay = Math.min(delay, r.MaxDelaySeconds);
  if (r.JitterStrategy === 'FULL') delay = random() * delay;
  return delay;
}

function checkSize(value: Json, state: string, what: string): void {
  const bytes = Buffer.byteLength(JSON.stringify(value), 'utf8');
  if (bytes > MAX_PAYLOAD_BYTES) {
    throw new StatesError(
      'States.DataLimitExceeded',
      `The state/task '${state}' ${what} is ${bytes} bytes, more than the ${MAX_PAYLOAD_BYTES}-byte limit.`,
    );
  }
}

function checkSizeOrReject(value: Json, state: string, reject: (e: unknown) => void): void {
  try {
    checkSize(value, state, 'result');
  } catch (e) {
    reject(e);
  }
}

// ---- Choice rules ---------------------------------------------------------------------------------------------

function evaluateRule(rule: JsonObject, input: Json, context: Json): boolean {
  if (Array.isArray(rule.And)) return rule.And.every((r) => evaluateRule(r as JsonObject, input, context));
  if (Array.isArray(rule.Or)) return rule.Or.some((r) => evaluateRule(r as JsonObject, input, context));
  if (isObject(rule.Not)) return !evaluateRule(rule.Not, input, context);
  const op = Object.keys(rule).find((k) => k !== 'Variable' && k !== 'Next' && k !== 'Comment') as string;
  const variable = rule.Variable as string;
  let present = true;
  let value: Json = null;
  try {
    value = readPath(parsePath(variable), input, context);
  } catch (e) {
    if (!(e instanceof PathNotFound)) throw e;
    present = false;
  }
  if (op === 'IsPresent') return present === rule.IsPresent;
  if (!present) {
    throw new StatesError(
      'States.Runtime',
      `Invalid path '${variable}': the choice state's condition path references an invalid value.`,
    );
  }
  const base = op.endsWith('Path') ? op.slice(0, -4) : op;
  const expected: Json = op.endsWith('Path') ? readOrFail(rule[op] as string, input, context, op) : (rule[op] as Json);
  if (!(CHOICE_COMPARATORS as readonly string[]).includes(base)) return false;
  switch (base) {
    case 'IsNull':
      return (value === null) === expected;
    case 'IsNumeric':
      return (typeof value === 'number') === expected;
    case 'IsString':
      return (typeof value === 'string') === expected;
    case 'IsBoolean':
      return (typeof value === 'boolean') === expected;
    case 'IsTimestamp':
      return isTimestamp(value) === expected;
    case 'BooleanEquals':
      return typeof value === 'boolean' && value === expected;
    case 'StringMatches':
      return typeof value === 'string' && typeof expected === 'string' && globMatches(expected, value);
  }
  const kind = base.startsWith('String') ? 'string' : base.startsWith('Numeric') ? 'number' : 'timestamp';
  const relation = base.replace(/^(String|Numeric|Timestamp)/, '');
  let a: number | string;
  let b: number | string;
  if (kind === 'timestamp') {
    if (!isTimestamp(value) || !isTimestamp(expected)) return false;
    a = Date.parse(value);
    b = Date.parse(expected);
  } else {
    if (typeof value !== kind || typeof expected !== kind) return false;
    a = value as number | string;
    b = expected as number | string;
  }
  switch (relation) {
    case 'Equals':
      return a === b;
    case 'LessThan':
      return a < b;
    case 'GreaterThan':
      return a > b;
    case 'LessThanEquals':
      return a <= b;
    case 'GreaterThanEquals':
      return a >= b;
    default:
      return false;
  }
}

/** StringMatches: `*` is any run of characters; `\*` and `\\` are a literal star and backslash. */
function globMatches(pattern: string, value: string): boolean {
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] as string;
    if (c === '\\' && i + 1 < pattern.length) re += escapeRegExp(pattern[++i] as string);
    else if (c === '*') re += '[\\s\\S]*';
    else re += escapeRegExp(c);
  }
  return new RegExp(`^${re}$`).test(value);
}

function escapeRegExp(c: string): string {
  return c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** Opaque, longer than a 256-character tag value can hold, like AWS's (SendTaskSuccess allows up to 2,048). */
function newTaskToken(): string {
  return `AQ${randomBytes(480).toString('base64').replace(/=+$/, '')}`;
}

function compact(o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
}
