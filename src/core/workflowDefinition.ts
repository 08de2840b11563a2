// The Step Functions state machine that runs a batch of days (Amazon States Language, JSONPath, Standard type).
// It is static: the CloudFormation stack deploys it once, and everything that follows `.env` (user data, launch
// settings, dates, parallelism, retry count) comes in the execution input (src/core/workflowInput.ts).
//
// Per day (one inline Map iteration): render the day's run config and tags, launch one machine with
// `ec2:runInstances.waitForTaskToken` (the task token goes in the user data; the agent heartbeats and reports
// success or failure with it), and end with a per-day result object. We wait on the token instead of polling
// the instance: a poll loop costs ~6 history events per poll, 366 days of 4-hour runs polled every 5 minutes
// would pass the 25,000-event history limit of a Standard execution (Step Functions quotas); the token costs a
// fixed handful of events per day.
//
// Documentation these choices follow:
// - Inline Map runs at most 40 iterations at once (Using Map state in Inline mode); `MaxConcurrencyPath` takes
//   the limit from the input (Map state, JSONPath fields). The CLI caps --max-parallel at 40 accordingly.
// - AWS SDK integration errors are `ServiceName.ErrorName` in PascalCase with the Exception suffix added where
//   the code lacks it (Learning to use AWS service SDK integrations): `Ec2.InsufficientInstanceCapacityException`.
//   EC2 models no error shapes in the SDKs, and operators report EC2 failures arriving as the generic
//   `Ec2.Ec2Exception` with the code only in the Cause: the capacity choice accepts both forms.
// - `HeartbeatSecondsPath` / `TimeoutSecondsPath` on the Task; a timeout is `States.Timeout`, a missed heartbeat
//   `States.HeartbeatTimeout` (Error handling in Step Functions). SendTaskHeartbeat resets only the heartbeat
//   clock, never the task's TimeoutSeconds (SendTaskHeartbeat API reference), so the timeout is the deadline.
// - Intrinsics (States.Format, States.Base64Encode, States.StringToJson, States.ArrayGetItem,
//   States.ArrayLength, States.MathAdd) are allowed in Parameters of Pass and Task states; at most 10 nested.
//   States.Base64Encode takes at most 10,000 characters (Intrinsic functions, data encoding), which bounds the
//   user data template (workflowInput.ts checks it).

/** Errors the agent reports with SendTaskFailure. */
export const WORKFLOW_ERRORS = {
  /** The Spot interruption notice came: the day is retried on a new machine. */
  interrupted: 'Adatrap.Interrupted',
  /** The day itself failed (inputs, executable, upload): retrying would fail the same way. */
  runFailed: 'Adatrap.RunFailed',
} as const;

/** Codes in an `Ec2.Ec2Exception` Cause that mean "no machine now": try the next candidate, later again. */
export const CAPACITY_CODES = [
  'InsufficientInstanceCapacity',
  'InsufficientCapacity',
  'InsufficientHostCapacity',
  'SpotMaxPriceTooLow',
  'MaxSpotInstanceCountExceeded',
  'InstanceLimitExceeded',
  'VcpuLimitExceeded',
  'RequestLimitExceeded',
  'Unsupported',
] as const;

/** The same codes as Step Functions names them when it keeps EC2's code as the error name. */
const CAPACITY_ERRORS = CAPACITY_CODES.map((code) => `Ec2.${code}Exception`);

/** The order of the holes in the user data template (checked when the input is built). */
export const USER_DATA_SLOTS = ['runConfig', 'taskToken', 'date', 'date'] as const;
export const RUN_CONFIG_SLOTS = ['date'] as const;
export const TAG_SLOTS = ['date', 'date', 'execution'] as const;
/** The instance tags end with the candidate's price tag (workflowInput.ts, `launch.priceTags`). */
export const INSTANCE_TAG_SLOTS = [...TAG_SLOTS, 'price'] as const;

export type Market = 'spot' | 'on-demand';
type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
type State = { [key: string]: Json };

const piecesArgs = (base: string, count: number, values: string[]): string => {
  const args: string[] = [];
  for (let i = 0; i < count; i++) {
    args.push(`${base}.p${i}`);
    if (i < values.length) args.push(values[i]);
  }
  return `States.Format('${'{}'.repeat(args.length)}', ${args.join(', ')})`;
};

/** `States.Format` over the pieces at `base` (objects {p0, p1, …}) with `values` in the holes. */
function formatPieces(base: string, values: string[]): string {
  return piecesArgs(base, values.length + 1, values);
}

/** Every launch Task's name starts with it (batchProgress.ts finds a day's machine by it). */
export const LAUNCH_STATE_PREFIX = 'Launch';
/** One Task per market × optional network field (a JSONPath payload template cannot leave a key out). */
export function launchStateName(market: Market, subnet: boolean, groups: boolean): string {
  return [LAUNCH_STATE_PREFIX, market, subnet ? 'subnet' : '', groups ? 'groups' : ''].filter(Boolean).join(' ');
}

function launchTask(market: Market, subnet: boolean, groups: boolean): State {
  const userData = formatPieces('$.launch.userData', ['$.runConfig', '$$.Task.Token', '$.date', '$.date']);
  const parameters: State = {
    'ImageId.$': '$.launch.imageId',
    'InstanceType.$': '$.candidate.value.instanceType',
    'KeyName.$': '$.launch.keyName',
    MinCount: 1,
    MaxCount: 1,
    'UserData.$': `States.Base64Encode(${userData})`,
    'IamInstanceProfile.$': '$.launch.instanceProfile',
    InstanceInitiatedShutdownBehavior: 'terminate',
    MetadataOptions: { HttpTokens: 'required', HttpEndpoint: 'enabled' },
    Monitoring: { Enabled: true },
    TagSpecifications: [
      { ResourceType: 'instance', 'Tags.$': '$.candidate.instanceTags' },
      { ResourceType: 'volume', 'Tags.$': '$.tags.volume' },
    ],
  };
  if (subnet) parameters['SubnetId.$'] = '$.launch.subnetId';
  if (groups) parameters['SecurityGroupIds.$'] = '$.launch.securityGroupIds';
  if (market === 'spot')
    // One-time Spot that terminates on interruption (EC2 RunInstances, InstanceMarketOptionsRequest/SpotMarketOptions).
    parameters.InstanceMarketOptions = {
      MarketType: 'spot',
      SpotOptions: { SpotInstanceType: 'one-time', InstanceInterruptionBehavior: 'terminate' },
    };
  return {
    Type: 'Task',
    Resource: 'arn:aws:states:::aws-sdk:ec2:runInstances.waitForTaskToken',
    Parameters: parameters,
    TimeoutSecondsPath: '$.launch.timeoutSeconds',
    HeartbeatSecondsPath: '$.launch.heartbeatSeconds',
    ResultPath: '$.result',
    Next: 'Succeeded',
    Catch: [
      { ErrorEquals: [WORKFLOW_ERRORS.interrupted], ResultPath: '$.error', Next: 'Interrupted' },
      { ErrorEquals: ['States.HeartbeatTimeout'], ResultPath: '$.error', Next: 'Find silent machine' },
      { ErrorEquals: ['States.Timeout'], ResultPath: '$.error', Next: 'Find late machine' },
      { ErrorEquals: ['Ec2.Ec2Exception', ...CAPACITY_ERRORS], ResultPath: '$.error', Next: 'No capacity?' },
      { ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: 'Failed' },
    ],
  };
}

// Cleanups are idempotent, so they retry EC2 failures (throttling first) with backoff and full jitter.
const CLEANUP_RETRY: Json = [
  {
    ErrorEquals: ['Ec2.Ec2Exception', 'States.TaskFailed'],
    IntervalSeconds: 2,
    MaxAttempts: 6,
    BackoffRate: 2,
    JitterStrategy: 'FULL',
  },
];

/** Finds this day's machines of this execution by tag and terminates them; then goes to `next`. */
function cleanupStates(prefix: string, next: string): Record<string, State> {
  const find = `Find ${prefix} machine`;
  const any = `Any ${prefix} machine?`;
  const end = `Terminate ${prefix} machine`;
  return {
    [find]: {
      Type: 'Task',
      Resource: 'arn:aws:states:::aws-sdk:ec2:describeInstances',
      Parameters: {
        Filters: [
          { Name: 'tag:adatrap:execution', 'Values.$': 'States.Array($$.Execution.Name)' },
          { Name: 'tag:adatrap:date', 'Values.$': 'States.Array($.date)' },
          { Name: 'instance-state-name', Values: ['pending', 'running', 'stopping', 'stopped'] },
        ],
      },
      ResultSelector: { 'ids.$': '$.Reservations[*].Instances[*].InstanceId' },
      ResultPath: '$.found',
      Retry: CLEANUP_RETRY,
      Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.cleanupError', Next: next }],
      Next: any,
    },
    [any]: {
      Type: 'Choice',
      Choices: [{ Variable: '$.found.ids[0]', IsPresent: true, Next: end }],
      Default: next,
    },
    [end]: {
      Type: 'Task',
      Resource: 'arn:aws:states:::aws-sdk:ec2:terminateInstances',
      Parameters: { 'InstanceIds.$': '$.found.ids' },
      ResultPath: null,
      Retry: CLEANUP_RETRY,
      Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.cleanupError', Next: next }],
      Next: next,
    },
  };
}

function dayStates(): Record<string, State> {
  const launches: Record<string, State> = {};
  const routes: Json[] = [];
  for (const market of ['spot', 'on-demand'] as const)
    for (const subnet of [true, false])
      for (const groups of [true, false]) {
        const name = launchStateName(market, subnet, groups);
        launches[name] = launchTask(market, subnet, groups);
        routes.push({
          And: [
            { Variable: '$.candidate.value.market', StringEquals: market },
            { Variable: '$.launch.subnetId', IsPresent: subnet },
            { Variable: '$.launch.securityGroupIds', IsPresent: groups },
          ],
          Next: name,
        });
      }
  const result = (status: string, extra: State): State => ({
    Type: 'Pass',
    Parameters: { 'date.$': '$.date', status, 'tries.$': '$.tries', ...extra },
    End: true,
  });
  return {
    Prepare: {
      Type: 'Pass',
      Parameters: {
        'date.$': '$.date',
        'launch.$': '$.launch',
        'runConfig.$': `States.Base64Encode(${formatPieces('$.launch.runConfig', ['$.date'])})`,
        tags: {
          'volume.$': `States.StringToJson(${formatPieces('$.launch.volumeTags', ['$.date', '$.date', '$$.Execution.Name'])})`,
        },
        attempt: { value: 0 },
        tries: 1,
        'backoffSeconds.$': '$.launch.retryDelaySeconds',
      },
      Next: 'Pick candidate',
    },
    'Pick candidate': {
      Type: 'Pass',
      Parameters: {
        'value.$': 'States.ArrayGetItem($.launch.candidates, $.attempt.value)',
        // Each candidate's machine carries its own price (adatrap:price), so the tags are the candidate's.
        'instanceTags.$': `States.StringToJson(${formatPieces('$.launch.instanceTags', [
          '$.date',
          '$.date',
          '$$.Execution.Name',
          'States.ArrayGetItem($.launch.priceTags, $.attempt.value)',
        ])})`,
      },
      ResultPath: '$.candidate',
      Next: 'Route launch',
    },
    'Route launch': { Type: 'Choice', Choices: routes, Default: 'Unknown market' },
    'Unknown market': {
      Type: 'Pass',
      Parameters: { Error: 'Adatrap.UnknownMarket', 'Cause.$': '$.candidate.value.market' },
      ResultPath: '$.error',
      Next: 'Failed',
    },
    ...launches,
    Succeeded: result('succeeded', { 'result.$': '$.result' }),
    'No capacity?': {
      Type: 'Choice',
      Choices: [
        {
          Or: [
            ...CAPACITY_ERRORS.map((name) => ({ Variable: '$.error.Error', StringEquals: name })),
            ...CAPACITY_CODES.map((code) => ({ Variable: '$.error.Cause', StringMatches: `*${code}*` })),
          ],
          Next: 'Next candidate',
        },
      ],
      Default: 'Failed',
    },
    'Next candidate': {
      Type: 'Pass',
      Parameters: { 'value.$': 'States.MathAdd($.attempt.value, 1)' },
      ResultPath: '$.attempt',
      Next: 'Candidates left?',
    },
    'Candidates left?': {
      Type: 'Choice',
      Choices: [
        { Variable: '$.attempt.value', NumericLessThanPath: '$.launch.candidateCount', Next: 'Pick candidate' },
      ],
      Default: 'Retry day?',
    },
    Interrupted: { Type: 'Pass', Next: 'Retry day?' },
    ...cleanupStates('silent', 'Retry day?'),
    ...cleanupStates('late', 'Timed out'),
    'Retry day?': {
      Type: 'Choice',
      Choices: [{ Variable: '$.tries', NumericLessThanPath: '$.launch.maxTries', Next: 'Count try' }],
      Default: 'Failed',
    },
    'Count try': {
      Type: 'Pass',
      Parameters: {
        'tries.$': 'States.MathAdd($.tries, 1)',
        'backoffSeconds.$': 'States.MathAdd($.backoffSeconds, $.backoffSeconds)',
      },
      ResultPath: '$.counted',
      Next: 'Back off',
    },
    'Back off': { Type: 'Wait', SecondsPath: '$.backoffSeconds', Next: 'Next try' },
    'Next try': {
      Type: 'Pass',
      Parameters: {
        'date.$': '$.date',
        'launch.$': '$.launch',
        'runConfig.$': '$.runConfig',
        'tags.$': '$.tags',
        attempt: { value: 0 },
        'tries.$': '$.counted.tries',
        'backoffSeconds.$': '$.counted.backoffSeconds',
        'lastError.$': '$.error',
      },
      Next: 'Pick candidate',
    },
    'Timed out': result('timedOut', { 'error.$': '$.error.Error' }),
    Failed: result('failed', { 'error.$': '$.error' }),
  };
}

/** The state machine definition as an object (JSON.stringify it for CreateStateMachine / CloudFormation). */
export function workflowDefinition(): Record<string, Json> {
  return {
    Comment: 'ADATRAP Miner: one machine per day, at most maxParallel at once; see src/core/workflowDefinition.ts',
    StartAt: 'Days',
    States: {
      Days: {
        Type: 'Map',
        ItemsPath: '$.dates',
        ItemSelector: { 'date.$': '$$.Map.Item.Value', 'launch.$': '$.launch' },
        MaxConcurrencyPath: '$.maxParallel',
        ItemProcessor: {
          ProcessorConfig: { Mode: 'INLINE' },
          StartAt: 'Prepare',
          States: dayStates(),
        },
        ResultPath: '$.days',
        Next: 'Summary',
      },
      Summary: { Type: 'Pass', Parameters: { 'days.$': '$.days' }, End: true },
    },
  };
}
