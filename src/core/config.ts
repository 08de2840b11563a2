// The `.env` configuration: which keys exist, what each must look like, and the validated AdatrapConfig.
// The key list is data (CONFIG_KEYS) so that the CLI, the config editor webview and the README say the same thing.
import { EnvFile } from './envFile';
import { t, type MessageKey, type MessageParams } from './i18n';
import { escapeControl } from './logFormat';

type ConfigGroup = 'credentials' | 'machine' | 'logs' | 'buckets' | 'executable' | 'optional';

const CONFIG_KEY_NAMES = [
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_PROFILE',
  'REGION_NAME',
  'AMI_ID',
  'INSTANCE_TYPE',
  'KEY_PAIR',
  'LOG_GROUP',
  'GENERAL_LOG_STREAM',
  'EXECUTABLES_BUCKET',
  'EXECUTABLE_VERSION',
  'GPS_BUCKET_NAME',
  'FILE_196_BUCKET_NAME',
  'TRANSACTION_BUCKET_NAME',
  'OP_PROGRAM_BUCKET_NAME',
  'SERVICE_DETAIL_BUCKET_NAME',
  'OUTPUT_DATA_BUCKET_NAME',
  'INSTANCE_PROFILE',
  'SECURITY_GROUP_IDS',
  'SUBNET_ID',
  'MAX_RUN_HOURS',
  'ROOT_VOLUME_GB',
  'EXE_CODE_PAGE',
  'MARKET',
  'STACK_NAME',
  'STATE_MACHINE_ARN',
  'SCHEDULER_ROLE_ARN',
  'AWS_ENDPOINT_URL',
  'AWS_ENDPOINT_URL_S3',
  'AWS_ENDPOINT_URL_EC2',
  'AWS_ENDPOINT_URL_CLOUDWATCH_LOGS',
  'AWS_ENDPOINT_URL_STS',
] as const;

export type ConfigKey = (typeof CONFIG_KEY_NAMES)[number];

export interface ConfigKeyInfo {
  key: ConfigKey;
  group: ConfigGroup;
  /** Must be set (non-empty) before any AWS action. */
  required: boolean;
  /** Required only when AWS_PROFILE is not set (the access key pair). */
  unlessProfile: boolean;
  /** Its value is never shown, logged or put in a message. */
  secret: boolean;
  labelKey: MessageKey;
  helpKey: MessageKey;
  /** A valid value, for documentation and placeholders. */
  example: string;
}

export interface AdatrapConfig {
  accessKeyId?: string;
  secretAccessKey?: string;
  sessionToken?: string;
  profile?: string;
  region: string;
  amiId: string;
  instanceType: string;
  keyPair: string;
  logGroup: string;
  generalLogStream: string;
  executablesBucket: string;
  executableVersion: string;
  gpsBucket: string;
  file196Bucket: string;
  transactionBucket: string;
  opProgramBucket: string;
  serviceDetailBucket: string;
  outputBucket: string;
  instanceProfile?: string;
  securityGroupIds: string[];
  subnetId?: string;
  maxRunHours: number;
  /** Root volume of each machine (gp3, GiB); when absent the launcher sizes it from the day's inputs. */
  rootVolumeGb?: number;
  /** How the executable's output bytes are decoded (a WHATWG encoding label); windows-1252 when absent. */
  exeCodePage?: string;
  /** MARKET: Spot (default) with on-demand fallback, or on-demand only. */
  market: 'spot' | 'on-demand';
  /** STACK_NAME: the CloudFormation stack `setup` deploys (default adatrap-miner). */
  stackName: string;
  /** STATE_MACHINE_ARN: the stack's batch workflow; launches start executions of it. */
  stateMachineArn?: string;
  /** SCHEDULER_ROLE_ARN: the role EventBridge Scheduler assumes to terminate a direct launch at its deadline. */
  schedulerRoleArn?: string;
  endpoints: { default?: string; s3?: string; ec2?: string; logs?: string; sts?: string };
}

type ConfigProblemKind = 'missing' | 'invalid' | 'duplicate';

export interface ConfigProblem {
  key: string;
  kind: ConfigProblemKind;
  message: string;
}

interface ConfigResult {
  /** Present when there is no problem. */
  config?: AdatrapConfig;
  /** Each blocks every AWS action. */
  problems: ConfigProblem[];
  /** Worth telling the user, but the configuration still works (duplicate keys: the last one is used). */
  warnings: ConfigProblem[];
}

interface LoadedConfig extends ConfigResult {
  /** The merged values the result was computed from (secrets included: never print this object). */
  values: Record<string, string | undefined>;
  /** Keys whose value came from the process environment rather than the file. */
  fromEnvironment: ConfigKey[];
}

const DEFAULT_MAX_RUN_HOURS = 4;
/** What a Spanish-locale Windows writes: TextDecoder's windows-1252 maps 0x80-0x9F to € ‘ ’ “ ” …, latin1 does not. */
export const DEFAULT_EXE_CODE_PAGE = 'windows-1252';
/** gp3 volumes are 1 GiB to 16 TiB (EBS User Guide, "Amazon EBS General Purpose SSD volumes"). */
const GP3_MAX_GB = 16_384;
export const DEFAULT_STACK_NAME = 'adatrap-miner';
const CREDENTIAL_KEY_NAMES = ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN'] as const;

type Validator = (value: string) => { message: MessageKey; params?: MessageParams } | undefined;

interface KeySpec {
  group: ConfigGroup;
  required?: boolean;
  unlessProfile?: boolean;
  secret?: boolean;
  example: string;
  validate: Validator;
}

const HEX_ID = (prefix: string): RegExp => new RegExp(`^${prefix}-(?:[0-9a-f]{8}|[0-9a-f]{17})$`);
const AMI = HEX_ID('ami');
// EC2 accepts a Systems Manager parameter as ImageId and resolves it at launch: `resolve:ssm:<name>` with an
// optional `:version` or `:label` (EC2 API Reference, RunInstances ImageId; EC2 User Guide, "Use a Systems
// Manager parameter instead of an AMI ID"). Public Windows images live under /aws/service/ami-windows-latest/.
export const SSM_AMI = /^resolve:ssm:(\/[A-Za-z0-9_./-]{1,1000})(?::([A-Za-z0-9_.-]{1,100}))?$/;
const SECURITY_GROUP = HEX_ID('sg');
const SUBNET = HEX_ID('subnet');
const REGION = /^[a-z]{2}(?:-[a-z]+){1,2}-\d{1,2}$/;
const INSTANCE_TYPE = /^[a-z][a-z0-9-]*\.[a-z0-9]+$/;
// CloudFormation stack names: a letter, then letters, digits and hyphens (CreateStack API reference, StackName).
// 50 leaves room for the role names the stack derives from it (IAM role names: at most 64 characters).
const STACK_NAME = /^[A-Za-z][A-Za-z0-9-]{0,49}$/;
// IAM role ARNs: path and name of word characters and +=,.@-, a name of at most 64 (IAM quotas).
const ROLE_ARN = /^arn:aws[\w-]*:iam::\d{12}:role\/(?:[\w+=,.@-]+\/)*[\w+=,.@-]{1,64}$/;
const STATE_MACHINE_ARN = /^arn:aws[\w-]*:states:[a-z0-9-]+:\d{12}:stateMachine:[A-Za-z0-9_-]{1,80}$/;
const ACCESS_KEY_ID = /^(?:AKIA|ASIA)[A-Z0-9]{16}$/;
const VERSION = /^\d+(?:\.\d+)*$/;
const LOG_GROUP = /^[A-Za-z0-9_\-/.#]{1,512}$/;
// CloudWatch Logs API reference, CreateLogStream: logStreamName 1-512 characters, pattern [^:*]*. Control
// characters are refused too: no stream of ours has them, and the name is shown in terminals and editors.
// eslint-disable-next-line no-control-regex
const LOG_STREAM = /^[^:*\u0000-\u001f\u007f-\u009f]{1,512}$/;

/** Why `name` cannot be a log stream name (checked before any CloudWatch call), or undefined when it can. */
export function logStreamNameProblem(name: string): string | undefined {
  if (LOG_STREAM.test(name)) return undefined;
  const shown = escapeControl(name.length > 80 ? `${name.slice(0, 79)}…` : name);
  return t('safety.badLogStream', { name: shown, length: name.length });
}
const KEY_PAIR = /^[\x20-\x7e]{1,255}$/;
const INSTANCE_PROFILE_NAME = /^[\w+=,.@-]{1,128}$/;
const INSTANCE_PROFILE_ARN = /^arn:aws[\w-]*:iam::\d{12}:instance-profile\/(?:[\w+=,.@-]+\/)*[\w+=,.@-]{1,128}$/;
// AWS secret keys and session tokens are printable ASCII (base64 and friends): an accented letter, a C1
// control or a space pasted with them is a copy mistake, and would end up in a signature.
const SECRET_CHARS = /^[\x21-\x7e]+$/;
// Reserved device names on Windows, with or without an extension ("Naming Files, Paths, and Namespaces",
// learn.microsoft.com/windows/win32/fileio/naming-a-file): COM0 and LPT0 included, as that page lists them.
const WINDOWS_DEVICE = /^(CON|PRN|AUX|NUL|COM[0-9]|LPT[0-9]|CONIN\$|CONOUT\$)(\.|$)/i;

const bad =
  (message: MessageKey, test: (v: string) => boolean): Validator =>
  (value) =>
    test(value) ? undefined : { message };

const bucket: Validator = (value) => {
  const reason = bucketNameProblem(value);
  return reason ? { message: 'config.bad.bucket', params: { reason: t(reason) } } : undefined;
};

const endpoint: Validator = bad('config.bad.endpoint', isHttpUrl);

// The name is also the file name of the private key (`<name>.pem`), on Windows as well as Linux.
function keyPairName(value: string): ReturnType<Validator> {
  if (!KEY_PAIR.test(value) || value.trim() !== value) return { message: 'config.bad.keyPair' };
  if (/[/\\:*?"<>|]/.test(value) || /^\.+$/.test(value)) return { message: 'config.bad.keyPairFileName' };
  // CON.pem, nul.pem, com1.backup.pem… name a device on Windows, not a file: the key would be lost.
  if (WINDOWS_DEVICE.test(value)) return { message: 'safety.keyPairDeviceName' };
  return undefined;
}

const SPECS: Record<ConfigKey, KeySpec> = {
  AWS_ACCESS_KEY_ID: {
    group: 'credentials',
    required: true,
    unlessProfile: true,
    example: 'AKIAIOSFODNN7EXAMPLE',
    validate: bad('config.bad.accessKeyId', (v) => ACCESS_KEY_ID.test(v)),
  },
  AWS_SECRET_ACCESS_KEY: {
    group: 'credentials',
    required: true,
    unlessProfile: true,
    secret: true,
    example: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
    validate: bad('config.bad.secret', (v) => SECRET_CHARS.test(v)),
  },
  AWS_SESSION_TOKEN: {
    group: 'credentials',
    secret: true,
    example: 'IQoJb3JpZ2luX2VjE…',
    validate: bad('config.bad.secret', (v) => SECRET_CHARS.test(v)),
  },
  AWS_PROFILE: {
    group: 'credentials',
    example: 'adatrap',
    validate: bad('config.bad.profile', (v) => v.trim() === v),
  },
  REGION_NAME: {
    group: 'credentials',
    required: true,
    example: 'us-east-1',
    validate: bad('config.bad.region', (v) => REGION.test(v)),
  },
  AMI_ID: {
    group: 'machine',
    required: true,
    example: 'ami-0b697c4ae566cad55',
    validate: bad('config.bad.ami', (v) => AMI.test(v) || SSM_AMI.test(v)),
  },
  INSTANCE_TYPE: {
    group: 'machine',
    required: true,
    example: 'm5.xlarge',
    // A comma-separated list, best first: the workflow tries each (Spot, then on-demand) when capacity is refused.
    validate: bad(
      'config.bad.instanceType',
      (v) => splitList(v).length > 0 && splitList(v).every((x) => INSTANCE_TYPE.test(x)),
    ),
  },
  KEY_PAIR: { group: 'machine', required: true, example: 'ec2-keypair', validate: keyPairName },
  LOG_GROUP: {
    group: 'logs',
    required: true,
    example: 'adatrap',
    validate: bad('config.bad.logGroup', (v) => LOG_GROUP.test(v)),
  },
  GENERAL_LOG_STREAM: {
    group: 'logs',
    required: true,
    example: 'general',
    validate: bad('config.bad.logStream', (v) => LOG_STREAM.test(v)),
  },
  EXECUTABLES_BUCKET: { group: 'executable', required: true, example: 'adatrap-executables', validate: bucket },
  EXECUTABLE_VERSION: {
    group: 'executable',
    required: true,
    example: '0.2',
    validate: bad('config.bad.version', (v) => VERSION.test(v)),
  },
  GPS_BUCKET_NAME: { group: 'buckets', required: true, example: 'adatrap-gps', validate: bucket },
  FILE_196_BUCKET_NAME: { group: 'buckets', required: true, example: 'adatrap-196', validate: bucket },
  TRANSACTION_BUCKET_NAME: { group: 'buckets', required: true, example: 'adatrap-transactions', validate: bucket },
  OP_PROGRAM_BUCKET_NAME: { group: 'buckets', required: true, example: 'adatrap-po', validate: bucket },
  SERVICE_DETAIL_BUCKET_NAME: { group: 'buckets', required: true, example: 'adatrap-service-detail', validate: bucket },
  OUTPUT_DATA_BUCKET_NAME: { group: 'buckets', required: true, example: 'adatrap-output', validate: bucket },
  INSTANCE_PROFILE: {
    group: 'optional',
    example: 'adatrap-runner',
    validate: bad('config.bad.instanceProfile', (v) => INSTANCE_PROFILE_NAME.test(v) || INSTANCE_PROFILE_ARN.test(v)),
  },
  SECURITY_GROUP_IDS: {
    group: 'optional',
    example: 'sg-0123abcd,sg-0123456789abcdef0',
    validate: bad('config.bad.securityGroups', (v) => splitList(v).every((id) => SECURITY_GROUP.test(id))),
  },
  SUBNET_ID: {
    group: 'optional',
    example: 'subnet-0123abcd',
    validate: bad('config.bad.subnet', (v) => SUBNET.test(v)),
  },
  MAX_RUN_HOURS: {
    group: 'optional',
    example: '4',
    validate: bad('config.bad.maxRunHours', (v) => parseHours(v) !== undefined),
  },
  ROOT_VOLUME_GB: {
    group: 'optional',
    example: '60',
    validate: bad('config.bad.rootVolumeGb', (v) => parseVolumeGb(v) !== undefined),
  },
  EXE_CODE_PAGE: {
    group: 'executable',
    example: DEFAULT_EXE_CODE_PAGE,
    validate: bad('config.bad.exeCodePage', isSupportedCodePage),
  },
  MARKET: {
    group: 'optional',
    example: 'spot',
    validate: bad('config.bad.market', (v) => v === 'spot' || v === 'on-demand'),
  },
  STACK_NAME: {
    group: 'optional',
    example: 'adatrap-miner',
    validate: bad('config.bad.stackName', (v) => STACK_NAME.test(v)),
  },
  STATE_MACHINE_ARN: {
    group: 'optional',
    example: 'arn:aws:states:us-east-1:123456789012:stateMachine:adatrap-miner-batches',
    validate: bad('config.bad.stateMachineArn', (v) => STATE_MACHINE_ARN.test(v)),
  },
  SCHEDULER_ROLE_ARN: {
    group: 'optional',
    example: 'arn:aws:iam::123456789012:role/adatrap-miner-scheduler',
    validate: bad('config.bad.schedulerRoleArn', (v) => ROLE_ARN.test(v)),
  },
  AWS_ENDPOINT_URL: { group: 'optional', example: 'http://127.0.0.1:4566', validate: endpoint },
  AWS_ENDPOINT_URL_S3: { group: 'optional', example: 'http://127.0.0.1:4566', validate: endpoint },
  AWS_ENDPOINT_URL_EC2: { group: 'optional', example: 'http://127.0.0.1:4566', validate: endpoint },
  AWS_ENDPOINT_URL_CLOUDWATCH_LOGS: { group: 'optional', example: 'http://127.0.0.1:4566', validate: endpoint },
  AWS_ENDPOINT_URL_STS: { group: 'optional', example: 'http://127.0.0.1:4566', validate: endpoint },
};

/** Every key we read, in the order the editor and the README show them. */
export const CONFIG_KEYS: readonly ConfigKeyInfo[] = CONFIG_KEY_NAMES.map((key) => {
  const spec = SPECS[key];
  return {
    key,
    group: spec.group,
    required: spec.required ?? false,
    unlessProfile: spec.unlessProfile ?? false,
    secret: spec.secret ?? false,
    labelKey: `config.label.${key}` as MessageKey,
    helpKey: `config.help.${key}` as MessageKey,
    example: spec.example,
  };
});

export function isConfigKey(key: string): key is ConfigKey {
  return (CONFIG_KEY_NAMES as readonly string[]).includes(key);
}

export function configKeyInfo(key: ConfigKey): ConfigKeyInfo {
  return CONFIG_KEYS.find((k) => k.key === key) as ConfigKeyInfo;
}

/**
 * The message for one value, or undefined when it is acceptable (empty counts as not set). A wrong value is
 * quoted back to help the user, except credentials and anything that contains or looks like a secret: a secret
 * pasted into the wrong key must not end up on screen or in a log. `secrets` are the configured secret values.
 */
export function validateValue(key: ConfigKey, value: string, secrets: readonly string[] = []): string | undefined {
  if (value === '') return undefined;
  const problem = SPECS[key].validate(value);
  if (!problem) return undefined;
  return t(problem.message, { key, value: mayEcho(key, value, secrets) ? clip(value) : REDACTED, ...problem.params });
}

const REDACTED = '…';
const NEVER_ECHOED: readonly ConfigKey[] = ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN'];
// The shape of a secret access key (40 characters of base64).
const SECRET_SHAPE = /[A-Za-z0-9/+=]{40}/;

function mayEcho(key: ConfigKey, value: string, secrets: readonly string[]): boolean {
  if (NEVER_ECHOED.includes(key) || SECRET_SHAPE.test(value)) return false;
  return !secrets.some((secret) => secret.length >= 8 && (value.includes(secret) || secret.includes(value)));
}

/**
 * Checks every key. Empty values count as not set. `fromEnvironment` lists the keys whose value came from the
 * process environment, so that their messages say where to fix them.
 */
export function validateConfig(
  values: Record<string, string | undefined>,
  fromEnvironment: readonly string[] = [],
): ConfigResult {
  const problems: ConfigProblem[] = [];
  const value = (key: ConfigKey): string | undefined => (values[key] === '' ? undefined : values[key]);
  const secrets = CONFIG_KEYS.filter((k) => k.secret).flatMap((k) => value(k.key) ?? []);
  const add = (key: ConfigKey, kind: ConfigProblemKind, message: string): void => {
    const where = fromEnvironment.includes(key) ? t('config.fromEnvironment', { message, key }) : message;
    problems.push({ key, kind, message: where });
  };

  for (const p of credentialProblems(value)) {
    const replaced = p.kind === 'missing' && fromEnvironment.includes(p.key);
    problems.push(
      replaced ? { ...p, message: t('config.credentialsReplaced', { message: p.message, key: p.key }) } : p,
    );
  }
  for (const info of CONFIG_KEYS) {
    const v = value(info.key);
    if (v === undefined) {
      if (info.required && !info.unlessProfile) {
        add(info.key, 'missing', t('config.missing', { key: info.key, label: t(info.labelKey) }));
      }
      continue;
    }
    const message = validateValue(info.key, v, secrets);
    if (message) add(info.key, 'invalid', message);
  }
  if (problems.length > 0) return { problems, warnings: [] };
  return { config: toConfig(value), problems, warnings: [] };
}

/** Reads `.env` text, lets process environment variables of the same names override it, and validates. */
export function loadConfig(envText: string, processEnv: Record<string, string | undefined>): LoadedConfig {
  const file = EnvFile.parse(envText);
  const values: Record<string, string | undefined> = { ...file.values() };
  const fromEnvironment: ConfigKey[] = [];
  // Keys from the environment replace the file's keys as a whole: an id from one place and a secret from the
  // other would only fail later, at AWS, with a confusing signature error.
  const environmentHasKeys = [processEnv.AWS_ACCESS_KEY_ID, processEnv.AWS_SECRET_ACCESS_KEY].some(
    (v) => v !== undefined && v !== '',
  );
  if (environmentHasKeys) {
    for (const key of CREDENTIAL_KEY_NAMES) {
      values[key] = processEnv[key] === '' ? undefined : processEnv[key];
      fromEnvironment.push(key);
    }
  }
  for (const key of CONFIG_KEY_NAMES) {
    if (fromEnvironment.includes(key)) continue;
    const override = processEnv[key];
    // An empty variable does not hide the file's value: shells export empty variables too easily.
    if (override !== undefined && override !== '') {
      values[key] = override;
      fromEnvironment.push(key);
    }
  }
  const result = validateConfig(values, fromEnvironment);
  const warnings = file.duplicates().map((key) => ({
    key,
    kind: 'duplicate' as const,
    message: t('config.duplicate', { key, count: file.assignmentCount(key) }),
  }));
  return { ...result, warnings, values, fromEnvironment };
}

/** For welcome views: which keys are missing and which are set but wrong. */
export function summarizeProblems(problems: readonly ConfigProblem[]): {
  missing: string[];
  invalid: string[];
  credentialsMissing: boolean;
} {
  const missing = problems.filter((p) => p.kind === 'missing').map((p) => p.key);
  return {
    missing,
    invalid: problems.filter((p) => p.kind === 'invalid').map((p) => p.key),
    credentialsMissing: missing.some(
      (k) => k === 'AWS_ACCESS_KEY_ID' || k === 'AWS_SECRET_ACCESS_KEY' || k === 'AWS_PROFILE',
    ),
  };
}

/** Why `name` is not a valid S3 bucket name (a catalogue key), or undefined when it is valid. */
export function bucketNameProblem(name: string): MessageKey | undefined {
  if (name.length < 3 || name.length > 63) return 'config.bad.bucket.length';
  if (!/^[a-z0-9.-]+$/.test(name)) return 'config.bad.bucket.chars';
  if (!/^[a-z0-9].*[a-z0-9]$/.test(name)) return 'config.bad.bucket.edges';
  if (/\.\.|\.-|-\./.test(name)) return 'config.bad.bucket.dots';
  if (/^\d{1,3}(?:\.\d{1,3}){3}$/.test(name)) return 'config.bad.bucket.ip';
  if (/^(?:xn--|sthree-|amzn-s3-demo-)/.test(name) || /(?:-s3alias|--ol-s3|\.mrap|--x-s3|--table-s3)$/.test(name)) {
    return 'config.bad.bucket.reserved';
  }
  return undefined;
}

function credentialProblems(value: (key: ConfigKey) => string | undefined): ConfigProblem[] {
  const id = value('AWS_ACCESS_KEY_ID');
  const secret = value('AWS_SECRET_ACCESS_KEY');
  const problems: ConfigProblem[] = [];
  if (id === undefined && secret === undefined) {
    if (value('AWS_PROFILE') === undefined) {
      problems.push({ key: 'AWS_ACCESS_KEY_ID', kind: 'missing', message: t('config.missingCredentials') });
    }
  } else if (id === undefined) {
    problems.push({
      key: 'AWS_ACCESS_KEY_ID',
      kind: 'missing',
      message: t('config.missingPair', { key: 'AWS_ACCESS_KEY_ID', other: 'AWS_SECRET_ACCESS_KEY' }),
    });
  } else if (secret === undefined) {
    problems.push({
      key: 'AWS_SECRET_ACCESS_KEY',
      kind: 'missing',
      message: t('config.missingPair', { key: 'AWS_SECRET_ACCESS_KEY', other: 'AWS_ACCESS_KEY_ID' }),
    });
  }
  if (value('AWS_SESSION_TOKEN') !== undefined && id === undefined) {
    problems.push({ key: 'AWS_SESSION_TOKEN', kind: 'invalid', message: t('config.sessionTokenWithoutKeys') });
  }
  return problems;
}

function toConfig(value: (key: ConfigKey) => string | undefined): AdatrapConfig {
  const required = (key: ConfigKey): string => value(key) as string;
  const endpoints: AdatrapConfig['endpoints'] = {};
  setIfDefined(endpoints, 'default', value('AWS_ENDPOINT_URL'));
  setIfDefined(endpoints, 's3', value('AWS_ENDPOINT_URL_S3'));
  setIfDefined(endpoints, 'ec2', value('AWS_ENDPOINT_URL_EC2'));
  setIfDefined(endpoints, 'logs', value('AWS_ENDPOINT_URL_CLOUDWATCH_LOGS'));
  setIfDefined(endpoints, 'sts', value('AWS_ENDPOINT_URL_STS'));
  const config: AdatrapConfig = {
    region: required('REGION_NAME'),
    amiId: required('AMI_ID'),
    instanceType: required('INSTANCE_TYPE'),
    keyPair: required('KEY_PAIR'),
    logGroup: required('LOG_GROUP'),
    generalLogStream: required('GENERAL_LOG_STREAM'),
    executablesBucket: required('EXECUTABLES_BUCKET'),
    executableVersion: required('EXECUTABLE_VERSION'),
    gpsBucket: required('GPS_BUCKET_NAME'),
    file196Bucket: required('FILE_196_BUCKET_NAME'),
    transactionBucket: required('TRANSACTION_BUCKET_NAME'),
    opProgramBucket: required('OP_PROGRAM_BUCKET_NAME'),
    serviceDetailBucket: required('SERVICE_DETAIL_BUCKET_NAME'),
    outputBucket: required('OUTPUT_DATA_BUCKET_NAME'),
    securityGroupIds: splitList(value('SECURITY_GROUP_IDS') ?? ''),
    maxRunHours: parseHours(value('MAX_RUN_HOURS') ?? '') ?? DEFAULT_MAX_RUN_HOURS,
    market: value('MARKET') === 'on-demand' ? 'on-demand' : 'spot',
    stackName: value('STACK_NAME') ?? DEFAULT_STACK_NAME,
    endpoints,
  };
  setIfDefined(config, 'stateMachineArn', value('STATE_MACHINE_ARN'));
  setIfDefined(config, 'schedulerRoleArn', value('SCHEDULER_ROLE_ARN'));
  setIfDefined(config, 'accessKeyId', value('AWS_ACCESS_KEY_ID'));
  setIfDefined(config, 'secretAccessKey', value('AWS_SECRET_ACCESS_KEY'));
  setIfDefined(config, 'sessionToken', value('AWS_SESSION_TOKEN'));
  setIfDefined(config, 'profile', value('AWS_PROFILE'));
  setIfDefined(config, 'instanceProfile', value('INSTANCE_PROFILE'));
  setIfDefined(config, 'subnetId', value('SUBNET_ID'));
  setIfDefined(config, 'rootVolumeGb', parseVolumeGb(value('ROOT_VOLUME_GB') ?? ''));
  setIfDefined(config, 'exeCodePage', value('EXE_CODE_PAGE'));
  return config;
}

/** Leaves absent optional fields absent (not `undefined`), so objects compare and serialize cleanly. */
function setIfDefined<T extends object, K extends keyof T>(target: T, key: K, v: T[K] | undefined): void {
  if (v !== undefined) target[key] = v;
}

function splitList(text: string): string[] {
  return text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

function parseVolumeGb(text: string): number | undefined {
  if (!/^\d+$/.test(text.trim())) return undefined;
  const gb = Number(text);
  return gb >= 1 && gb <= GP3_MAX_GB ? gb : undefined;
}

/** A label TextDecoder knows (WHATWG Encoding: windows-1252, iso-8859-15, utf-8, ibm866…; no cp850). */
function isSupportedCodePage(label: string): boolean {
  try {
    new TextDecoder(label.trim());
    return label.trim() !== '';
  } catch {
    return false;
  }
}

function parseHours(text: string): number | undefined {
  if (!/^\d+(?:\.\d+)?$/.test(text.trim())) return undefined;
  const hours = Number(text);
  return hours >= 1 && hours <= 24 ? hours : undefined;
}

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}

function clip(value: string): string {
  return value.length > 80 ? `${value.slice(0, 77)}…` : value;
}
