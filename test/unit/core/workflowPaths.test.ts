// The batch workflow run by the sandbox's ASL interpreter (the definition itself, validated as CreateStateMachine
// does), with EC2 answered by a fake that plays the machines and their agents: each path of a day — success,
// interrupted then retried, retries exhausted, no Spot capacity then on-demand, a silent machine, the deadline —
// and the batch's limits (at most maxParallel machines alive, the history far under 25,000 events for a year).
import * as assert from 'node:assert/strict';
import { harness, outputOf, type Harness } from '../sandbox/stepFunctions/harness';
import { StatesError } from '../../../src/sandbox/stepFunctions/errors';
import type { Json, JsonObject } from '../../../src/sandbox/stepFunctions/jsonPath';
import { workflowDefinition, WORKFLOW_ERRORS } from '../../../src/core/workflowDefinition';
import { buildWorkflowInput, type WorkflowConfigSource, type WorkflowInput } from '../../../src/core/workflowInput';
import { launchConfig } from '../../helpers/launchConfig';
import { batchProgress, type HistoryEventLike } from '../../../src/core/batchProgress';
import type { RunPricing } from '../../../src/core/launchPrice';

const config: WorkflowConfigSource = launchConfig({
  instanceType: 'm5.xlarge,m5a.xlarge',
  instanceProfile: 'adatrap-miner-machine',
});

type Behaviour = 'succeed' | 'interrupt' | 'fail' | 'silent' | 'hang' | 'noCapacity';

interface Machine {
  id: string;
  date: string;
  market: string;
  instanceType: string;
  alive: boolean;
  tags: Record<string, string>;
}

/** EC2 and the agents of a batch: `plan(date, launchNumber, market)` says what each launch does. */
class FakeFleet {
  machines: Machine[] = [];
  maxAlive = 0;
  launches: Record<string, number> = {};
  h: Harness;
  constructor(private readonly plan: (date: string, n: number, market: string) => Behaviour) {
    this.h = harness((resource, p) => this.call(resource.action, p));
  }

  alive(): number {
    return this.machines.filter((m) => m.alive).length;
  }

  private call(action: string, p: JsonObject): Json {
    if (action === 'runInstances') return this.runInstances(p);
    if (action === 'describeInstances') {
      const filters = p.Filters as Array<{ Name: string; Values: string[] }>;
      const want = (name: string) => filters.find((f) => f.Name === name)?.Values[0];
      const found = this.machines.filter(
        (m) =>
          m.alive &&
          m.tags['adatrap:date'] === want('tag:adatrap:date') &&
          m.tags['adatrap:execution'] === want('tag:adatrap:execution'),
      );
      return { Reservations: found.map((m) => ({ Instances: [{ InstanceId: m.id }] })) };
    }
    if (action === 'terminateInstances') {
      for (const id of p.InstanceIds as string[]) this.end(id);
      return { TerminatingInstances: [] };
    }
    throw new Error(`unexpected EC2 call ${action}`);
  }

  private runInstances(p: JsonObject): Json {
    const userData = Buffer.from(p.UserData as string, 'base64').toString('utf8');
    const token = /\$env:ADATRAP_TASK_TOKEN = '([^']+)'/.exec(userData)?.[1];
    const date = /execute-adatrap (\d{4}-\d{2}-\d{2})/.exec(userData)?.[1];
    assert.ok(token && date, 'the user data carries the task token and the date');
    const market = (p.InstanceMarketOptions as JsonObject | undefined)?.MarketType === 'spot' ? 'spot' : 'on-demand';
    const n = (this.launches[date] = (this.launches[date] ?? 0) + 1);
    const behaviour = this.plan(date, n, market);
    if (behaviour === 'noCapacity')
      throw new StatesError(
        'Ec2.InsufficientInstanceCapacityException',
        'We currently do not have sufficient capacity',
      );
    const tags = Object.fromEntries(
      ((p.TagSpecifications as Array<{ Tags: Array<{ Key: string; Value: string }> }>)[0].Tags ?? []).map((t) => [
        t.Key,
        t.Value,
      ]),
    );
    const m: Machine = {
      id: `i-${date.replace(/-/g, '')}${n}`,
      date,
      market,
      instanceType: p.InstanceType as string,
      alive: true,
      tags,
    };
    this.machines.push(m);
    this.maxAlive = Math.max(this.maxAlive, this.alive());
    const sfn = (op: string, body: JsonObject) => this.h.service.dispatch(op, body);
    // The agent reports once this runInstances answer is recorded (TaskSubmitted), on the next turn of the loop:
    // no timer races the task's heartbeat and timeout clocks (they run at 1 ms per second here).
    setImmediate(() => {
      if (behaviour === 'succeed') {
        this.end(m.id);
        sfn('SendTaskSuccess', { taskToken: token, output: JSON.stringify({ instanceId: m.id, status: 'succeeded' }) });
      } else if (behaviour === 'interrupt') {
        this.end(m.id);
        sfn('SendTaskFailure', { taskToken: token, error: WORKFLOW_ERRORS.interrupted, cause: 'spot/instance-action' });
      } else if (behaviour === 'fail') {
        this.end(m.id);
        sfn('SendTaskFailure', { taskToken: token, error: WORKFLOW_ERRORS.runFailed, cause: 'missing trx' });
      } else if (behaviour === 'hang') {
        const beat = setInterval(() => {
          if (!m.alive) return clearInterval(beat);
          try {
            sfn('SendTaskHeartbeat', { taskToken: token });
          } catch {
            clearInterval(beat);
          }
        }, 5);
      }
      // 'silent': the machine stays up and never reports (it died without a word).
    });
    return { Instances: [{ InstanceId: m.id }] };
  }

  private end(id: string): void {
    const m = this.machines.find((x) => x.id === id);
    if (m) m.alive = false;
  }
}

function input(
  overrides: Partial<WorkflowInput['launch']> = {},
  dates = ['2020-06-29', '2020-06-30', '2020-07-01'],
  pricing?: RunPricing,
) {
  const built = buildWorkflowInput(config, {
    ...(pricing ? { pricing } : {}),
    dates,
    maxParallel: 2,
    agentSha256: 'a'.repeat(64),
    agentVersion: '0.1.0',
    language: 'es',
    retryDelaySeconds: 1,
  });
  // Heartbeat and deadline far beyond any path's length unless a test is about them: on a loaded machine a 60 ms
  // heartbeat expired before the fake agent's report and failed the year test (a race, not a workflow bug).
  return { ...built, launch: { ...built.launch, heartbeatSeconds: 3600, timeoutSeconds: 36_000, ...overrides } };
}

async function runBatch(fleet: FakeFleet, batchInput: WorkflowInput) {
  const run = fleet.h.start(
    fleet.h.create(workflowDefinition(), 'adatrap-miner-batches'),
    batchInput as unknown as Json,
    'batch-1',
  );
  await run.done;
  assert.equal(run.status, 'SUCCEEDED', run.cause ?? run.error ?? '');
  // What list/show-batch read (src/core/batchProgress.ts) agrees with the workflow's own per-day results.
  const progress = batchProgress(batchInput.dates, run.events as HistoryEventLike[], run.status);
  return { run, days: (outputOf(run) as { days: Array<Record<string, Json>> }).days, progress };
}

describe('batch workflow, run by the sandbox interpreter', function () {
  this.timeout(20_000);

  it('runs three days, at most two machines at once, each with one result', async () => {
    const fleet = new FakeFleet(() => 'succeed');
    const { days, progress } = await runBatch(fleet, input());
    assert.deepEqual(
      progress.map((d) => [d.date, d.state, d.attempts, d.instanceId]),
      fleet.machines.sort((a, b) => a.date.localeCompare(b.date)).map((m) => [m.date, 'succeeded', 1, m.id]),
    );
    assert.deepEqual(
      days.map((d) => [d.date, d.status, d.tries]),
      [
        ['2020-06-29', 'succeeded', 1],
        ['2020-06-30', 'succeeded', 1],
        ['2020-07-01', 'succeeded', 1],
      ],
    );
    assert.equal(fleet.maxAlive, 2);
    assert.ok(fleet.machines.every((m) => m.market === 'spot' && m.instanceType === 'm5.xlarge'));
    assert.ok(
      fleet.machines.every((m) => m.tags['adatrap:execution'] === 'batch-1' && m.tags.Name === `adatrap-${m.date}`),
    );
    assert.deepEqual((days[0].result as JsonObject).status, 'succeeded');
  });

  it('retries an interrupted day on a new machine, which succeeds', async () => {
    const fleet = new FakeFleet((date, n) => (date === '2020-06-30' && n === 1 ? 'interrupt' : 'succeed'));
    const { days, progress } = await runBatch(fleet, input());
    assert.deepEqual(days[1], { ...days[1], status: 'succeeded', tries: 2 });
    assert.deepEqual(
      [progress[1].state, progress[1].attempts, progress[1].instanceId],
      ['succeeded', 2, 'i-202006302'],
    );
    assert.equal(fleet.launches['2020-06-30'], 2);
  });

  it('gives up after the configured tries and records why; a failed run is not retried', async () => {
    const fleet = new FakeFleet((date) =>
      date === '2020-06-29' ? 'interrupt' : date === '2020-06-30' ? 'fail' : 'succeed',
    );
    const { days, progress } = await runBatch(fleet, input({ maxTries: 2 }));
    assert.deepEqual(
      progress.map((d) => [d.state, d.attempts, d.reason?.split(':')[0]]),
      [
        ['failed', 2, WORKFLOW_ERRORS.interrupted],
        ['failed', 1, WORKFLOW_ERRORS.runFailed],
        ['succeeded', 1, undefined],
      ],
    );
    assert.equal(days[0].status, 'failed');
    assert.equal(days[0].tries, 2);
    assert.equal((days[0].error as JsonObject).Error, WORKFLOW_ERRORS.interrupted);
    assert.equal(days[1].status, 'failed');
    assert.equal((days[1].error as JsonObject).Error, WORKFLOW_ERRORS.runFailed);
    assert.equal(fleet.launches['2020-06-30'], 1);
    assert.equal(days[2].status, 'succeeded');
  });

  it('falls back from Spot to on-demand when Spot capacity is refused in every type', async () => {
    const fleet = new FakeFleet((_date, _n, market) => (market === 'spot' ? 'noCapacity' : 'succeed'));
    const { days } = await runBatch(fleet, input({}, ['2020-06-29']));
    assert.equal(days[0].status, 'succeeded', JSON.stringify(days[0]));
    assert.equal(fleet.launches['2020-06-29'], 3, 'spot m5.xlarge, spot m5a.xlarge, then on-demand m5.xlarge');
    assert.deepEqual(
      fleet.machines.map((m) => [m.market, m.instanceType]),
      [['on-demand', 'm5.xlarge']],
    );
  });

  it('tags each machine with the price of the candidate it was launched as, and none when it has no price', async () => {
    const pricing: RunPricing = {
      candidates: [
        { market: 'spot', instanceType: 'm5.xlarge', usdPerHour: 0.1504 },
        { market: 'on-demand', instanceType: 'm5.xlarge', usdPerHour: 0.376 },
      ],
      rootVolumeGb: 60,
    };
    // 06-29: Spot refused in every type, then on-demand m5.xlarge. 06-30: Spot m5.xlarge at once.
    // 07-01: Spot m5.xlarge refused, then Spot m5a.xlarge, whose price was not found.
    const fleet = new FakeFleet((date, n, market) =>
      date === '2020-06-29' && market === 'spot'
        ? 'noCapacity'
        : date === '2020-07-01' && n === 1
          ? 'noCapacity'
          : 'succeed',
    );
    await runBatch(fleet, input({}, ['2020-06-29', '2020-06-30', '2020-07-01'], pricing));
    assert.deepEqual(
      fleet.machines
        .sort((a, b) => a.date.localeCompare(b.date))
        .map((m) => [m.date, m.market, m.instanceType, m.tags['adatrap:price']]),
      [
        ['2020-06-29', 'on-demand', 'm5.xlarge', 'on-demand:0.376000'],
        ['2020-06-30', 'spot', 'm5.xlarge', 'spot:0.150400'],
        ['2020-07-01', 'spot', 'm5a.xlarge', undefined],
      ],
    );
    assert.ok(fleet.machines.every((m) => m.tags['adatrap:execution'] === 'batch-1'));
  });

  it('terminates a machine that stopped heartbeating and retries the day', async () => {
    const fleet = new FakeFleet((_date, n) => (n === 1 ? 'silent' : 'succeed'));
    const { days } = await runBatch(fleet, input({ heartbeatSeconds: 100 }, ['2020-06-29']));
    assert.equal(days[0].status, 'succeeded');
    assert.equal(days[0].tries, 2);
    assert.equal(fleet.alive(), 0, 'the silent machine was terminated');
  });

  it('terminates a machine past its deadline and ends the day as timed out', async () => {
    const fleet = new FakeFleet(() => 'hang');
    const { days, progress } = await runBatch(fleet, input({ timeoutSeconds: 100 }, ['2020-06-29']));
    assert.deepEqual([progress[0].state, progress[0].reason?.split(':')[0]], ['failed', 'States.Timeout']);
    assert.equal(days[0].status, 'timedOut');
    assert.equal(days[0].error, 'States.Timeout');
    assert.equal(fleet.alive(), 0);
  });

  it('keeps a year of days far under the 25,000-event history limit', async () => {
    const year = Array.from({ length: 366 }, (_, i) => new Date(Date.UTC(2020, 0, 1 + i)).toISOString().slice(0, 10));
    // Every tenth day is interrupted once: retries count in the history too.
    const fleet = new FakeFleet((d, n) => (n === 1 && year.indexOf(d) % 10 === 0 ? 'interrupt' : 'succeed'));
    const batch = input({}, year);
    const { run, days } = await runBatch(fleet, { ...batch, maxParallel: 40 });
    assert.equal(days.length, 366);
    assert.ok(run.events.length < 12_000, `${run.events.length} events`);
    assert.equal(days.filter((d) => d.tries === 2).length, 37);
    assert.ok(fleet.maxAlive <= 40);
  });
});
