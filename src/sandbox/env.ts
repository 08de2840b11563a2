// The `.env` that points every tool at the sandbox: the sixteen keys of SYSTEM.md, the instance profile, and the
// standard AWS_ENDPOINT_URL the SDKs honour, and the control token. The credentials are fake and only ever accepted
// by the sandbox, which verifies every request's signature with them.
export const SANDBOX_REGION = 'us-east-1';
export const SANDBOX_AMI_ID = 'ami-05a4d6b0c0ffee001';
export const SANDBOX_AMI_NAME = 'Windows_Server-2022-English-Full-Base-ADATRAP-sandbox';
export const SANDBOX_VERSION = '0.2';

export const SANDBOX_NAMES = {
  keyPair: 'adatrap-sandbox-key',
  logGroup: 'adatrap-sandbox',
  generalStream: 'general',
  executables: 'adatrap-sandbox-executables',
  gps: 'adatrap-sandbox-gps',
  file196: 'adatrap-sandbox-196',
  transactions: 'adatrap-sandbox-trx',
  opProgram: 'adatrap-sandbox-po',
  serviceDetail: 'adatrap-sandbox-service-detail',
  output: 'adatrap-sandbox-output',
  instanceProfile: 'adatrap-sandbox-agent',
  /** The role the sandbox's EventBridge Scheduler accepts as a schedule's execution role (SCHEDULER_ROLE_ARN). */
  schedulerRole: 'adatrap-sandbox-scheduler',
} as const;

/** SCHEDULER_ROLE_ARN of the sandbox (account SANDBOX_ACCOUNT_ID of ec2/handler.ts). */
export const SANDBOX_SCHEDULER_ROLE_ARN = `arn:aws:iam::123456789012:role/${SANDBOX_NAMES.schedulerRole}`;

/** Every bucket a role of the `.env` names. */
export const SANDBOX_BUCKETS = [
  SANDBOX_NAMES.executables,
  SANDBOX_NAMES.gps,
  SANDBOX_NAMES.file196,
  SANDBOX_NAMES.transactions,
  SANDBOX_NAMES.opProgram,
  SANDBOX_NAMES.serviceDetail,
  SANDBOX_NAMES.output,
] as const;

export const SANDBOX_CREDENTIALS = {
  accessKeyId: 'AKIASANDBOX000000000',
  secretAccessKey: 'sandbox/secret/not-a-real-aws-key/0000000',
} as const;

/** The `.env` key of the bearer token the control API (/_sandbox/*) takes; a new random one each start. */
export const SANDBOX_TOKEN_KEY = 'SANDBOX_CONTROL_TOKEN';

export function sandboxEnv(endpoint: string, controlToken: string): Record<string, string> {
  return {
    AWS_ACCESS_KEY_ID: SANDBOX_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: SANDBOX_CREDENTIALS.secretAccessKey,
    REGION_NAME: SANDBOX_REGION,
    AMI_ID: SANDBOX_AMI_ID,
    INSTANCE_TYPE: 'm5.xlarge',
    KEY_PAIR: SANDBOX_NAMES.keyPair,
    LOG_GROUP: SANDBOX_NAMES.logGroup,
    GENERAL_LOG_STREAM: SANDBOX_NAMES.generalStream,
    EXECUTABLES_BUCKET: SANDBOX_NAMES.executables,
    EXECUTABLE_VERSION: SANDBOX_VERSION,
    GPS_BUCKET_NAME: SANDBOX_NAMES.gps,
    FILE_196_BUCKET_NAME: SANDBOX_NAMES.file196,
    TRANSACTION_BUCKET_NAME: SANDBOX_NAMES.transactions,
    OP_PROGRAM_BUCKET_NAME: SANDBOX_NAMES.opProgram,
    SERVICE_DETAIL_BUCKET_NAME: SANDBOX_NAMES.serviceDetail,
    OUTPUT_DATA_BUCKET_NAME: SANDBOX_NAMES.output,
    INSTANCE_PROFILE: SANDBOX_NAMES.instanceProfile,
    SCHEDULER_ROLE_ARN: SANDBOX_SCHEDULER_ROLE_ARN,
    AWS_ENDPOINT_URL: endpoint,
    [SANDBOX_TOKEN_KEY]: controlToken,
  };
}

/** `.env` text: one KEY=value line each (values here never need quoting). */
export function envLines(env: Record<string, string>): string {
  return Object.entries(env)
    .map(([k, v]) => `${k}=${v}`)
    .join('\n');
}
