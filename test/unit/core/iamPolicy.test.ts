// Issue 11 (IAM): both policies use only documented condition keys, the partition of the region, and give each
// side exactly the calls it makes.
import * as assert from 'node:assert/strict';
import {
  instanceProfilePolicy,
  operatorPolicy,
  partitionOf,
  type PolicyDocument,
  type PolicySource,
} from '../../../src/core/iamPolicy';
import { launchConfig } from '../../helpers/launchConfig';

const config: PolicySource = launchConfig({ region: 'sa-east-1', executablesBucket: 'exe', outputBucket: 'out' });

// Service Authorization Reference (Amazon EC2, AWS Identity and Access Management) and the IAM User Guide's
// global condition context keys: the only keys these policies may use. `aws:ARN` is in neither.
const DOCUMENTED_KEYS = new Set([
  'ec2:InstanceProfile',
  'ec2:ResourceTag/adatrap:date',
  'ec2:CreateAction',
  'aws:TagKeys',
  'aws:RequestTag/adatrap:status',
  'iam:PassedToService',
]);

function conditionKeys(policy: PolicyDocument): string[] {
  return policy.Statement.flatMap((s) => Object.values(s.Condition ?? {}).flatMap((c) => Object.keys(c)));
}

function statement(policy: PolicyDocument, action: string) {
  const found = policy.Statement.filter((s) => s.Action.includes(action));
  assert.ok(found.length > 0, `no statement allows ${action}`);
  return found;
}

describe('IAM policies (print-iam-policy)', () => {
  it('the machine policy uses only documented condition keys, never aws:ARN', () => {
    const policy = instanceProfilePolicy(config, '123456789012');
    const keys = conditionKeys(policy);
    assert.ok(!JSON.stringify(policy).includes('aws:ARN'), 'aws:ARN is undocumented');
    assert.ok(!JSON.stringify(policy).includes('SourceInstanceARN'));
    for (const key of keys) assert.ok(DOCUMENTED_KEYS.has(key), `undocumented condition key ${key}`);
  });

  it('lets a machine terminate and tag only ADATRAP machines of its profile, and set only adatrap:status', () => {
    const policy = instanceProfilePolicy(config, '123456789012');
    for (const s of [...statement(policy, 'ec2:TerminateInstances'), ...statement(policy, 'ec2:CreateTags')]) {
      assert.deepEqual(s.Condition?.ArnLike, {
        'ec2:InstanceProfile': 'arn:aws:iam::123456789012:instance-profile/*adatrap-machine',
      });
      assert.deepEqual(s.Condition?.Null, { 'ec2:ResourceTag/adatrap:date': 'false' });
    }
    const [tags] = statement(policy, 'ec2:CreateTags');
    assert.deepEqual(tags?.Condition?.['ForAllValues:StringEquals'], { 'aws:TagKeys': ['adatrap:status'] });
    assert.deepEqual(tags?.Condition?.StringLike, { 'aws:RequestTag/adatrap:status': ['succeeded', 'failed*'] });
  });

  it('an instance profile given as an ARN is matched exactly', () => {
    const arn = 'arn:aws:iam::123456789012:instance-profile/team/adatrap-machine';
    const policy = instanceProfilePolicy({ ...config, instanceProfile: arn }, '123456789012');
    assert.equal(statement(policy, 'ec2:TerminateInstances')[0]?.Condition?.ArnLike?.['ec2:InstanceProfile'], arn);
  });

  it('lists the executables bucket, so a missing .exe is a 404 and not a 403', () => {
    const policy = instanceProfilePolicy(config);
    const lists = statement(policy, 's3:ListBucket').flatMap((s) => s.Resource);
    assert.ok(lists.includes('arn:aws:s3:::exe'), lists.join());
  });

  it('derives the partition from the region (aws, aws-cn, aws-us-gov) in every ARN', () => {
    assert.equal(partitionOf('sa-east-1'), 'aws');
    assert.equal(partitionOf('cn-north-1'), 'aws-cn');
    assert.equal(partitionOf('us-gov-west-1'), 'aws-us-gov');
    for (const [region, partition] of [
      ['cn-northwest-1', 'aws-cn'],
      ['us-gov-east-1', 'aws-us-gov'],
    ] as const) {
      for (const policy of [
        instanceProfilePolicy({ ...config, region }, '123456789012'),
        operatorPolicy({ ...config, region }, { accountId: '123456789012' }),
      ]) {
        const resources = policy.Statement.flatMap((s) => s.Resource).filter((r) => r !== '*');
        assert.ok(resources.length > 5);
        for (const r of resources) assert.ok(r.startsWith(`arn:${partition}:`), r);
        const profile = JSON.stringify(policy.Statement.map((s) => s.Condition ?? {}));
        assert.ok(!profile.includes('arn:aws:'), profile);
      }
    }
  });

  it('the operator may create and delete deadline schedules and pass only the deadline role, to Scheduler only', () => {
    const policy = operatorPolicy(config, { accountId: '123456789012' });
    const schedules = statement(policy, 'scheduler:CreateSchedule');
    assert.ok(schedules[0]?.Action.includes('scheduler:DeleteSchedule'));
    assert.deepEqual(schedules[0]?.Resource, [
      'arn:aws:scheduler:sa-east-1:123456789012:schedule/*/adatrap-deadline-*',
    ]);
    const toScheduler = (p: PolicyDocument) =>
      p.Statement.filter(
        (s) =>
          s.Action.includes('iam:PassRole') &&
          JSON.stringify(s.Condition).includes('"iam:PassedToService":"scheduler.amazonaws.com"'),
      );
    assert.deepEqual(toScheduler(policy)[0]?.Resource, ['arn:aws:iam::123456789012:role/adatrap-miner-scheduler']);
    const role = 'arn:aws:iam::123456789012:role/custom/deadlines';
    assert.deepEqual(toScheduler(operatorPolicy({ ...config, schedulerRoleArn: role }))[0]?.Resource, [role]);
    assert.deepEqual(
      toScheduler(operatorPolicy({ ...config, stackName: 'other' }, { accountId: '123456789012' }))[0]?.Resource,
      ['arn:aws:iam::123456789012:role/other-scheduler'],
    );
  });

  it('the operator policy covers launching: RunInstances, tags at launch, PassRole to EC2 only, SSM AMIs, logs', () => {
    const policy = operatorPolicy(config, { accountId: '123456789012' });
    for (const key of conditionKeys(policy)) assert.ok(DOCUMENTED_KEYS.has(key), key);
    const pass = statement(policy, 'iam:PassRole');
    assert.deepEqual(pass[0]?.Resource, ['arn:aws:iam::123456789012:role/adatrap-machine']);
    assert.deepEqual(pass[0]?.Condition, { StringEquals: { 'iam:PassedToService': 'ec2.amazonaws.com' } });
    assert.deepEqual(
      operatorPolicy(config, { machineRole: 'other-role' }).Statement.find((s) => s.Action.includes('iam:PassRole'))
        ?.Resource,
      ['arn:aws:iam::*:role/other-role'],
    );
    const run = statement(policy, 'ec2:RunInstances')[0];
    assert.ok(run?.Resource.includes('arn:aws:ec2:sa-east-1::image/*'));
    assert.ok(run?.Resource.includes('arn:aws:ec2:sa-east-1:123456789012:volume/*'));
    const launchTags = statement(policy, 'ec2:CreateTags').find((s) => s.Condition?.StringEquals);
    assert.deepEqual(launchTags?.Condition, { StringEquals: { 'ec2:CreateAction': 'RunInstances' } });
    assert.deepEqual(statement(policy, 'ssm:GetParameter')[0]?.Resource, [
      'arn:aws:ssm:sa-east-1::parameter/aws/service/ami-windows-latest/*',
    ]);
    for (const action of ['logs:StartLiveTail', 'logs:GetLogEvents', 'logs:CreateLogStream', 's3:GetBucketLocation'])
      statement(policy, action);
    // The operator never deletes inputs or results: only the write probe and the executables bucket.
    const deletes = statement(policy, 's3:DeleteObject').flatMap((s) => s.Resource);
    assert.deepEqual(deletes, ['arn:aws:s3:::exe/*', 'arn:aws:s3:::out/.adatrap-*']);
  });
});
