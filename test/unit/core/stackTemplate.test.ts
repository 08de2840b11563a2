// The stack setup deploys: the policies in it are the ones the code prints, the state machine is the one the
// launcher writes its input for, nothing in it owns a bucket, and the YAML says exactly what the JSON says.
import * as assert from 'node:assert/strict';
import {
  STACK_OUTPUTS,
  TASK_TOKEN_STATEMENT,
  machinePolicy,
  stackTemplate,
  templateVersion,
  toYaml,
  versionOf,
} from '../../../src/core/stackTemplate';
import { instanceProfilePolicy } from '../../../src/core/iamPolicy';
import { workflowDefinition } from '../../../src/core/workflowDefinition';
import type { RunConfigSource } from '../../../src/core/agentRunConfig';
import { launchConfig } from '../../helpers/launchConfig';

// eslint-disable-next-line @typescript-eslint/no-require-imports -- a test-only YAML reader
const yaml = require('js-yaml') as { load(text: string): unknown };

type Obj = Record<string, unknown>;

const config: RunConfigSource = launchConfig();
const options = { stackName: 'adatrap-miner', createLogGroup: true, createLogStream: true };

/** Resolves the template's Fn::Sub strings for one account and region, as CloudFormation would. */
function resolve(value: unknown, account: string, region: string): unknown {
  if (Array.isArray(value)) return value.map((v) => resolve(v, account, region));
  if (value && typeof value === 'object') {
    const o = value as Obj;
    if (typeof o['Fn::Sub'] === 'string')
      return (o['Fn::Sub'] as string)
        .replace(/\$\{AWS::AccountId\}/g, account)
        .replace(/\$\{AWS::Region\}/g, region)
        .replace(/\$\{!/g, '${');
    return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, resolve(v, account, region)]));
  }
  return value;
}

describe('CloudFormation stack template', () => {
  const template = stackTemplate(config, options);
  const resources = template.Resources as Record<string, { Type: string; Properties: Obj; DeletionPolicy?: string }>;

  it("gives the machines exactly print-iam-policy's policy plus the task-token calls", () => {
    const policy = (resources.MachineRole.Properties.Policies as Array<{ PolicyDocument: unknown }>)[0].PolicyDocument;
    const resolved = resolve(policy, '123456789012', 'us-east-1');
    const withProfile = { ...config, instanceProfile: 'adatrap-miner-machine' };
    assert.deepEqual(resolved, machinePolicy(withProfile, '123456789012'));
    const printed = instanceProfilePolicy(withProfile, '123456789012');
    assert.deepEqual((resolved as { Statement: unknown[] }).Statement, [...printed.Statement, TASK_TOKEN_STATEMENT]);
    assert.match(JSON.stringify(resolved), /instance-profile\/\*adatrap-miner-machine/);
  });

  it('deploys the state machine the launcher writes its input for, as a Standard workflow', () => {
    const sm = resources.StateMachine;
    assert.equal(sm.Type, 'AWS::StepFunctions::StateMachine');
    assert.equal(sm.Properties.StateMachineType, 'STANDARD');
    assert.deepEqual(JSON.parse(sm.Properties.DefinitionString as string), workflowDefinition());
    assert.deepEqual(sm.Properties.RoleArn, { 'Fn::GetAtt': ['WorkflowRole', 'Arn'] });
  });

  it('lets the workflow launch and terminate only machines tagged with an execution, and pass only the machine role', () => {
    const doc = resolve(
      (resources.WorkflowRole.Properties.Policies as Array<{ PolicyDocument: unknown }>)[0].PolicyDocument,
      '123456789012',
      'us-east-1',
    ) as { Statement: Array<{ Sid: string; Action: string[]; Resource: unknown[]; Condition?: Obj }> };
    const bySid = Object.fromEntries(doc.Statement.map((s) => [s.Sid, s]));
    assert.deepEqual(bySid.LaunchOnlyTaggedMachines.Condition, {
      Null: { 'aws:RequestTag/adatrap:execution': 'false' },
    });
    assert.deepEqual(bySid.TerminateOnlyWorkflowMachines.Condition, {
      Null: { 'ec2:ResourceTag/adatrap:execution': 'false' },
    });
    assert.deepEqual(bySid.PassTheMachineRole.Resource, [{ 'Fn::GetAtt': ['MachineRole', 'Arn'] }]);
    const actions = doc.Statement.flatMap((s) => s.Action).sort();
    assert.deepEqual(actions, [
      'ec2:CreateTags',
      'ec2:DescribeInstances',
      'ec2:RunInstances',
      'ec2:RunInstances',
      'ec2:TerminateInstances',
      'iam:PassRole',
    ]);
  });

  it('has a role for EventBridge Scheduler limited to terminating ADATRAP machines, assumed only from this account', () => {
    const role = resources.SchedulerRole.Properties;
    const trust = resolve(role.AssumeRolePolicyDocument, '123456789012', 'us-east-1') as {
      Statement: Array<{ Principal: Obj; Condition: Obj }>;
    };
    assert.deepEqual(trust.Statement[0].Principal, { Service: 'scheduler.amazonaws.com' });
    assert.deepEqual(trust.Statement[0].Condition, { StringEquals: { 'aws:SourceAccount': '123456789012' } });
    assert.deepEqual(
      Object.keys(template.Outputs as Obj).sort(),
      [...Object.keys(STACK_OUTPUTS), 'TemplateVersion', 'ManagesLogGroup', 'ManagesLogStream'].sort(),
    );
  });

  it('keeps logs on delete, creates no bucket, and leaves out a log group that already exists', () => {
    assert.equal(resources.LogGroup.DeletionPolicy, 'Retain');
    assert.equal(resources.GeneralLogStream.DeletionPolicy, 'Retain');
    assert.ok(Object.values(resources).every((r) => r.Type !== 'AWS::S3::Bucket'));
    const existing = stackTemplate(config, { ...options, createLogGroup: false, createLogStream: false });
    assert.equal((existing.Resources as Obj).LogGroup, undefined);
    assert.equal((existing.Resources as Obj).GeneralLogStream, undefined);
  });

  it('versions the template by its content: a different bucket or definition is a different version', () => {
    assert.equal(versionOf(template), templateVersion(template));
    assert.equal(versionOf(stackTemplate(config, options)), versionOf(template));
    assert.notEqual(versionOf(stackTemplate({ ...config, outputBucket: 'other-out' }, options)), versionOf(template));
  });

  it('prints YAML that reads back to the same template', () => {
    assert.deepEqual(yaml.load(toYaml(template as never)), JSON.parse(JSON.stringify(template)));
  });
});
