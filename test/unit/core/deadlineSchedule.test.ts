import * as assert from 'node:assert/strict';
import {
  atExpression,
  deadlineScheduleName,
  deadlineScheduleRequest,
  parseAtExpression,
  SCHEDULE_NAME,
} from '../../../src/core/deadlineSchedule';

describe('deadline schedule (EventBridge Scheduler request)', () => {
  it('at() is the deadline in UTC, rounded up to the second, never before it', () => {
    assert.equal(atExpression(new Date('2026-03-01T02:59:59.001Z')), 'at(2026-03-01T03:00:00)');
    assert.equal(atExpression(new Date('2026-03-01T03:00:00.000Z')), 'at(2026-03-01T03:00:00)');
    const when = new Date('2026-12-31T23:59:59.500Z');
    const parsed = parseAtExpression(atExpression(when));
    assert.ok(parsed && parsed.getTime() >= when.getTime());
  });

  it('reads back only real at() times', () => {
    assert.equal(parseAtExpression('at(2026-03-01T03:00:00)')?.toISOString(), '2026-03-01T03:00:00.000Z');
    for (const bad of ['at(2026-02-30T03:00:00)', 'at(2026-03-01T24:00:00)', 'at(2026-03-01T03:00)', 'rate(1 hour)'])
      assert.equal(parseAtExpression(bad), undefined, bad);
  });

  it('one schedule per instance, terminating exactly that instance with the configured role, deleted after', () => {
    const request = deadlineScheduleRequest({
      instanceId: 'i-0123456789abcdef0',
      date: '2020-06-29',
      deadline: new Date('2026-03-01T03:00:00Z'),
      roleArn: 'arn:aws:iam::123456789012:role/adatrap-miner-scheduler',
    });
    assert.equal(request.Name, deadlineScheduleName('i-0123456789abcdef0'));
    assert.match(request.Name, SCHEDULE_NAME);
    assert.deepEqual(
      { ...request, Description: undefined },
      {
        Name: 'adatrap-deadline-i-0123456789abcdef0',
        ScheduleExpression: 'at(2026-03-01T03:00:00)',
        ScheduleExpressionTimezone: 'UTC',
        FlexibleTimeWindow: { Mode: 'OFF' },
        ActionAfterCompletion: 'DELETE',
        Description: undefined,
        Target: {
          Arn: 'arn:aws:scheduler:::aws-sdk:ec2:terminateInstances',
          RoleArn: 'arn:aws:iam::123456789012:role/adatrap-miner-scheduler',
          Input: '{"InstanceIds":["i-0123456789abcdef0"]}',
        },
      },
    );
    assert.equal(
      deadlineScheduleRequest({ instanceId: 'i-1', date: 'x', deadline: new Date(), roleArn: 'r', groupName: 'g' })
        .GroupName,
      'g',
    );
  });
});
