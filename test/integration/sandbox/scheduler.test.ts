import * as assert from 'node:assert/strict';
import { DescribeInstancesCommand } from '@aws-sdk/client-ec2';
import {
  CreateScheduleCommand,
  DeleteScheduleCommand,
  GetScheduleCommand,
  ListSchedulesCommand,
  type CreateScheduleCommandInput,
} from '@aws-sdk/client-scheduler';
import { createClients, type AwsClients } from '../../../src/aws/clients';
import { loadConfig } from '../../../src/core/config';
import { atExpression, deadlineScheduleRequest } from '../../../src/core/deadlineSchedule';
import { startSandbox, type Sandbox } from '../../../src/sandbox';
import type { Invocation } from '../../../src/sandbox/scheduler/service';
import { launchedId, runOne } from './clients';
import { awsErrorName as errorName } from '../../../src/aws/awsErrors';

process.env.AWS_EC2_METADATA_DISABLED = 'true';

const MS_PER_SECOND = 20;

describe('sandbox EventBridge Scheduler (real SDK v3 client)', function () {
  this.timeout(20_000);
  let sandbox: Sandbox;
  let clients: AwsClients;
  let role: string;

  before(async () => {
    sandbox = await startSandbox({ msPerSecond: MS_PER_SECOND, timings: { pendingMs: 20, shuttingDownMs: 20 } });
    const { config } = loadConfig(sandbox.envText(), {});
    assert.ok(config?.schedulerRoleArn, 'the sandbox .env names SCHEDULER_ROLE_ARN');
    role = config.schedulerRoleArn;
    clients = createClients({ ...config, region: 'us-east-1' });
  });
  after(async () => {
    clients.destroy();
    await sandbox.close();
  });

  const valid = (name: string, extra: Partial<CreateScheduleCommandInput> = {}): CreateScheduleCommandInput => ({
    Name: name,
    ScheduleExpression: atExpression(new Date(Date.now() + 3600_000)),
    ScheduleExpressionTimezone: 'UTC',
    FlexibleTimeWindow: { Mode: 'OFF' },
    ActionAfterCompletion: 'DELETE',
    Target: { Arn: 'arn:aws:scheduler:::aws-sdk:ec2:terminateInstances', RoleArn: role, Input: '{"InstanceIds":[]}' },
    ...extra,
  });

  const refusal = async (input: CreateScheduleCommandInput): Promise<{ name: string; status?: number }> => {
    try {
      await clients.scheduler.send(new CreateScheduleCommand(input));
    } catch (e) {
      return {
        name: errorName(e),
        status: (e as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode,
      };
    }
    return assert.fail('CreateSchedule accepted it');
  };

  it('refuses what CreateSchedule documents as invalid, each as ValidationException', async () => {
    const cases: Array<[string, CreateScheduleCommandInput]> = [
      ['a name with a slash', valid('bad/name')],
      ['a name over 64 characters', valid('x'.repeat(65))],
      ['an at() without seconds', valid('no-seconds', { ScheduleExpression: 'at(2030-01-01T10:00)' })],
      ['an at() that is not a calendar date', valid('feb-30', { ScheduleExpression: 'at(2030-02-30T10:00:00)' })],
      ['no FlexibleTimeWindow', { ...valid('no-window'), FlexibleTimeWindow: undefined } as never],
      ['FLEXIBLE without a window', valid('flex', { FlexibleTimeWindow: { Mode: 'FLEXIBLE' } })],
      [
        'a role that is not an IAM role ARN',
        valid('bad-role', {
          Target: { Arn: 'arn:aws:scheduler:::aws-sdk:ec2:terminateInstances', RoleArn: 'adatrap-role' },
        }),
      ],
      [
        'a role Scheduler cannot assume',
        valid('foreign-role', {
          Target: {
            Arn: 'arn:aws:scheduler:::aws-sdk:ec2:terminateInstances',
            RoleArn: 'arn:aws:iam::123456789012:role/not-there',
          },
        }),
      ],
      ['an unknown time zone', valid('zone', { ScheduleExpressionTimezone: 'Mars/Olympus' })],
    ];
    for (const [what, input] of cases) {
      const r = await refusal(input);
      assert.deepEqual(r, { name: 'ValidationException', status: 400 }, what);
    }
  });

  it('creates, gets, lists and deletes; a duplicate is ConflictException, a missing one ResourceNotFoundException', async () => {
    const created = await clients.scheduler.send(new CreateScheduleCommand(valid('adatrap-deadline-i-0abc')));
    assert.equal(
      created.ScheduleArn,
      'arn:aws:scheduler:us-east-1:123456789012:schedule/default/adatrap-deadline-i-0abc',
    );
    assert.deepEqual(await refusal(valid('adatrap-deadline-i-0abc')), { name: 'ConflictException', status: 409 });
    const got = await clients.scheduler.send(new GetScheduleCommand({ Name: 'adatrap-deadline-i-0abc' }));
    assert.equal(got.GroupName, 'default');
    assert.equal(got.FlexibleTimeWindow?.Mode, 'OFF');
    assert.equal(got.Target?.RoleArn, role);
    assert.ok(got.CreationDate instanceof Date && Math.abs(got.CreationDate.getTime() - Date.now()) < 60_000);
    const listed = await clients.scheduler.send(new ListSchedulesCommand({ NamePrefix: 'adatrap-deadline-' }));
    assert.deepEqual(
      listed.Schedules?.map((s) => s.Name),
      ['adatrap-deadline-i-0abc'],
    );
    await clients.scheduler.send(new DeleteScheduleCommand({ Name: 'adatrap-deadline-i-0abc' }));
    await assert.rejects(
      clients.scheduler.send(new GetScheduleCommand({ Name: 'adatrap-deadline-i-0abc' })),
      (e: unknown) => errorName(e) === 'ResourceNotFoundException',
    );
    await assert.rejects(
      clients.scheduler.send(new DeleteScheduleCommand({ Name: 'adatrap-deadline-i-0abc' })),
      (e: unknown) => errorName(e) === 'ResourceNotFoundException',
    );
    await assert.rejects(
      clients.scheduler.send(new GetScheduleCommand({ Name: 'x', GroupName: 'no-such-group' })),
      (e: unknown) => errorName(e) === 'ResourceNotFoundException',
    );
  });

  it('fires a one-time schedule on the sandbox clock: terminates the instance, then deletes itself', async () => {
    const instanceId = await launchedId(
      runOne(clients.ec2, { InstanceType: 'm5.xlarge', IamInstanceProfile: { Name: sandbox.env.INSTANCE_PROFILE } }),
    );
    // 60 schedule seconds from now = 1.2 s of sandbox time at 20 ms per second.
    const deadline = new Date(Date.now() + 60_000);
    const fired = new Promise<Invocation>((resolve) => {
      const off = sandbox.scheduler.onInvocation((i) => {
        if (i.schedule.endsWith(instanceId)) {
          off();
          resolve(i);
        }
      });
    });
    const request = deadlineScheduleRequest({ instanceId, date: '2020-06-29', deadline, roleArn: role });
    await clients.scheduler.send(new CreateScheduleCommand(request));
    const stateOf = async (): Promise<string | undefined> =>
      (await clients.ec2.send(new DescribeInstancesCommand({ InstanceIds: [instanceId] }))).Reservations?.[0]
        ?.Instances?.[0]?.State?.Name;
    assert.notEqual(await stateOf(), 'shutting-down', 'nothing ends the machine before its deadline');
    const invocation = await fired;
    assert.equal(invocation.ok, true, invocation.error);
    assert.ok(['shutting-down', 'terminated'].includes((await stateOf()) ?? ''), 'the schedule terminated it');
    await assert.rejects(
      clients.scheduler.send(new GetScheduleCommand({ Name: request.Name })),
      (e: unknown) => errorName(e) === 'ResourceNotFoundException',
      'ActionAfterCompletion DELETE removed it',
    );
  });
});
