import * as assert from 'node:assert/strict';
import { StatesError } from '../../../../src/sandbox/stepFunctions/errors';
import { retryDelay } from '../../../../src/sandbox/stepFunctions/interpreter';
import type { Json, JsonObject } from '../../../../src/sandbox/stepFunctions/jsonPath';
import { SfnError } from '../../../../src/sandbox/stepFunctions/service';
import { countingLoop, machine, mapMachine, parallel } from '../../../helpers/asl';
import { harness, outputOf, types, until } from './harness';

const task = (extra: object = {}): object => ({
  Type: 'Task',
  Resource: 'arn:aws:states:::aws-sdk:ec2:describeInstances',
  End: true,
  ...extra,
});

describe('Step Functions interpreter: input and output processing', () => {
  it('applies InputPath, Parameters, Result, ResultPath and OutputPath in that order', async () => {
    const h = harness();
    const run = await h.run(
      machine({
        A: {
          Type: 'Pass',
          InputPath: '$.order',
          Parameters: { 'id.$': '$.id', fixed: 1, nested: { 'first.$': '$.items[0]' } },
          ResultPath: '$.picked',
          Next: 'B',
        },
        B: { Type: 'Pass', Result: { ok: true }, ResultPath: '$.result', OutputPath: '$.result', End: true },
      }),
      { order: { id: 'o-1', items: ['x', 'y'] } },
    );
    assert.equal(run.status, 'SUCCEEDED');
    assert.deepEqual(outputOf(run), { ok: true });
    const exitedA = run.events.find((e) => e.type === 'PassStateExited') as unknown as {
      stateExitedEventDetails: { output: string };
    };
    assert.deepEqual(JSON.parse(exitedA.stateExitedEventDetails.output), {
      order: { id: 'o-1', items: ['x', 'y'] },
      picked: { id: 'o-1', fixed: 1, nested: { first: 'x' } },
    });
  });

  it('gives states the context object ($$.Execution, $$.State, $$.StateMachine)', async () => {
    const h = harness();
    const run = await h.run(
      machine({
        Ctx: {
          Type: 'Pass',
          Parameters: {
            'exec.$': '$$.Execution.Id',
            'name.$': '$$.Execution.Name',
            'input.$': '$$.Execution.Input.x',
            'state.$': '$$.State.Name',
            'retry.$': '$$.State.RetryCount',
            'machine.$': '$$.StateMachine.Name',
          },
          End: true,
        },
      }),
      { x: 42 },
    );
    const out = outputOf(run) as JsonObject;
    assert.match(out.exec as string, /^arn:aws:states:us-east-1:123456789012:execution:machine-1:/);
    assert.equal(out.input, 42);
    assert.equal(out.state, 'Ctx');
    assert.equal(out.retry, 0);
    assert.equal(out.machine, 'machine-1');
  });

  it('InputPath/OutputPath null give {} and ResultPath null keeps the input', async () => {
    const h = harness();
    const run = await h.run(
      machine({
        A: { Type: 'Pass', Result: 'dropped', ResultPath: null, Next: 'B' },
        B: { Type: 'Pass', InputPath: null, ResultPath: '$.x', Next: 'C' },
        C: { Type: 'Pass', OutputPath: null, End: true },
      }),
      { keep: 1 },
    );
    assert.deepEqual(outputOf(run), {});
    const exited = run.events.filter((e) => e.type === 'PassStateExited') as unknown as Array<{
      stateExitedEventDetails: { output: string };
    }>;
    assert.deepEqual(JSON.parse(exited[0]?.stateExitedEventDetails.output ?? ''), { keep: 1 });
    assert.deepEqual(JSON.parse(exited[1]?.stateExitedEventDetails.output ?? ''), { keep: 1, x: {} });
  });

  it('a path that is not in the input fails the execution with States.Runtime, which States.ALL cannot catch', async () => {
    const h = harness();
    const run = await h.run(
      machine({
        T: task({ Parameters: { 'x.$': '$.missing' }, Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Caught' }] }),
        Caught: { Type: 'Succeed' },
      }),
    );
    assert.equal(run.status, 'FAILED');
    assert.equal(run.error, 'States.Runtime');
    assert.match(run.cause ?? '', /\$\.missing/);
  });

  it('a payload over 256 KiB is States.DataLimitExceeded, not caught by States.ALL', async () => {
    const h = harness(() => ({ Big: 'x'.repeat(262_144) }));
    const run = await h.run(
      machine({ T: task({ Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Caught' }] }), Caught: { Type: 'Succeed' } }),
    );
    assert.equal(run.status, 'FAILED');
    assert.equal(run.error, 'States.DataLimitExceeded');
  });
});

describe('Step Functions interpreter: Choice', () => {
  const choose = async (rule: object, input: Json): Promise<string> => {
    const h = harness();
    const run = await h.run(
      machine({
        C: { Type: 'Choice', Choices: [{ ...rule, Next: 'Yes' }], Default: 'No' },
        Yes: { Type: 'Pass', Result: 'yes', End: true },
        No: { Type: 'Pass', Result: 'no', End: true },
      }),
      input,
    );
    assert.equal(run.status, 'SUCCEEDED', run.cause);
    return outputOf(run) as string;
  };

  it('evaluates every comparison operator', async () => {
    const input = { s: 'beta', n: 5, b: true, t: '2020-07-01T00:00:00Z', z: null, other: 'beta', m: 5 };
    const cases: Array<[object, string]> = [
      [{ Variable: '$.s', StringEquals: 'beta' }, 'yes'],
      [{ Variable: '$.s', StringEquals: 'alpha' }, 'no'],
      [{ Variable: '$.s', StringEqualsPath: '$.other' }, 'yes'],
      [{ Variable: '$.s', StringLessThan: 'gamma' }, 'yes'],
      [{ Variable: '$.s', StringGreaterThan: 'gamma' }, 'no'],
      [{ Variable: '$.s', StringLessThanEquals: 'beta' }, 'yes'],
      [{ Variable: '$.s', StringGreaterThanEquals: 'beta' }, 'yes'],
      [{ Variable: '$.s', StringMatches: 'b*a' }, 'yes'],
      [{ Variable: '$.s', StringMatches: 'b\\*' }, 'no'],
      [{ Variable: '$.n', NumericEquals: 5 }, 'yes'],
      [{ Variable: '$.n', NumericEqualsPath: '$.m' }, 'yes'],
      [{ Variable: '$.n', NumericLessThan: 5 }, 'no'],
      [{ Variable: '$.n', NumericGreaterThan: 4.5 }, 'yes'],
      [{ Variable: '$.n', NumericLessThanEquals: 5 }, 'yes'],
      [{ Variable: '$.n', NumericGreaterThanEquals: 6 }, 'no'],
      [{ Variable: '$.s', NumericEquals: 5 }, 'no'],
      [{ Variable: '$.b', BooleanEquals: true }, 'yes'],
      [{ Variable: '$.t', TimestampEquals: '2020-07-01T00:00:00Z' }, 'yes'],
      [{ Variable: '$.t', TimestampLessThan: '2020-07-02T00:00:00Z' }, 'yes'],
      [{ Variable: '$.t', TimestampGreaterThan: '2020-07-02T00:00:00Z' }, 'no'],
      [{ Variable: '$.t', TimestampLessThanEquals: '2020-07-01T00:00:00Z' }, 'yes'],
      [{ Variable: '$.t', TimestampGreaterThanEquals: '2021-01-01T00:00:00Z' }, 'no'],
      [{ Variable: '$.z', IsNull: true }, 'yes'],
      [{ Variable: '$.absent', IsPresent: false }, 'yes'],
      [{ Variable: '$.n', IsNumeric: true }, 'yes'],
      [{ Variable: '$.s', IsString: true }, 'yes'],
      [{ Variable: '$.b', IsBoolean: false }, 'no'],
      [{ Variable: '$.t', IsTimestamp: true }, 'yes'],
      [
        {
          And: [
            { Variable: '$.n', NumericEquals: 5 },
            { Variable: '$.b', BooleanEquals: true },
          ],
        },
        'yes',
      ],
      [
        {
          Or: [
            { Variable: '$.n', NumericEquals: 1 },
            { Variable: '$.s', StringEquals: 'beta' },
          ],
        },
        'yes',
      ],
      [{ Not: { Variable: '$.s', StringEquals: 'beta' } }, 'no'],
    ];
    for (const [rule, expected] of cases) assert.equal(await choose(rule, input), expected, JSON.stringify(rule));
  });

  it('fails with States.NoChoiceMatched without a Default', async () => {
    const h = harness();
    const run = await h.run(
      machine({
        C: { Type: 'Choice', Choices: [{ Variable: '$.x', NumericEquals: 1, Next: 'D' }] },
        D: { Type: 'Succeed' },
      }),
      { x: 2 },
    );
    assert.equal(run.error, 'States.NoChoiceMatched');
  });
});

describe('Step Functions interpreter: Wait, Succeed, Fail, Parallel', () => {
  it('waits Seconds, SecondsPath and Timestamp on the scaled clock', async () => {
    const h = harness(undefined, 2);
    const started = Date.now();
    const run = await h.run(
      machine({
        W1: { Type: 'Wait', Seconds: 10, Next: 'W2' },
        W2: { Type: 'Wait', SecondsPath: '$.s', Next: 'W3' },
        W3: { Type: 'Wait', Timestamp: '2000-01-01T00:00:00Z', End: true },
      }),
      { s: 10 },
    );
    assert.equal(run.status, 'SUCCEEDED');
    assert.ok(Date.now() - started >= 40, 'two 10 s waits at 2 ms per second take at least 40 ms');
    assert.deepEqual(
      types(run).filter((t) => t.startsWith('Wait')),
      [
        'WaitStateEntered',
        'WaitStateExited',
        'WaitStateEntered',
        'WaitStateExited',
        'WaitStateEntered',
        'WaitStateExited',
      ],
    );
  });

  it('Fail reports its Error and Cause (or ErrorPath/CausePath)', async () => {
    const h = harness();
    const a = await h.run(machine({ F: { Type: 'Fail', Error: 'Adatrap.RunFailed', Cause: 'boom' } }));
    assert.equal(a.status, 'FAILED');
    assert.equal(a.error, 'Adatrap.RunFailed');
    assert.equal(a.cause, 'boom');
    assert.deepEqual(types(a), ['ExecutionStarted', 'FailStateEntered', 'ExecutionFailed']);
    const b = await h.run(
      machine({ F: { Type: 'Fail', ErrorPath: '$.e', CausePath: "States.Format('day {}', $.d)" } }),
      { e: 'X.Y', d: '2020-07-01' },
    );
    assert.equal(b.error, 'X.Y');
    assert.equal(b.cause, 'day 2020-07-01');
  });

  it('Parallel returns one result per branch, and fails with a failing branch error', async () => {
    const h = harness();
    const ok = await h.run(
      parallel({ A: { Type: 'Pass', Result: 1, End: true } }, { B: { Type: 'Pass', Result: 2, End: true } }),
    );
    assert.deepEqual(outputOf(ok), [1, 2]);
    assert.ok(types(ok).includes('ParallelStateStarted') && types(ok).includes('ParallelStateSucceeded'));
    const bad = await h.run(
      parallel({ A: { Type: 'Wait', Seconds: 1000, End: true } }, { B: { Type: 'Fail', Error: 'Branch.Broke' } }),
    );
    assert.equal(bad.error, 'Branch.Broke');
    assert.ok(types(bad).includes('ParallelStateFailed'));
  });
});

describe('Step Functions interpreter: Map', () => {
  it('runs ItemsPath items through ItemSelector with $$.Map.Item and collects results in order', async () => {
    const h = harness();
    const run = await h.run(
      mapMachine({
        ItemsPath: '$.days',
        ItemSelector: { 'date.$': '$$.Map.Item.Value', 'index.$': '$$.Map.Item.Index', 'tag.$': '$.tag' },
        ItemProcessor: { ProcessorConfig: { Mode: 'INLINE' }, ...machine({ P: { Type: 'Pass', End: true } }) },
        ResultPath: '$.results',
      }),
      { days: ['2020-06-29', '2020-06-30'], tag: 't' },
    );
    assert.deepEqual((outputOf(run) as JsonObject).results, [
      { date: '2020-06-29', index: 0, tag: 't' },
      { date: '2020-06-30', index: 1, tag: 't' },
    ]);
    assert.equal(types(run).filter((t) => t === 'MapIterationStarted').length, 2);
    const started = run.events.find((e) => e.type === 'MapStateStarted') as unknown as {
      mapStateStartedEventDetails: { length: number };
    };
    assert.equal(started.mapStateStartedEventDetails.length, 2);
  });

  it('caps concurrency at MaxConcurrency (and MaxConcurrencyPath), and at 40 for an inline Map', async () => {
    for (const [field, value, input, expected] of [
      ['MaxConcurrency', 2, { items: range(7) }, 2],
      ['MaxConcurrencyPath', '$.max', { items: range(7), max: 3 }, 3],
      ['MaxConcurrency', 0, { items: range(60) }, 40],
    ] as const) {
      let live = 0;
      let peak = 0;
      const h = harness(async () => {
        live++;
        peak = Math.max(peak, live);
        await new Promise((r) => setTimeout(r, 5));
        live--;
        return {};
      });
      const run = await h.run(
        mapMachine({ ItemsPath: '$.items', [field]: value, Iterator: machine({ T: task({ Parameters: {} }) }) }),
        input,
      );
      assert.equal(run.status, 'SUCCEEDED', run.cause);
      assert.equal(peak, expected, `${field}=${String(value)}`);
      assert.equal(h.calls.length, input.items.length);
    }
  });

  it('an iteration failure fails the Map with its error and aborts the others', async () => {
    const h = harness(async (_r, p) => {
      if (p.InstanceIds && (p.InstanceIds as string[])[0] === 'bad') throw new StatesError('Ec2.BadException', 'no');
      await new Promise((r) => setTimeout(r, 30));
      return {};
    });
    const run = await h.run(
      mapMachine({
        MaxConcurrency: 3,
        ItemSelector: { 'InstanceIds.$': 'States.Array($$.Map.Item.Value)' },
        ItemProcessor: machine({ T: task({ Parameters: { 'InstanceIds.$': '$.InstanceIds' } }) }),
      }),
      ['a', 'bad', 'c', 'd'],
    );
    assert.equal(run.error, 'Ec2.BadException');
    assert.ok(types(run).includes('MapIterationFailed'));
    assert.ok(types(run).includes('MapIterationAborted'));
    assert.ok(types(run).includes('MapStateFailed'));
  });
});

describe('Step Functions interpreter: Task, Retry and Catch', () => {
  it('calls the SDK action with the Parameters and records TaskScheduled/Started/Succeeded', async () => {
    const h = harness(() => ({ Reservations: [{ Instances: [{ InstanceId: 'i-1' }] }] }));
    const run = await h.run(
      machine({
        T: task({
          Parameters: { Filters: [{ Name: 'tag:adatrap:date', 'Values.$': 'States.Array($.date)' }] },
          ResultSelector: { 'id.$': '$.Reservations[0].Instances[0].InstanceId' },
          TimeoutSeconds: 60,
        }),
      }),
      { date: '2020-07-01' },
    );
    assert.deepEqual(outputOf(run), { id: 'i-1' });
    assert.deepEqual(h.calls, [
      {
        action: 'ec2:describeInstances',
        parameters: { Filters: [{ Name: 'tag:adatrap:date', Values: ['2020-07-01'] }] },
      },
    ]);
    const scheduled = run.events.find((e) => e.type === 'TaskScheduled') as unknown as {
      taskScheduledEventDetails: Record<string, unknown>;
    };
    assert.deepEqual(scheduled.taskScheduledEventDetails, {
      resourceType: 'aws-sdk:ec2',
      resource: 'describeInstances',
      region: 'us-east-1',
      parameters: JSON.stringify({ Filters: [{ Name: 'tag:adatrap:date', Values: ['2020-07-01'] }] }),
      timeoutInSeconds: 60,
    });
    assert.deepEqual(types(run), [
      'ExecutionStarted',
      'TaskStateEntered',
      'TaskScheduled',
      'TaskStarted',
      'TaskSucceeded',
      'TaskStateExited',
      'ExecutionSucceeded',
    ]);
  });

  it('retries a matching error with backoff, then succeeds ($$.State.RetryCount counts)', async () => {
    let n = 0;
    const h = harness(() => {
      n++;
      if (n < 3) throw new StatesError('Ec2.InsufficientInstanceCapacityException', 'no capacity');
      return { n };
    });
    const run = await h.run(
      machine({
        T: task({
          Parameters: { 'retry.$': '$$.State.RetryCount' },
          Retry: [
            {
              ErrorEquals: ['Ec2.InsufficientInstanceCapacityException'],
              IntervalSeconds: 2,
              MaxAttempts: 3,
              BackoffRate: 2,
            },
          ],
        }),
      }),
    );
    assert.equal(run.status, 'SUCCEEDED');
    assert.deepEqual(outputOf(run), { n: 3 });
    assert.deepEqual(
      h.calls.map((c) => c.parameters.retry),
      [0, 1, 2],
    );
    assert.equal(types(run).filter((t) => t === 'TaskFailed').length, 2);
  });

  it('when retries are exhausted, Catch routes the error with its ResultPath', async () => {
    const h = harness(() => {
      throw new StatesError('Ec2.InsufficientInstanceCapacityException', 'none left');
    });
    const run = await h.run(
      machine({
        T: task({
          Retry: [{ ErrorEquals: ['States.TaskFailed'], MaxAttempts: 2, IntervalSeconds: 1 }],
          Catch: [
            { ErrorEquals: ['Ec2.InsufficientInstanceCapacityException'], ResultPath: '$.error', Next: 'OnDemand' },
          ],
          End: undefined,
          Next: 'Done',
        }),
        OnDemand: { Type: 'Pass', End: true },
        Done: { Type: 'Succeed' },
      }),
      { day: 'd' },
    );
    assert.equal(h.calls.length, 3, 'one attempt and two retries');
    assert.deepEqual(outputOf(run), {
      day: 'd',
      error: { Error: 'Ec2.InsufficientInstanceCapacityException', Cause: 'none left' },
    });
  });

  it('MaxAttempts 0 never retries; States.TaskFailed does not match States.Timeout', async () => {
    const h = harness(() => new Promise(() => undefined));
    const run = await h.run(
      machine({
        T: task({
          TimeoutSeconds: 5,
          Retry: [
            { ErrorEquals: ['States.TaskFailed'], MaxAttempts: 5 },
            { ErrorEquals: ['States.Timeout'], MaxAttempts: 0 },
          ],
        }),
      }),
    );
    assert.equal(run.error, 'States.Timeout');
    assert.equal(h.calls.length, 1);
    assert.ok(types(run).includes('TaskTimedOut'));
  });

  it('computes delays as IntervalSeconds x BackoffRate^n, capped by MaxDelaySeconds, FULL jitter below it', () => {
    const r = { IntervalSeconds: 3, BackoffRate: 2, MaxDelaySeconds: 20 };
    assert.deepEqual(
      [0, 1, 2, 3].map((n) => retryDelay(r, n, () => 0.5)),
      [3, 6, 12, 20],
    );
    assert.equal(
      retryDelay({ ...r, JitterStrategy: 'FULL' }, 2, () => 0.25),
      3,
    );
    assert.equal(
      retryDelay({}, 0, () => 0.5),
      1,
      'defaults: 1 s, rate 2',
    );
  });
});

describe('Step Functions interpreter: callback tasks (.waitForTaskToken)', () => {
  const callback = (extra: object = {}): object =>
    machine({
      Launch: {
        Type: 'Task',
        Resource: 'arn:aws:states:::aws-sdk:ec2:runInstances.waitForTaskToken',
        Parameters: { ImageId: 'ami-1', MinCount: 1, MaxCount: 1, 'UserData.$': 'States.Base64Encode($$.Task.Token)' },
        HeartbeatSeconds: 50,
        TimeoutSeconds: 1000,
        End: true,
        ...extra,
      },
    });

  const tokenOf = (h: ReturnType<typeof harness>, i = 0): string =>
    Buffer.from(h.calls[i]?.parameters.UserData as string, 'base64').toString('utf8');

  it('passes $$.Task.Token, waits for SendTaskSuccess and takes its output as the result', async () => {
    const h = harness(() => ({ Instances: [{ InstanceId: 'i-1' }] }));
    const run = h.start(h.create(callback()));
    await until(() => h.calls.length === 1 && types(run).includes('TaskSubmitted'), 'the launch');
    const token = tokenOf(h);
    assert.ok(token.length > 256, 'a task token does not fit in a 256-character tag');
    h.service.dispatch('SendTaskHeartbeat', { taskToken: token });
    h.service.dispatch('SendTaskSuccess', { taskToken: token, output: JSON.stringify({ outcome: 'ok' }) });
    await run.done;
    assert.equal(run.status, 'SUCCEEDED');
    assert.deepEqual(outputOf(run), { outcome: 'ok' });
    assert.throws(
      () => h.service.dispatch('SendTaskSuccess', { taskToken: token, output: '{}' }),
      (e: SfnError) => e.code === 'TaskTimedOut',
    );
  });

  it('SendTaskFailure fails the task with its error and cause', async () => {
    const h = harness(() => ({}));
    const run = h.start(h.create(callback()));
    await until(() => h.calls.length === 1 && types(run).includes('TaskSubmitted'), 'the launch');
    h.service.dispatch('SendTaskFailure', { taskToken: tokenOf(h), error: 'Adatrap.Interrupted', cause: 'spot' });
    await run.done;
    assert.equal(run.error, 'Adatrap.Interrupted');
    assert.equal(run.cause, 'spot');
  });

  it('a missing heartbeat is States.HeartbeatTimeout (matched by States.Timeout), retried with a new token', async () => {
    const h = harness(() => ({}));
    const run = h.start(
      h.create(callback({ Retry: [{ ErrorEquals: ['States.Timeout'], MaxAttempts: 1, IntervalSeconds: 1 }] })),
    );
    await until(
      () => h.calls.length === 2 && types(run).filter((t) => t === 'TaskSubmitted').length === 2,
      'the retry',
    );
    assert.notEqual(tokenOf(h, 0), tokenOf(h, 1));
    assert.throws(
      () => h.service.dispatch('SendTaskSuccess', { taskToken: tokenOf(h, 0), output: '{}' }),
      (e: SfnError) => e.code === 'TaskTimedOut',
    );
    await run.done;
    assert.equal(run.error, 'States.HeartbeatTimeout');
    assert.equal(types(run).filter((t) => t === 'TaskTimedOut').length, 2);
  });

  it('refuses malformed and unknown tokens as AWS does', () => {
    const h = harness();
    assert.throws(
      () => h.service.dispatch('SendTaskHeartbeat', { taskToken: 'not a token!' }),
      (e: SfnError) => e.code === 'InvalidToken',
    );
    assert.throws(
      () => h.service.dispatch('SendTaskHeartbeat', { taskToken: `AQ${'A'.repeat(600)}` }),
      (e: SfnError) => e.code === 'TaskDoesNotExist',
    );
  });

  it('StopExecution aborts a waiting execution; its token is then timed out', async () => {
    const h = harness(() => ({}));
    const run = h.start(h.create(callback()));
    await until(() => types(run).includes('TaskSubmitted'), 'the launch');
    h.service.dispatch('StopExecution', {
      executionArn: run.id.executionArn,
      error: 'User.Stopped',
      cause: 'stop-batch',
    });
    await run.done;
    assert.equal(run.status, 'ABORTED');
    const last = run.events.at(-1) as unknown as { type: string; executionAbortedEventDetails: object };
    assert.equal(last.type, 'ExecutionAborted');
    assert.deepEqual(last.executionAbortedEventDetails, { error: 'User.Stopped', cause: 'stop-batch' });
    assert.throws(
      () => h.service.dispatch('SendTaskSuccess', { taskToken: tokenOf(h), output: '{}' }),
      (e: SfnError) => e.code === 'TaskTimedOut',
    );
  });
});

describe('Step Functions service: executions and history', () => {
  it('lists executions newest first with statusFilter and pages with nextToken', async () => {
    const h = harness();
    const arn = h.create(machine({ W: { Type: 'Wait', Seconds: 100000, End: true } }));
    const a = h.start(arn, {}, 'a');
    const b = h.start(arn, {}, 'b');
    h.service.dispatch('StopExecution', { executionArn: a.id.executionArn });
    await a.done;
    const running = h.service.dispatch('ListExecutions', { stateMachineArn: arn, statusFilter: 'RUNNING' });
    assert.deepEqual(
      (running.executions as JsonObject[]).map((e) => e.name),
      ['b'],
    );
    const page1 = h.service.dispatch('ListExecutions', { stateMachineArn: arn, maxResults: 1 });
    assert.deepEqual(
      (page1.executions as JsonObject[]).map((e) => e.name),
      ['b'],
    );
    const page2 = h.service.dispatch('ListExecutions', {
      stateMachineArn: arn,
      maxResults: 1,
      nextToken: page1.nextToken,
    });
    assert.deepEqual(
      (page2.executions as JsonObject[]).map((e) => e.name),
      ['a'],
    );
    assert.equal(page2.nextToken, undefined);
    assert.throws(
      () => h.service.dispatch('ListExecutions', { stateMachineArn: arn, nextToken: 'garbage' }),
      (e: SfnError) => e.code === 'InvalidToken',
    );
    // Same name and input while running: the same execution (idempotent); other input: ExecutionAlreadyExists.
    assert.equal(h.start(arn, {}, 'b'), b);
    assert.throws(
      () => h.start(arn, { other: 1 }, 'b'),
      (e: SfnError) => e.code === 'ExecutionAlreadyExists',
    );
    h.service.stopAll();
  });

  it('GetExecutionHistory pages events, in reverse on request, ids sequential from 1', async () => {
    const h = harness();
    const run = await h.run(machine({ A: { Type: 'Pass', Next: 'B' }, B: { Type: 'Pass', End: true } }));
    const all = h.service.dispatch('GetExecutionHistory', { executionArn: run.id.executionArn }).events as JsonObject[];
    assert.deepEqual(
      all.map((e) => e.id),
      [1, 2, 3, 4, 5, 6],
    );
    assert.equal(all[0]?.previousEventId, 0);
    const rev = h.service.dispatch('GetExecutionHistory', {
      executionArn: run.id.executionArn,
      reverseOrder: true,
      maxResults: 4,
    });
    assert.deepEqual(
      (rev.events as JsonObject[]).map((e) => e.type),
      ['ExecutionSucceeded', 'PassStateExited', 'PassStateEntered', 'PassStateExited'],
    );
    const rest = h.service.dispatch('GetExecutionHistory', {
      executionArn: run.id.executionArn,
      reverseOrder: true,
      maxResults: 4,
      nextToken: rev.nextToken,
    });
    assert.deepEqual(
      (rest.events as JsonObject[]).map((e) => e.id),
      [2, 1],
    );
    const d = h.service.dispatch('DescribeExecution', { executionArn: run.id.executionArn });
    assert.equal(d.status, 'SUCCEEDED');
    assert.equal(d.output, '{}');
  });

  it('a history token continues its own call only, by event id, and expires after 24 hours', async () => {
    let now = Date.parse('2026-12-01T10:00:00Z');
    const h = harness(
      () => ({}),
      1,
      () => now,
    );
    const arn = h.create(machine({ Hold: { Type: 'Wait', Seconds: 1_000_000, End: true } }));
    const run = h.start(arn, {}, 'held');
    const other = h.start(arn, {}, 'other');
    try {
      await until(() => types(run).includes('WaitStateEntered'), 'the wait');
      const executionArn = run.id.executionArn;
      const ids = (b: Record<string, unknown>): number[] => (b.events as JsonObject[]).map((e) => e.id as number);
      const n = run.events.length;
      const first = h.service.dispatch('GetExecutionHistory', { executionArn, reverseOrder: true, maxResults: 1 });
      assert.deepEqual(ids(first), [n]);
      // Events recorded between two pages of a newest-first read neither repeat nor shift it.
      h.service.dispatch('StopExecution', { executionArn });
      await run.done;
      const second = h.service.dispatch('GetExecutionHistory', {
        executionArn,
        reverseOrder: true,
        maxResults: 1,
        nextToken: first.nextToken,
      });
      assert.ok(run.events.length > n, 'the stop recorded events');
      assert.deepEqual(ids(second), [n - 1]);
      // The last page has no token: new events are read by asking again, not by a token.
      const forward = h.service.dispatch('GetExecutionHistory', { executionArn, maxResults: 1000 });
      assert.equal(forward.nextToken, undefined);
      assert.deepEqual(
        ids(forward),
        run.events.map((e) => e.id),
      );
      const invalid = (b: Record<string, unknown>) => () => h.service.dispatch('GetExecutionHistory', b);
      const isInvalidToken = (e: SfnError): boolean => e.code === 'InvalidToken';
      assert.ok(typeof first.nextToken === 'string');
      assert.throws(invalid({ executionArn, nextToken: first.nextToken }), isInvalidToken, 'another order');
      assert.throws(
        invalid({ executionArn: other.id.executionArn, reverseOrder: true, nextToken: first.nextToken }),
        isInvalidToken,
        'another execution',
      );
      const listed = h.service.dispatch('ListExecutions', { stateMachineArn: arn, maxResults: 1 });
      assert.throws(
        () =>
          h.service.dispatch('ListExecutions', {
            stateMachineArn: arn,
            maxResults: 1,
            statusFilter: 'RUNNING',
            nextToken: listed.nextToken,
          }),
        isInvalidToken,
        'another filter',
      );
      now += 24 * 3600 * 1000 + 1;
      assert.throws(
        invalid({ executionArn, reverseOrder: true, maxResults: 1, nextToken: first.nextToken }),
        (e: SfnError) => isInvalidToken(e) && /expired/.test(e.message),
        'a day later',
      );
    } finally {
      h.service.stopAll();
    }
  });

  it('fails an execution that reaches 25,000 history events', async () => {
    const h = harness();
    const run = await h.run(countingLoop(100000, { End: { Type: 'Succeed' } }), { n: 0 });
    assert.equal(run.status, 'FAILED');
    assert.equal(run.error, 'States.Runtime');
    assert.equal(run.events.length, 25_000);
    assert.equal(run.events.at(-1)?.type, 'ExecutionFailed');
  });

  it('an execution TimeoutSeconds ends it TIMED_OUT', async () => {
    const h = harness();
    const run = await h.run(machine({ W: { Type: 'Wait', Seconds: 1000, End: true } }, { TimeoutSeconds: 5 }));
    assert.equal(run.status, 'TIMED_OUT');
    assert.equal(run.events.at(-1)?.type, 'ExecutionTimedOut');
  });
});

function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}
