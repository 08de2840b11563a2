// The deadline outside the machine: a direct launch creates an EventBridge Scheduler schedule that terminates the
// machine at its deadline even when the agent on it never ends (the simulated executable hangs).
import * as assert from 'node:assert/strict';
import { GetScheduleCommand } from '@aws-sdk/client-scheduler';
import { awsErrorName } from '../../../src/aws/awsErrors';
import { deadlineSchedules, dropDeadline } from '../../../src/aws/deadlines';
import { launchDate, type LauncherDeps } from '../../../src/aws/launcher';
import { CloudWatchLogs } from '../../../src/aws/logs';
import { Ec2Runs } from '../../../src/aws/runs';
import { atExpression, deadlineScheduleName } from '../../../src/core/deadlineSchedule';
import { TAG } from '../../../src/core/launchPlan';
import type { Invocation } from '../../../src/sandbox/scheduler/service';
import { requireBuilt } from '../../helpers/cli';
import { startAgentSandbox, streamLines, waitTerminated, type AgentSandbox } from './harness';

// One hour of deadline (MAX_RUN_HOURS=1, the least) is 3600 schedule seconds: 3 ms each here, about 11 s.
const MS_PER_SECOND = 3;
const DAY = '2020-06-29';

describe('deadline schedule of a direct launch (sandbox Scheduler, real agent)', function () {
  this.timeout(90_000);
  let env: AgentSandbox;

  before(async () => {
    requireBuilt('agent.js', 'pvmtsc-sim.js');
    env = await startAgentSandbox({ msPerSecond: MS_PER_SECOND });
  });
  after(async () => env?.close());

  const deps = (overrides: Partial<LauncherDeps> = {}): LauncherDeps => {
    const config = { ...env.config, maxRunHours: 1 };
    return {
      config,
      storage: env.storage,
      runs: new Ec2Runs(env.clients.ec2),
      logs: new CloudWatchLogs(env.clients.logs),
      agentBundle: () => Promise.resolve({ sha256: env.bundle.sha256, version: 'test' }),
      logLanguage: 'es',
      extraTags: { [TAG.simMode]: 'hang' },
      deadlines: deadlineSchedules(config, env.clients),
      ...overrides,
    };
  };

  const getSchedule = (instanceId: string) =>
    env.clients.scheduler.send(new GetScheduleCommand({ Name: deadlineScheduleName(instanceId) }));

  it('terminates a machine whose agent hangs at its deadline, then the schedule is gone', async () => {
    const launched = await launchDate(deps(), DAY, { force: true });
    const { instanceId } = launched;
    assert.equal(launched.deadlineWarning, undefined);
    const fired = new Promise<Invocation>((resolve) => {
      const off = env.sb.scheduler.onInvocation((i) => {
        if (i.schedule === deadlineScheduleName(instanceId)) {
          off();
          resolve(i);
        }
      });
    });
    const schedule = await getSchedule(instanceId);
    const run = await new Ec2Runs(env.clients.ec2).describe(instanceId);
    assert.ok(run?.deadline, 'the machine carries its deadline tag');
    assert.equal(schedule.ScheduleExpression, atExpression(new Date(run.deadline)), 'the schedule is the deadline');
    assert.equal(schedule.ScheduleExpressionTimezone, 'UTC');
    assert.equal(schedule.ActionAfterCompletion, 'DELETE');
    assert.equal(schedule.Target?.Input, JSON.stringify({ InstanceIds: [instanceId] }));

    const invocation = await fired;
    assert.equal(invocation.ok, true, invocation.error);
    const end = await waitTerminated(env, instanceId);
    assert.equal(end.tags[TAG.status], 'running', 'the agent never reported: the schedule ended the machine');
    const lines = await streamLines(env, instanceId);
    assert.ok(
      lines.some((l) => /Esperando/.test(l)),
      `the simulated executable was hanging when the deadline came:\n${lines.join('\n')}`,
    );
    await assert.rejects(getSchedule(instanceId), (e: unknown) => awsErrorName(e) === 'ResourceNotFoundException');
  });

  it('launches without a schedule when SCHEDULER_ROLE_ARN is unset, warning with the key to set', async () => {
    const launched = await launchDate(deps({ deadlines: undefined, extraTags: {} }), '2020-06-30', { force: true });
    assert.match(launched.deadlineWarning ?? '', /SCHEDULER_ROLE_ARN/);
    await assert.rejects(
      getSchedule(launched.instanceId),
      (e: unknown) => awsErrorName(e) === 'ResourceNotFoundException',
    );
    await waitTerminated(env, launched.instanceId);
  });

  it('a denied CreateSchedule still launches, warning with the permissions to grant; stopping deletes a schedule', async () => {
    const fault = env.sb.faults.add({ service: 'scheduler', kind: 'denied', operation: 'CreateSchedule', count: 1 });
    const denied = await launchDate(deps(), '2020-07-01', { force: true });
    env.sb.faults.remove(fault);
    assert.match(denied.deadlineWarning ?? '', /scheduler:CreateSchedule/);
    assert.match(denied.deadlineWarning ?? '', /iam:PassRole/);
    assert.ok(denied.instanceId, 'the machine runs anyway');

    const d = deps();
    await d.runs.terminate(denied.instanceId);
    await waitTerminated(env, denied.instanceId);
    const again = await launchDate(d, '2020-07-01', { force: true });
    await getSchedule(again.instanceId);
    await d.runs.terminate(again.instanceId);
    assert.equal(await dropDeadline(d.deadlines, again.instanceId), undefined, 'no warning');
    await assert.rejects(
      getSchedule(again.instanceId),
      (e: unknown) => awsErrorName(e) === 'ResourceNotFoundException',
    );
    assert.equal(await dropDeadline(d.deadlines, again.instanceId), undefined, 'an absent schedule is no problem');
    await waitTerminated(env, again.instanceId);
  });
});
