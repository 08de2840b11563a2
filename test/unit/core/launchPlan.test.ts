import * as assert from 'node:assert/strict';
import { setLanguage } from '../../../src/core/i18n';
import { TAG, buildLaunchPlan, type LaunchConfigSource } from '../../../src/core/launchPlan';
import { instanceProfilePolicy } from '../../../src/core/iamPolicy';
import { UserError } from '../../../src/core/errors';
import { decodeRunConfig, encodeRunConfig } from '../../../src/core/agentRunConfig';
import { launchConfig } from '../../helpers/launchConfig';

const base: LaunchConfigSource = launchConfig({
  amiId: 'ami-1',
  instanceType: 't3.large',
  keyPair: 'kp',
  maxRunHours: 2,
  outputBucket: 'out',
});

const request = {
  date: '2020-06-27',
  agentSha256: 'c'.repeat(64),
  agentVersion: '0.1.0',
  language: 'es' as const,
  now: new Date('2026-03-01T12:00:00Z'),
};

describe('launch plan (RunInstances request)', () => {
  it('launches a self-terminating, deadline-tagged, IMDSv2-only machine with its instance profile', () => {
    const { plan, userData } = buildLaunchPlan(base, request);
    assert.equal(plan.ImageId, 'ami-1');
    assert.equal(plan.InstanceType, 't3.large');
    assert.equal(plan.KeyName, 'kp');
    assert.deepEqual(plan.IamInstanceProfile, { Name: 'adatrap-machine' });
    assert.equal(plan.InstanceInitiatedShutdownBehavior, 'terminate');
    assert.deepEqual(plan.MetadataOptions, { HttpTokens: 'required', HttpEndpoint: 'enabled' });
    assert.deepEqual(plan.Monitoring, { Enabled: true });
    assert.equal(plan.SecurityGroupIds, undefined);
    assert.equal(plan.SubnetId, undefined);
    assert.equal(Buffer.from(plan.UserData, 'base64').toString('utf8'), userData);
    const tags = Object.fromEntries(plan.TagSpecifications[0].Tags.map((t) => [t.Key, t.Value]));
    assert.deepEqual(tags, {
      Name: 'adatrap-2020-06-27',
      [TAG.date]: '2020-06-27',
      [TAG.version]: '0.2',
      [TAG.deadline]: '2026-03-01T14:00:00.000Z',
      [TAG.status]: 'running',
    });
  });

  it('accepts an instance profile ARN, security groups and a subnet', () => {
    const arn = 'arn:aws:iam::123456789012:instance-profile/adatrap';
    const { plan } = buildLaunchPlan(
      { ...base, instanceProfile: arn, securityGroupIds: ['sg-1', 'sg-2'], subnetId: 'subnet-9' },
      request,
    );
    assert.deepEqual(plan.IamInstanceProfile, { Arn: arn });
    assert.deepEqual(plan.SecurityGroupIds, ['sg-1', 'sg-2']);
    assert.equal(plan.SubnetId, 'subnet-9');
  });

  it('refuses to launch without an instance profile, naming INSTANCE_PROFILE and print-iam-policy', () => {
    for (const instanceProfile of [undefined, '  ']) {
      assert.throws(
        () => buildLaunchPlan({ ...base, instanceProfile }, request),
        (e: unknown) =>
          e instanceof UserError && /INSTANCE_PROFILE/.test(e.message) && /print-iam-policy/.test(e.message),
      );
    }
  });

  it('tags debug runs and passes extra tags through', () => {
    const { plan, runConfig } = buildLaunchPlan(base, {
      ...request,
      debug: true,
      extraTags: { [TAG.simMode]: 'fail' },
    });
    const tags = Object.fromEntries(plan.TagSpecifications[0].Tags.map((t) => [t.Key, t.Value]));
    assert.equal(tags[TAG.debug], 'true');
    assert.equal(tags[TAG.simMode], 'fail');
    assert.equal(runConfig.debug, true);
  });
});

describe('instance profile policy', () => {
  it('grants reads on inputs, writes without delete on results, logs on the group and self-only EC2 actions', () => {
    const policy = instanceProfilePolicy(base, '123456789012');
    const actions = policy.Statement.flatMap((s) => s.Action);
    assert.ok(!actions.some((a) => /Delete|\*/.test(a)), `no delete or wildcard action: ${actions.join()}`);
    const write = policy.Statement.find((s) => s.Action.includes('s3:PutObject'));
    assert.deepEqual(write?.Resource, ['arn:aws:s3:::out/*']);
    const ec2 = policy.Statement.find((s) => s.Action.includes('ec2:TerminateInstances'));
    assert.deepEqual(ec2?.Condition?.ArnLike, {
      'ec2:InstanceProfile': 'arn:aws:iam::123456789012:instance-profile/*adatrap-machine',
    });
    const logs = policy.Statement.find((s) => s.Action.includes('logs:PutLogEvents'));
    assert.deepEqual(logs?.Resource, [
      'arn:aws:logs:us-east-1:123456789012:log-group:adatrap',
      'arn:aws:logs:us-east-1:123456789012:log-group:adatrap:log-stream:*',
    ]);
  });
});

describe('run config (ADATRAP_RUN_CONFIG)', () => {
  it('round-trips and names the field that is wrong', () => {
    const { runConfig } = buildLaunchPlan(base, request);
    assert.deepEqual(decodeRunConfig(encodeRunConfig(runConfig)), runConfig);
    const broken = Buffer.from(
      JSON.stringify({ ...runConfig, buckets: { ...runConfig.buckets, output: '' } }),
    ).toString('base64');
    assert.throws(() => decodeRunConfig(broken), /buckets\.output/);
    assert.throws(() => decodeRunConfig('not json'), /ADATRAP_RUN_CONFIG/);
  });

  it('re-validates every field with the .env validators, and refuses fields it does not know', () => {
    setLanguage('en');
    const { runConfig } = buildLaunchPlan({ ...base, exeCodePage: 'utf-8' }, request);
    assert.equal(decodeRunConfig(encodeRunConfig(runConfig)).exeCodePage, 'utf-8');
    const encode = (changed: Record<string, unknown>) =>
      Buffer.from(JSON.stringify({ ...runConfig, ...changed })).toString('base64');
    const cases: Array<[Record<string, unknown>, RegExp]> = [
      [{ region: 'Mars' }, /region: REGION_NAME "Mars"/],
      [{ buckets: { ...runConfig.buckets, gps: 'My_Bucket' } }, /buckets\.gps: GPS_BUCKET_NAME "My_Bucket"/],
      [{ logGroup: 'has space' }, /logGroup: LOG_GROUP/],
      [{ generalLogStream: 'a:b' }, /generalLogStream: GENERAL_LOG_STREAM/],
      [{ executableVersion: 'v1' }, /executableVersion: EXECUTABLE_VERSION/],
      [{ exeCodePage: 'cp850' }, /exeCodePage: EXE_CODE_PAGE "cp850"/],
      [{ date: '2021-02-30' }, /date/],
      [{ exeTimeoutSeconds: -1 }, /exeTimeoutSeconds/],
      [{ market: 'spot' }, /invalid: market/],
    ];
    for (const [changed, expected] of cases) assert.throws(() => decodeRunConfig(encode(changed)), expected);
  });
});
