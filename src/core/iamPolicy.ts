// The two least-privilege policies of a deployment, from the configured buckets and log group:
// - the machines' instance profile: read the executables and the inputs, write results (no delete: a previous
//   result is copied under history/ and then overwritten, never removed), write to the run log group, and tag
//   or terminate only ADATRAP machines that carry this instance profile;
// - the operator (the person or CI launching runs from the CLI or the extension): the calls those make.
// Every condition key used here is documented in the Service Authorization Reference, "Actions, resources, and
// condition keys for Amazon EC2" (ec2:InstanceProfile, ec2:ResourceTag/${TagKey}, ec2:CreateAction) and the
// IAM User Guide's global condition keys (aws:TagKeys, aws:RequestTag/${TagKey}). The former
// `aws:ARN = ${ec2:SourceInstanceARN}` is not: aws:ARN is absent from both, so it is not used.
import type { RunConfigSource } from './agentRunConfig';
import { DEADLINE_SCHEDULE_PREFIX } from './deadlineSchedule';

export interface PolicyStatement {
  Sid: string;
  Effect: 'Allow';
  Action: string[];
  Resource: string[];
  Condition?: Record<string, Record<string, string | string[]>>;
}

export interface PolicyDocument {
  Version: '2012-10-17';
  Statement: PolicyStatement[];
}

/** The tag keys the policies rely on (the same as launchPlan's TAG, repeated to keep this module's imports small). */
const DATE_TAG = 'adatrap:date';
const STATUS_TAG = 'adatrap:status';

/** ARN partition of a region: China and GovCloud regions live in their own partitions (ARNs differ there). */
export function partitionOf(region: string): 'aws' | 'aws-cn' | 'aws-us-gov' {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}

export type PolicySource = RunConfigSource & {
  instanceProfile?: string;
  schedulerRoleArn?: string;
  stackName?: string;
  stateMachineArn?: string;
};

/** The instance profile's ARN as `ec2:InstanceProfile` sees it; a bare name may sit under any IAM path. */
function instanceProfileArnPattern(profile: string | undefined, partition: string, accountId: string): string {
  const value = profile?.trim() ?? '';
  if (value.startsWith('arn:')) return value;
  return `arn:${partition}:iam::${accountId}:instance-profile/${value ? `*${value}` : '*'}`;
}

function arns(config: PolicySource, accountId: string) {
  const partition = partitionOf(config.region);
  const bucket = (b: string) => `arn:${partition}:s3:::${b}`;
  const logGroup = `arn:${partition}:logs:${config.region}:${accountId}:log-group:${config.logGroup}`;
  const ec2 = (type: string) => `arn:${partition}:ec2:${config.region}:${accountId}:${type}`;
  const inputs = [
    ...new Set([
      config.gpsBucket,
      config.file196Bucket,
      config.transactionBucket,
      config.opProgramBucket,
      config.serviceDetailBucket,
    ]),
  ];
  return { partition, bucket, logGroup, ec2, inputs };
}

export function instanceProfilePolicy(config: PolicySource, accountId = '*'): PolicyDocument {
  const { partition, bucket, logGroup, ec2, inputs } = arns(config, accountId);
  // Only machines that run with this profile and were launched as ADATRAP runs: a machine cannot name
  // "itself" in a documented way, so the profile and the run's tag are the boundary.
  const ownMachine = {
    ArnLike: { 'ec2:InstanceProfile': instanceProfileArnPattern(config.instanceProfile, partition, accountId) },
    Null: { [`ec2:ResourceTag/${DATE_TAG}`]: 'false' },
  };
  return {
    Version: '2012-10-17',
    Statement: [
      {
        // ListBucket makes a missing pvmtsc_vX.exe a 404 (NoSuchKey) instead of a 403 that reads like a
        // permission problem (S3 answers 403 for a missing key to callers without s3:ListBucket).
        Sid: 'ListExecutables',
        Effect: 'Allow',
        Action: ['s3:ListBucket'],
        Resource: [bucket(config.executablesBucket)],
      },
      {
        Sid: 'ReadExecutablesRuntimeAndAgent',
        Effect: 'Allow',
        Action: ['s3:GetObject'],
        Resource: [`${bucket(config.executablesBucket)}/*`],
      },
      {
        Sid: 'ListInputs',
        Effect: 'Allow',
        Action: ['s3:ListBucket'],
        Resource: [...inputs, config.outputBucket].map(bucket),
      },
      {
        Sid: 'ReadInputs',
        Effect: 'Allow',
        Action: ['s3:GetObject'],
        Resource: inputs.map((b) => `${bucket(b)}/*`),
      },
      {
        // GetObject on the output bucket is also what a CopyObject/UploadPartCopy of the previous D.zip reads.
        Sid: 'WriteResultsKeepingHistory',
        Effect: 'Allow',
        Action: ['s3:GetObject', 's3:PutObject', 's3:AbortMultipartUpload', 's3:ListMultipartUploadParts'],
        Resource: [`${bucket(config.outputBucket)}/*`],
      },
      {
        Sid: 'WriteRunLogs',
        Effect: 'Allow',
        Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        Resource: [logGroup, `${logGroup}:log-stream:*`],
      },
      {
        Sid: 'TerminateAdatrapMachines',
        Effect: 'Allow',
        Action: ['ec2:TerminateInstances'],
        Resource: [ec2('instance/*')],
        Condition: ownMachine,
      },
      {
        // aws:TagKeys with ForAllValues: every key in the request is adatrap:status; the Null check keeps a
        // request without tags from passing the (vacuously true) ForAllValues test.
        Sid: 'RecordOnlyTheStatusTag',
        Effect: 'Allow',
        Action: ['ec2:CreateTags'],
        Resource: [ec2('instance/*')],
        Condition: {
          ...ownMachine,
          'ForAllValues:StringEquals': { 'aws:TagKeys': [STATUS_TAG] },
          StringLike: { [`aws:RequestTag/${STATUS_TAG}`]: ['succeeded', 'failed*'] },
        },
      },
    ],
  };
}

interface OperatorPolicyOptions {
  accountId?: string;
  /** The role inside INSTANCE_PROFILE, which RunInstances passes to EC2 (iam:PassRole). */
  machineRole?: string;
}

/**
 * More statements for features that add AWS calls to the operator's side (orchestration, the deadline's
 * EventBridge schedule, …): each feature adds its function here, so `print-iam-policy --operator` keeps
 * printing everything the person launching needs.
 */
const OPERATOR_FEATURE_STATEMENTS: Array<(config: PolicySource, accountId: string) => PolicyStatement[]> = [
  deadlineScheduleStatements,
  batchStatements,
  pricingStatements,
];

/**
 * The launch estimate, the price each machine is tagged with at launch and the cost of past runs
 * (src/aws/prices.ts, launchPrices.ts): GetProducts, DescribeSpotPriceHistory and DescribeSubnets (the zone of
 * SUBNET_ID, where a Spot machine is priced) have no resource types (Service Authorization Reference: AWS Price
 * List, Amazon EC2), hence "*". Without them a launch still goes ahead, only unpriced.
 */
function pricingStatements(): PolicyStatement[] {
  return [
    {
      Sid: 'PriceLaunches',
      Effect: 'Allow',
      Action: ['pricing:GetProducts', 'ec2:DescribeSpotPriceHistory', 'ec2:DescribeSubnets'],
      Resource: ['*'],
    },
  ];
}

/**
 * Batches (src/aws/batches.ts): StartExecution and ListExecutions act on the state machine; DescribeExecution,
 * GetExecutionHistory and StopExecution on its executions, `arn:…:states:REGION:ACCOUNT:execution:MACHINE:*`
 * (Service Authorization Reference, AWS Step Functions: resource types stateMachine and execution). Without
 * STATE_MACHINE_ARN the machine is the stack's (`<STACK_NAME>-batches`, stackTemplate.ts) and is found with
 * DescribeStacks on that stack. stop-batch's TerminateInstances is StopAdatrapMachines (operatorPolicy).
 */
function batchStatements(config: PolicySource, accountId: string): PolicyStatement[] {
  const partition = partitionOf(config.region);
  const stack = config.stackName?.trim() || 'adatrap-miner';
  const configured = /^arn:[^:]+:states:[^:]+:[^:]+:stateMachine:(.+)$/.exec(config.stateMachineArn?.trim() ?? '');
  const machineName = configured?.[1] ?? `${stack}-batches`;
  const states = `arn:${partition}:states:${config.region}:${accountId}`;
  return [
    {
      Sid: 'StartAndListBatches',
      Effect: 'Allow',
      Action: ['states:StartExecution', 'states:ListExecutions'],
      Resource: [config.stateMachineArn?.trim() || `${states}:stateMachine:${machineName}`],
    },
    {
      Sid: 'FollowAndStopBatches',
      Effect: 'Allow',
      Action: ['states:DescribeExecution', 'states:GetExecutionHistory', 'states:StopExecution'],
      Resource: [`${states}:execution:${machineName}:*`],
    },
    {
      Sid: 'FindBatchWorkflow',
      Effect: 'Allow',
      Action: ['cloudformation:DescribeStacks'],
      Resource: [`arn:${partition}:cloudformation:${config.region}:${accountId}:stack/${stack}/*`],
    },
  ];
}

/**
 * A direct launch creates its deadline schedule and a stop deletes it (src/aws/deadlines.ts). Schedule ARNs are
 * `arn:aws:scheduler:REGION:ACCOUNT:schedule/GROUP/NAME` (Service Authorization Reference, Amazon EventBridge
 * Scheduler, resource type schedule); CreateSchedule needs iam:PassRole on the schedule's execution role.
 * Without SCHEDULER_ROLE_ARN the role is the one `setup` names (`<STACK_NAME>-scheduler`, stackTemplate.ts).
 */
function deadlineScheduleStatements(config: PolicySource, accountId: string): PolicyStatement[] {
  const partition = partitionOf(config.region);
  const role =
    config.schedulerRoleArn?.trim() ||
    `arn:${partition}:iam::${accountId}:role/${config.stackName?.trim() || 'adatrap-miner'}-scheduler`;
  return [
    {
      Sid: 'DeadlineSchedules',
      Effect: 'Allow',
      Action: ['scheduler:CreateSchedule', 'scheduler:DeleteSchedule', 'scheduler:GetSchedule'],
      Resource: [`arn:${partition}:scheduler:${config.region}:${accountId}:schedule/*/${DEADLINE_SCHEDULE_PREFIX}*`],
    },
    {
      Sid: 'PassDeadlineRole',
      Effect: 'Allow',
      Action: ['iam:PassRole'],
      Resource: [role],
      Condition: { StringEquals: { 'iam:PassedToService': 'scheduler.amazonaws.com' } },
    },
  ];
}

export function operatorPolicy(config: PolicySource, options: OperatorPolicyOptions = {}): PolicyDocument {
  const accountId = options.accountId ?? '*';
  const { partition, bucket, logGroup, ec2, inputs } = arns(config, accountId);
  const profile = config.instanceProfile?.trim() ?? '';
  const profileName = profile.split('/').pop() ?? '';
  const role = options.machineRole?.trim() || profileName || '*';
  const allBuckets = [...new Set([config.executablesBucket, ...inputs, config.outputBucket])];
  return {
    Version: '2012-10-17',
    Statement: [
      {
        // Pre-flight, calendar, outputs: list and read every bucket; GetBucketLocation for the region check.
        Sid: 'ReadBuckets',
        Effect: 'Allow',
        Action: ['s3:ListBucket', 's3:GetBucketLocation'],
        Resource: allBuckets.map(bucket),
      },
      {
        Sid: 'ReadObjects',
        Effect: 'Allow',
        Action: ['s3:GetObject'],
        Resource: allBuckets.map((b) => `${bucket(b)}/*`),
      },
      {
        // The agent bundle and node.exe under their content-hash keys; Test Connection's write probe.
        Sid: 'PublishAgentAndProbeWrites',
        Effect: 'Allow',
        Action: ['s3:PutObject', 's3:DeleteObject'],
        Resource: [`${bucket(config.executablesBucket)}/*`, `${bucket(config.outputBucket)}/.adatrap-*`],
      },
      {
        Sid: 'LaunchMachines',
        Effect: 'Allow',
        Action: ['ec2:RunInstances'],
        Resource: [
          ec2('instance/*'),
          ec2('volume/*'),
          ec2('network-interface/*'),
          ec2('subnet/*'),
          ec2('security-group/*'),
          ec2('key-pair/*'),
          `arn:${partition}:ec2:${config.region}::image/*`,
        ],
      },
      {
        // Tags only at launch (ec2:CreateAction) or on ADATRAP machines (stop/status).
        Sid: 'TagAtLaunch',
        Effect: 'Allow',
        Action: ['ec2:CreateTags'],
        Resource: [ec2('instance/*'), ec2('volume/*')],
        Condition: { StringEquals: { 'ec2:CreateAction': 'RunInstances' } },
      },
      {
        Sid: 'StopAdatrapMachines',
        Effect: 'Allow',
        Action: ['ec2:TerminateInstances', 'ec2:CreateTags'],
        Resource: [ec2('instance/*')],
        Condition: { Null: { [`ec2:ResourceTag/${DATE_TAG}`]: 'false' } },
      },
      {
        // Describe* and key pair creation support no resource-level condition that helps here.
        Sid: 'DescribeMachinesImagesKeys',
        Effect: 'Allow',
        Action: ['ec2:DescribeInstances', 'ec2:DescribeImages', 'ec2:DescribeKeyPairs', 'ec2:CreateKeyPair'],
        Resource: ['*'],
      },
      {
        Sid: 'PassMachineRole',
        Effect: 'Allow',
        Action: ['iam:PassRole'],
        Resource: [`arn:${partition}:iam::${accountId}:role/${role}`],
        Condition: { StringEquals: { 'iam:PassedToService': 'ec2.amazonaws.com' } },
      },
      {
        // AMI_ID=resolve:ssm:/aws/service/ami-windows-latest/…: public parameters have no account in their ARN.
        Sid: 'ResolvePublicWindowsAmis',
        Effect: 'Allow',
        Action: ['ssm:GetParameter', 'ssm:GetParameters'],
        Resource: [`arn:${partition}:ssm:${config.region}::parameter/aws/service/ami-windows-latest/*`],
      },
      {
        Sid: 'RunLogs',
        Effect: 'Allow',
        Action: [
          'logs:CreateLogGroup',
          'logs:CreateLogStream',
          'logs:PutLogEvents',
          'logs:DescribeLogStreams',
          'logs:GetLogEvents',
          'logs:FilterLogEvents',
          'logs:StartLiveTail',
        ],
        Resource: [logGroup, `${logGroup}:log-stream:*`],
      },
      {
        Sid: 'ListLogGroups',
        Effect: 'Allow',
        Action: ['logs:DescribeLogGroups'],
        Resource: ['*'],
      },
      ...OPERATOR_FEATURE_STATEMENTS.flatMap((statements) => statements(config, accountId)),
    ],
  };
}
