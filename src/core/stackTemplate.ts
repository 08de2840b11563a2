// The CloudFormation stack `adatrap-miner setup` deploys: everything a run needs that is not the user's data.
// The machines' role and instance profile (the least-privilege policy of print-iam-policy, plus the three
// task-token calls), the workflow's role and its state machine, the role EventBridge Scheduler assumes to
// terminate a machine at its deadline, and (when they do not exist yet) the log group and general stream.
// Buckets are never in it: they hold the user's data, and deleting the stack must not touch them.
//
// The roles and the profile have names (the profile name goes in `.env`), so creating or updating the stack
// needs CAPABILITY_NAMED_IAM (CloudFormation, "Acknowledging IAM resources in CloudFormation templates").
// The log group and stream are Retain: deleting the stack leaves every run's log where it was.
import { createHash } from 'node:crypto';
import { instanceProfilePolicy, type PolicyDocument, type PolicySource, type PolicyStatement } from './iamPolicy';
import type { RunConfigSource } from './agentRunConfig';
import { workflowDefinition } from './workflowDefinition';
import { EXECUTION_TAG } from './workflowInput';
import { TAG } from './launchPlan';

export interface StackOptions {
  stackName: string;
  /** False when the log group already exists outside the stack (the seed's console steps made it). */
  createLogGroup: boolean;
  createLogStream: boolean;
}

/** The outputs and the `.env` key each one fills in. */
export const STACK_OUTPUTS = {
  InstanceProfileName: 'INSTANCE_PROFILE',
  StateMachineArn: 'STATE_MACHINE_ARN',
  SchedulerRoleArn: 'SCHEDULER_ROLE_ARN',
} as const;
export const TEMPLATE_VERSION_OUTPUT = 'TemplateVersion';
/** Whether the stack owns the log group / general stream: an update keeps what the creation decided. */
export const MANAGES_LOG_GROUP_OUTPUT = 'ManagesLogGroup';
export const MANAGES_LOG_STREAM_OUTPUT = 'ManagesLogStream';

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/** The names the stack gives its resources (IAM names: up to 64 characters for roles). */
function stackResourceNames(stackName: string) {
  return {
    machineRole: `${stackName}-machine`,
    instanceProfile: `${stackName}-machine`,
    workflowRole: `${stackName}-workflow`,
    schedulerRole: `${stackName}-scheduler`,
    stateMachine: `${stackName}-batches`,
  };
}

/**
 * The agent's task-token calls. SendTask* name no resource (Service Authorization Reference, AWS Step Functions:
 * no resource type for these actions), so Resource is "*": the token itself is the capability.
 */
export const TASK_TOKEN_STATEMENT: PolicyStatement = {
  Sid: 'ReportToTheWorkflow',
  Effect: 'Allow',
  Action: ['states:SendTaskHeartbeat', 'states:SendTaskSuccess', 'states:SendTaskFailure'],
  Resource: ['*'],
};

/** The machines' policy: print-iam-policy's, plus the task-token calls of workflow launches. */
export function machinePolicy(config: PolicySource, accountId = '*'): PolicyDocument {
  const base = instanceProfilePolicy(config, accountId);
  return { ...base, Statement: [...base.Statement, TASK_TOKEN_STATEMENT] };
}

const ACCOUNT = '${AWS::AccountId}';
const REGION = '${AWS::Region}';

/** Strings naming the pseudo parameters become Fn::Sub, with IAM's own `${…}` variables escaped as `${!…}`. */
function substitute(value: Json): Json {
  if (typeof value === 'string') {
    if (!value.includes('${AWS::')) return value;
    return { 'Fn::Sub': value.replace(/\$\{(?!AWS::)/g, '${!') };
  }
  if (Array.isArray(value)) return value.map(substitute);
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, substitute(v)]));
  return value;
}

const trust = (service: string): Json =>
  substitute({
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { Service: service },
        Action: 'sts:AssumeRole',
        // Only this account's use of the service may assume the role (confused deputy).
        ...(service === 'ec2.amazonaws.com' ? {} : { Condition: { StringEquals: { 'aws:SourceAccount': ACCOUNT } } }),
      },
    ],
  });

function workflowPolicy(machineRoleArn: Json): Json {
  const ec2 = (type: string) => `arn:aws:ec2:${REGION}:${ACCOUNT}:${type}/*`;
  const tagged = { Null: { [`aws:RequestTag/${EXECUTION_TAG}`]: 'false' } };
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'LaunchOnlyTaggedMachines',
        Effect: 'Allow',
        Action: ['ec2:RunInstances'],
        Resource: [ec2('instance')],
        Condition: tagged,
      },
      {
        Sid: 'LaunchWithTheseResources',
        Effect: 'Allow',
        Action: ['ec2:RunInstances'],
        Resource: [
          ec2('volume'),
          ec2('network-interface'),
          ec2('security-group'),
          ec2('subnet'),
          ec2('key-pair'),
          ec2('spot-instances-request'),
          `arn:aws:ec2:${REGION}::image/*`,
        ],
      },
      {
        Sid: 'TagOnLaunchOnly',
        Effect: 'Allow',
        Action: ['ec2:CreateTags'],
        Resource: [ec2('instance'), ec2('volume'), ec2('spot-instances-request')],
        Condition: { StringEquals: { 'ec2:CreateAction': 'RunInstances' } },
      },
      { Sid: 'FindMachines', Effect: 'Allow', Action: ['ec2:DescribeInstances'], Resource: ['*'] },
      {
        Sid: 'TerminateOnlyWorkflowMachines',
        Effect: 'Allow',
        Action: ['ec2:TerminateInstances'],
        Resource: [ec2('instance')],
        Condition: { Null: { [`ec2:ResourceTag/${EXECUTION_TAG}`]: 'false' } },
      },
      {
        Sid: 'PassTheMachineRole',
        Effect: 'Allow',
        Action: ['iam:PassRole'],
        Resource: [machineRoleArn],
        Condition: { StringEquals: { 'iam:PassedToService': 'ec2.amazonaws.com' } },
      },
    ],
  };
}

function schedulerPolicy(): Json {
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'TerminateAdatrapMachinesAtTheirDeadline',
        Effect: 'Allow',
        Action: ['ec2:TerminateInstances'],
        Resource: [`arn:aws:ec2:${REGION}:${ACCOUNT}:instance/*`],
        Condition: { Null: { [`ec2:ResourceTag/${TAG.date}`]: 'false' } },
      },
    ],
  };
}

/** The template as an object; its TemplateVersion output is a hash of everything else in it. */
export function stackTemplate(config: RunConfigSource, options: StackOptions): Record<string, Json> {
  const names = stackResourceNames(options.stackName);
  const machineRoleArn: Json = { 'Fn::GetAtt': ['MachineRole', 'Arn'] };
  const resources: Record<string, Json> = {
    MachineRole: {
      Type: 'AWS::IAM::Role',
      Properties: {
        RoleName: names.machineRole,
        Description: 'ADATRAP Miner machines: read inputs, write results and logs, end themselves',
        AssumeRolePolicyDocument: trust('ec2.amazonaws.com'),
        Policies: [
          {
            PolicyName: 'adatrap-machine',
            // The machines' own conditions name the instance profile they run with: the stack's.
            PolicyDocument: substitute(
              machinePolicy({ ...config, instanceProfile: names.instanceProfile }, ACCOUNT) as unknown as Json,
            ),
          },
        ],
      },
    },
    MachineInstanceProfile: {
      Type: 'AWS::IAM::InstanceProfile',
      Properties: { InstanceProfileName: names.instanceProfile, Roles: [{ Ref: 'MachineRole' }] },
    },
    WorkflowRole: {
      Type: 'AWS::IAM::Role',
      Properties: {
        RoleName: names.workflowRole,
        Description: 'ADATRAP Miner batches: launch, find and terminate the machines of a batch',
        AssumeRolePolicyDocument: trust('states.amazonaws.com'),
        Policies: [{ PolicyName: 'adatrap-workflow', PolicyDocument: substitute(workflowPolicy(machineRoleArn)) }],
      },
    },
    SchedulerRole: {
      Type: 'AWS::IAM::Role',
      Properties: {
        RoleName: names.schedulerRole,
        Description: 'ADATRAP Miner deadlines: EventBridge Scheduler terminates a machine at its deadline',
        AssumeRolePolicyDocument: trust('scheduler.amazonaws.com'),
        Policies: [{ PolicyName: 'adatrap-deadline', PolicyDocument: substitute(schedulerPolicy()) }],
      },
    },
    StateMachine: {
      Type: 'AWS::StepFunctions::StateMachine',
      Properties: {
        StateMachineName: names.stateMachine,
        StateMachineType: 'STANDARD',
        RoleArn: { 'Fn::GetAtt': ['WorkflowRole', 'Arn'] },
        DefinitionString: JSON.stringify(workflowDefinition()),
      },
    },
  };
  if (options.createLogGroup)
    resources.LogGroup = {
      Type: 'AWS::Logs::LogGroup',
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: { LogGroupName: config.logGroup },
    };
  if (options.createLogStream)
    resources.GeneralLogStream = {
      Type: 'AWS::Logs::LogStream',
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      ...(options.createLogGroup ? { DependsOn: 'LogGroup' } : {}),
      Properties: { LogGroupName: config.logGroup, LogStreamName: config.generalLogStream },
    };
  const template: Record<string, Json> = {
    AWSTemplateFormatVersion: '2010-09-09',
    Description:
      'ADATRAP Miner: machines role and profile, batch workflow, deadline role, run logs (adatrap-miner setup)',
    Resources: resources,
    Outputs: {
      InstanceProfileName: { Description: 'INSTANCE_PROFILE in .env', Value: { Ref: 'MachineInstanceProfile' } },
      StateMachineArn: { Description: 'STATE_MACHINE_ARN in .env', Value: { Ref: 'StateMachine' } },
      SchedulerRoleArn: {
        Description: 'SCHEDULER_ROLE_ARN in .env',
        Value: { 'Fn::GetAtt': ['SchedulerRole', 'Arn'] },
      },
      [MANAGES_LOG_GROUP_OUTPUT]: { Value: String(options.createLogGroup) },
      [MANAGES_LOG_STREAM_OUTPUT]: { Value: String(options.createLogStream) },
    },
  };
  const version = templateVersion(template);
  (template.Outputs as Record<string, Json>)[TEMPLATE_VERSION_OUTPUT] = {
    Description: 'What adatrap-miner compares to tell an outdated stack',
    Value: version,
  };
  return template;
}

/** A short hash of the template (without its own version output): any change to what we deploy changes it. */
export function templateVersion(template: Record<string, Json>): string {
  const outputs = { ...(template.Outputs as Record<string, Json>) };
  delete outputs[TEMPLATE_VERSION_OUTPUT];
  return createHash('sha256')
    .update(JSON.stringify({ ...template, Outputs: outputs }))
    .digest('hex')
    .slice(0, 16);
}

/** The version output of a template object (what setup deploys and Test Connection compares). */
export function versionOf(template: Record<string, Json>): string {
  const out = (template.Outputs as Record<string, { Value: Json }>)[TEMPLATE_VERSION_OUTPUT];
  return String(out.Value);
}

/** YAML for `setup --print --format yaml`: block style, every string double-quoted (so it is also exact). */
export function toYaml(value: Json, indent = ''): string {
  // Plain keys unless YAML would read them as something else (`Null` is null, `Yes` a boolean in YAML 1.1).
  const key = (k: string) =>
    /^[A-Za-z][A-Za-z0-9_]*$/.test(k) && !/^(?:null|true|false|yes|no|on|off|y|n)$/i.test(k) ? k : JSON.stringify(k);
  const scalar = (v: Json) => (typeof v === 'string' ? JSON.stringify(v) : String(v));
  const lines: string[] = [];
  const emit = (v: Json, pad: string, prefix: string): void => {
    if (Array.isArray(v)) {
      if (v.length === 0) return void lines.push(`${prefix} []`);
      if (prefix) lines.push(prefix);
      for (const item of v) {
        if (item !== null && typeof item === 'object' && !Array.isArray(item) && Object.keys(item).length > 0) {
          const [first, ...rest] = Object.entries(item);
          emit(first[1], `${pad}    `, `${pad}- ${key(first[0])}:`);
          for (const [k, x] of rest) emit(x, `${pad}    `, `${pad}  ${key(k)}:`);
        } else emit(item, `${pad}  `, `${pad}-`);
      }
    } else if (v !== null && typeof v === 'object') {
      const entries = Object.entries(v);
      if (entries.length === 0) return void lines.push(`${prefix} {}`);
      if (prefix) lines.push(prefix);
      for (const [k, x] of entries) emit(x, `${pad}  `, `${pad}${key(k)}:`);
    } else lines.push(prefix ? `${prefix} ${scalar(v)}` : scalar(v));
  };
  // Top level: keys at column 0.
  if (value !== null && typeof value === 'object' && !Array.isArray(value))
    for (const [k, x] of Object.entries(value)) emit(x, `${indent}  `, `${indent}${key(k)}:`);
  else emit(value, indent, '');
  return `${lines.join('\n')}\n`;
}
