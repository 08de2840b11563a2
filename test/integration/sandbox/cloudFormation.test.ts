// CloudFormation on the sandbox: the real client, a stack of the resource types the setup uses, statuses,
// events, outputs, capabilities, "No updates", rollback, delete.
import * as assert from 'node:assert/strict';
import {
  CloudFormationClient,
  CreateStackCommand,
  DeleteStackCommand,
  DescribeStackEventsCommand,
  DescribeStackResourcesCommand,
  DescribeStacksCommand,
  GetTemplateCommand,
  UpdateStackCommand,
  ValidateTemplateCommand,
  type Stack,
} from '@aws-sdk/client-cloudformation';
import { RunInstancesCommand } from '@aws-sdk/client-ec2';
import { startSandbox, type Sandbox } from '../../../src/sandbox';
import { SANDBOX_AMI_ID } from '../../../src/sandbox/env';
import { clientsFor, sandboxClientConfig } from './clients';

process.env.AWS_EC2_METADATA_DISABLED = 'true';

const definition = { StartAt: 'Done', States: { Done: { Type: 'Succeed' } } };
const template = (extra: Record<string, unknown> = {}): string =>
  JSON.stringify({
    Parameters: { GroupName: { Type: 'String', Default: 'adatrap-stack-logs' } },
    Resources: {
      Logs: { Type: 'AWS::Logs::LogGroup', Properties: { LogGroupName: { Ref: 'GroupName' } } },
      General: {
        Type: 'AWS::Logs::LogStream',
        Properties: { LogGroupName: { Ref: 'Logs' }, LogStreamName: 'general' },
      },
      MachineRole: {
        Type: 'AWS::IAM::Role',
        Properties: {
          RoleName: { 'Fn::Sub': '${AWS::StackName}-machine' },
          AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [] },
        },
      },
      Profile: {
        Type: 'AWS::IAM::InstanceProfile',
        Properties: { InstanceProfileName: 'adatrap-stack-profile', Roles: [{ Ref: 'MachineRole' }] },
      },
      Workflow: {
        Type: 'AWS::StepFunctions::StateMachine',
        Properties: {
          StateMachineName: 'adatrap-stack-batch',
          RoleArn: { 'Fn::GetAtt': ['MachineRole', 'Arn'] },
          DefinitionString: JSON.stringify(definition),
        },
      },
      ...extra,
    },
    Outputs: {
      StateMachineArn: { Value: { Ref: 'Workflow' } },
      Profile: { Value: { 'Fn::Join': ['/', [{ Ref: 'AWS::Region' }, { Ref: 'Profile' }]] } },
    },
  });

describe('sandbox CloudFormation', function () {
  this.timeout(30_000);
  let sandbox: Sandbox;
  let cfn: CloudFormationClient;

  before(async () => {
    sandbox = await startSandbox({ seed: false, stackStepMs: 5 });
    cfn = new CloudFormationClient(sandboxClientConfig(sandbox));
  });
  after(async () => {
    cfn.destroy();
    await sandbox.close();
  });

  async function settled(name: string): Promise<Stack> {
    for (;;) {
      const s = (await cfn.send(new DescribeStacksCommand({ StackName: name }))).Stacks?.[0];
      if (s && !s.StackStatus?.endsWith('_IN_PROGRESS')) return s;
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  it('refuses IAM resources without CAPABILITY_NAMED_IAM, and unknown resource types', async () => {
    await assert.rejects(
      cfn.send(new CreateStackCommand({ StackName: 'adatrap', TemplateBody: template() })),
      (e: Error) => e.name === 'InsufficientCapabilitiesException' && /CAPABILITY_NAMED_IAM/.test(e.message),
    );
    await assert.rejects(
      cfn.send(
        new CreateStackCommand({
          StackName: 'adatrap',
          TemplateBody: template({ Q: { Type: 'AWS::SQS::Queue' } }),
          Capabilities: ['CAPABILITY_NAMED_IAM'],
        }),
      ),
      (e: Error) => e.name === 'ValidationError' && /Unrecognized resource types: \[AWS::SQS::Queue\]/.test(e.message),
    );
    await assert.rejects(
      cfn.send(new ValidateTemplateCommand({ TemplateBody: 'x'.repeat(51_201) })),
      (e: Error) => e.name === 'ValidationError' && /51200/.test(e.message),
    );
  });

  it('creates the stack: real log group, instance profile RunInstances accepts, state machine; outputs', async () => {
    await cfn.send(
      new CreateStackCommand({
        StackName: 'adatrap',
        TemplateBody: template(),
        Capabilities: ['CAPABILITY_NAMED_IAM'],
      }),
    );
    const stack = await settled('adatrap');
    assert.equal(stack.StackStatus, 'CREATE_COMPLETE', stack.StackStatusReason);
    const outputs = Object.fromEntries((stack.Outputs ?? []).map((o) => [o.OutputKey, o.OutputValue]));
    assert.equal(outputs.StateMachineArn, 'arn:aws:states:us-east-1:123456789012:stateMachine:adatrap-stack-batch');
    assert.equal(outputs.Profile, 'us-east-1/adatrap-stack-profile');
    assert.ok(sandbox.logs.allGroups().some((g) => g.name === 'adatrap-stack-logs' && g.streams.has('general')));
    assert.equal(
      sandbox.stepFunctions.dispatch('DescribeStateMachine', { stateMachineArn: outputs.StateMachineArn }).roleArn,
      'arn:aws:iam::123456789012:role/adatrap-machine',
    );
    const events = (await cfn.send(new DescribeStackEventsCommand({ StackName: 'adatrap' }))).StackEvents ?? [];
    assert.equal(events[0]?.ResourceStatus, 'CREATE_COMPLETE', 'newest first');
    assert.equal(events.at(-1)?.ResourceStatus, 'CREATE_IN_PROGRESS');
    const resources =
      (await cfn.send(new DescribeStackResourcesCommand({ StackName: 'adatrap' }))).StackResources ?? [];
    assert.equal(resources.length, 5);
    const body = (await cfn.send(new GetTemplateCommand({ StackName: 'adatrap' }))).TemplateBody;
    assert.equal(body, template());
    const aws = clientsFor(sandbox);
    try {
      const run = await aws.ec2.send(
        new RunInstancesCommand({
          ImageId: SANDBOX_AMI_ID,
          MinCount: 1,
          MaxCount: 1,
          IamInstanceProfile: { Name: 'adatrap-stack-profile' },
        }),
      );
      assert.equal(run.Instances?.length, 1, 'RunInstances accepts the instance profile the stack created');
    } finally {
      aws.destroy();
    }
  });

  it('an update without changes is "No updates are to be performed."; a changed one completes', async () => {
    await assert.rejects(
      cfn.send(
        new UpdateStackCommand({
          StackName: 'adatrap',
          TemplateBody: template(),
          Capabilities: ['CAPABILITY_NAMED_IAM'],
        }),
      ),
      (e: Error) => e.name === 'ValidationError' && e.message === 'No updates are to be performed.',
    );
    await cfn.send(
      new UpdateStackCommand({
        StackName: 'adatrap',
        TemplateBody: template({ Group: { Type: 'AWS::Scheduler::ScheduleGroup', Properties: { Name: 'adatrap' } } }),
        Capabilities: ['CAPABILITY_NAMED_IAM'],
      }),
    );
    assert.equal((await settled('adatrap')).StackStatus, 'UPDATE_COMPLETE');
  });

  it('rolls back a create whose resource fails, deleting what it made', async () => {
    const bad = JSON.stringify({
      Resources: {
        Logs: { Type: 'AWS::Logs::LogGroup', Properties: { LogGroupName: 'rollback-logs' } },
        Workflow: {
          Type: 'AWS::StepFunctions::StateMachine',
          Properties: {
            RoleArn: 'arn:aws:iam::123456789012:role/x',
            DefinitionString: '{"StartAt":"A","States":{"A":{"Type":"Pass"}}}',
          },
          DependsOn: 'Logs',
        },
      },
    });
    await cfn.send(new CreateStackCommand({ StackName: 'broken', TemplateBody: bad }));
    const stack = await settled('broken');
    assert.equal(stack.StackStatus, 'ROLLBACK_COMPLETE');
    const events = (await cfn.send(new DescribeStackEventsCommand({ StackName: 'broken' }))).StackEvents ?? [];
    const failed = events.find((e) => e.ResourceStatus === 'CREATE_FAILED');
    assert.equal(failed?.LogicalResourceId, 'Workflow');
    assert.match(failed?.ResourceStatusReason ?? '', /Invalid State Machine Definition/);
    assert.ok(!sandbox.logs.allGroups().some((g) => g.name === 'rollback-logs'));
  });

  it('deletes the stack and its resources', async () => {
    await cfn.send(new DeleteStackCommand({ StackName: 'adatrap' }));
    for (;;) {
      const r = await cfn.send(new DescribeStacksCommand({})).then((x) => x.Stacks ?? []);
      if (!r.some((s) => s.StackName === 'adatrap')) break;
      await new Promise((res) => setTimeout(res, 10));
    }
    await assert.rejects(
      cfn.send(new DescribeStacksCommand({ StackName: 'adatrap' })),
      (e: Error) => e.name === 'ValidationError' && /does not exist/.test(e.message),
    );
    assert.ok(!sandbox.logs.allGroups().some((g) => g.name === 'adatrap-stack-logs'));
  });
});
