// "Test connection": every AWS resource the configuration names, checked the way a run will use it, so a
// wrong bucket or a missing key pair shows up in the editor instead of twenty minutes into a run.
import { launchAgentRisk } from '../core/launchAgent';
import { logsSdk, stsSdk } from './sdk';
import { createClients, type AwsClients, type ClientSettings } from './clients';
import { ec2Sdk } from './ec2Sdk';
import { S3Storage, type Storage } from './storage';
import { crossRegionMessage } from './bucketRegions';
import { BUCKET_ROLES, type BucketRole, type BucketRoleId } from '../core/bucketRoles';
import { errorMessage } from '../core/errors';
import type { AdatrapConfig } from '../core/config';
import type { DateReadiness } from '../core/preflight';
import { checkDates } from './preflight';
import { t, type MessageKey } from '../core/i18n';
import { DEFAULT_STACK_NAME, validateConfig } from '../core/config';
import type { RunConfigSource } from '../core/agentRunConfig';
import { stackHealth, type StackHealth } from '../core/stackHealth';
import { CloudFormationStacks } from './stacks';

type CheckStatus = 'ok' | 'fail' | 'warn' | 'skipped';
type CheckFix = 'createLogGroup' | 'createLogStream';

export interface ConnectionCheck {
  id: string;
  status: CheckStatus;
  title: string;
  detail: string;
  fix?: CheckFix;
}

/** The values the checks need; any may be missing (the form is being filled in), and each check says so. */
interface ConnectionSettings {
  region?: string;
  amiId?: string;
  keyPair?: string;
  logGroup?: string;
  generalLogStream?: string;
  executablesBucket?: string;
  executableVersion?: string;
  gpsBucket?: string;
  file196Bucket?: string;
  transactionBucket?: string;
  opProgramBucket?: string;
  serviceDetailBucket?: string;
  outputBucket?: string;
  stackName?: string;
}

type CheckClients = Pick<AwsClients, 'sts' | 'ec2' | 'logs' | 'cloudFormation'>;

// Mid-sentence in the check's titles ("Bucket de informe 1.96 ..."), so not the Data view's title-case labels.
const ROLE_LABEL: Record<BucketRoleId, MessageKey> = {
  gps: 'connection.role.gps',
  file196: 'connection.role.file196',
  transactions: 'connection.role.transactions',
  opProgram: 'connection.role.opProgram',
  serviceDetail: 'connection.role.serviceDetail',
  executables: 'connection.role.executables',
  outputs: 'connection.role.output',
};

/** Where each setting comes from in `.env` (the same names as AdatrapConfig, which may not exist yet). */
const SETTING_KEYS: Record<keyof ConnectionSettings, string> = {
  region: 'REGION_NAME',
  amiId: 'AMI_ID',
  keyPair: 'KEY_PAIR',
  logGroup: 'LOG_GROUP',
  generalLogStream: 'GENERAL_LOG_STREAM',
  executablesBucket: 'EXECUTABLES_BUCKET',
  executableVersion: 'EXECUTABLE_VERSION',
  gpsBucket: 'GPS_BUCKET_NAME',
  file196Bucket: 'FILE_196_BUCKET_NAME',
  transactionBucket: 'TRANSACTION_BUCKET_NAME',
  opProgramBucket: 'OP_PROGRAM_BUCKET_NAME',
  serviceDetailBucket: 'SERVICE_DETAIL_BUCKET_NAME',
  outputBucket: 'OUTPUT_DATA_BUCKET_NAME',
  stackName: 'STACK_NAME',
};

/**
 * The settings and client settings of a configuration that may still be incomplete: the editor tests what is
 * there, and each check of something missing says which key to set.
 */
export function connectionInputs(values: Record<string, string | undefined>): {
  client: ClientSettings;
  settings: ConnectionSettings;
  /** The whole validated configuration when the `.env` is complete: the stack check compares templates with it. */
  runConfig?: RunConfigSource;
} {
  const v = (key: string): string | undefined => (values[key] ? values[key] : undefined);
  const settings: ConnectionSettings = {};
  for (const [name, key] of Object.entries(SETTING_KEYS) as [keyof ConnectionSettings, string][]) {
    const value = v(key);
    if (value !== undefined) settings[name] = value;
  }
  const client: ClientSettings = {
    region: v('REGION_NAME') ?? '',
    accessKeyId: v('AWS_ACCESS_KEY_ID'),
    secretAccessKey: v('AWS_SECRET_ACCESS_KEY'),
    sessionToken: v('AWS_SESSION_TOKEN'),
    profile: v('AWS_PROFILE'),
    endpoints: {
      default: v('AWS_ENDPOINT_URL'),
      s3: v('AWS_ENDPOINT_URL_S3'),
      ec2: v('AWS_ENDPOINT_URL_EC2'),
      logs: v('AWS_ENDPOINT_URL_CLOUDWATCH_LOGS'),
      sts: v('AWS_ENDPOINT_URL_STS'),
    },
  };
  const { config } = validateConfig(values);
  return { client, settings, ...(config ? { runConfig: config } : {}) };
}

/** Test connection for a `.env`'s merged values: makes the clients, runs every check, closes the clients. */
export async function testConnection(values: Record<string, string | undefined>): Promise<ConnectionCheck[]> {
  const { client, settings, runConfig } = connectionInputs(values);
  // No client can even be made without a region: say so once, on the first line.
  if (!client.region) return [noRegion(), ...skippedAfterCredentials(settings)];
  const clients = createClients(client);
  try {
    return await checkConnection(settings, clients, new S3Storage(clients.s3), runConfig);
  } finally {
    clients.destroy();
  }
}

/** Applies one of the checklist's fixes, then tests again so the checklist shows the result. */
export async function fixAndTestConnection(
  fix: CheckFix,
  values: Record<string, string | undefined>,
): Promise<ConnectionCheck[]> {
  const { client, settings, runConfig } = connectionInputs(values);
  if (!client.region) return [noRegion(), ...skippedAfterCredentials(settings)];
  const clients = createClients(client);
  try {
    await applyConnectionFix(fix, settings, clients);
    return await checkConnection(settings, clients, new S3Storage(clients.s3), runConfig);
  } finally {
    clients.destroy();
  }
}

/** The pre-flight check of one date (src/aws/preflight), with clients made and closed around it. */
export async function checkDateInputs(config: AdatrapConfig, date: string): Promise<DateReadiness> {
  const clients = createClients(config);
  try {
    const [readiness] = await checkDates(new S3Storage(clients.s3), config, [date]);
    return readiness;
  } finally {
    clients.destroy();
  }
}

async function checkConnection(
  settings: ConnectionSettings,
  clients: CheckClients,
  storage: Storage,
  runConfig?: RunConfigSource,
): Promise<ConnectionCheck[]> {
  const identity = settings.region ? await checkCredentials(clients) : noRegion();
  if (identity.status !== 'ok') {
    // Every other call would fail with the same credential error: one red line says it once.
    return [identity, ...skippedAfterCredentials(settings)];
  }
  // Independent checks run together: a dozen round trips in about the time of one.
  const warnedRegions = new Set<string>();
  const groups = await Promise.all([
    Promise.all(BUCKET_ROLES.map((b) => checkBucket(settings, b, storage, warnedRegions))),
    checkLogs(settings, clients),
    checkExecutables(settings, storage),
    checkKeyPair(settings, clients),
    checkImage(settings, clients),
    checkStack(settings, clients, runConfig),
  ]);
  return [identity, ...groups.flat()];
}

function noRegion(): ConnectionCheck {
  return {
    id: 'credentials',
    status: 'fail',
    title: t('connection.credentials.title'),
    detail: t('connection.noRegion'),
  };
}

async function checkCredentials(clients: CheckClients): Promise<ConnectionCheck> {
  const title = t('connection.credentials.title');
  try {
    const who = await clients.sts.send(new (stsSdk().GetCallerIdentityCommand)({}));
    return {
      id: 'credentials',
      status: 'ok',
      title,
      detail: t('connection.credentials.ok', { arn: who.Arn ?? '?', account: who.Account ?? '?' }),
    };
  } catch (e) {
    return {
      id: 'credentials',
      status: 'fail',
      title,
      detail: t('connection.credentials.fail', { reason: reason(e) }),
    };
  }
}

function skippedAfterCredentials(settings: ConnectionSettings): ConnectionCheck[] {
  const detail = t('connection.skippedNoCredentials');
  const skipped = (id: string, title: string): ConnectionCheck => ({ id, status: 'skipped', title, detail });
  return [
    ...BUCKET_ROLES.map((b) => skipped(`bucket:${b.envKey}`, bucketTitle(settings, b))),
    skipped('logGroup', t('connection.logGroup.title', { group: settings.logGroup ?? 'LOG_GROUP' })),
    skipped(
      'logStream',
      t('connection.logStream.title', { stream: settings.generalLogStream ?? 'GENERAL_LOG_STREAM' }),
    ),
    skipped('executable:exe', objectTitle(settings, 'exe')),
    skipped('executable:par', objectTitle(settings, 'par')),
    skipped('keyPair', t('connection.keyPair.title', { name: settings.keyPair ?? 'KEY_PAIR' })),
    skipped('ami', t('connection.ami.title', { ami: settings.amiId ?? 'AMI_ID' })),
    skipped('stack', t('stack.title', { stack: settings.stackName ?? DEFAULT_STACK_NAME })),
  ];
}

function bucketTitle(settings: ConnectionSettings, b: BucketRole): string {
  return t('connection.bucket.title', { role: t(ROLE_LABEL[b.id]), bucket: settings[b.setting] || b.envKey });
}

async function checkBucket(
  settings: ConnectionSettings,
  b: BucketRole,
  storage: Storage,
  warnedRegions: Set<string> = new Set(),
): Promise<ConnectionCheck> {
  const id = `bucket:${b.envKey}`;
  const title = bucketTitle(settings, b);
  const bucket = settings[b.setting];
  if (!bucket) return notSet(id, title, b.envKey);
  try {
    const probe = await storage.probeBucket(bucket, { write: b.written });
    const params = { bucket, key: b.envKey, reason: probe.error ?? '?' };
    if (!probe.exists) return { id, status: 'fail', title, detail: t('connection.bucket.missing', params) };
    if (!probe.readable) return { id, status: 'fail', title, detail: t('connection.bucket.unreadable', params) };
    if (b.written && !probe.writable)
      return { id, status: 'fail', title, detail: t('connection.bucket.unwritable', params) };
    // A bucket in another region works, but every run pays for moving its data: warn once per bucket.
    const bucketRegion = await storage.bucketRegion?.(bucket).catch(() => undefined);
    if (bucketRegion && settings.region && bucketRegion !== settings.region && !warnedRegions.has(bucket)) {
      warnedRegions.add(bucket);
      const detail = crossRegionMessage({ bucket, envKey: b.envKey, bucketRegion, region: settings.region });
      return { id, status: 'warn', title, detail };
    }
    return { id, status: 'ok', title, detail: t(b.written ? 'connection.bucket.okWrite' : 'connection.bucket.okRead') };
  } catch (e) {
    return {
      id,
      status: 'fail',
      title,
      detail: t('connection.bucket.missing', { bucket, key: b.envKey, reason: reason(e) }),
    };
  }
}

async function checkLogs(settings: ConnectionSettings, clients: CheckClients): Promise<ConnectionCheck[]> {
  const group = settings.logGroup;
  const stream = settings.generalLogStream;
  const region = settings.region ?? '';
  const groupTitle = t('connection.logGroup.title', { group: group || 'LOG_GROUP' });
  const streamTitle = t('connection.logStream.title', { stream: stream || 'GENERAL_LOG_STREAM' });
  if (!group) return [notSet('logGroup', groupTitle, 'LOG_GROUP'), notSet('logStream', streamTitle, 'LOG_GROUP')];
  try {
    const groupExists = await logGroupExists(clients, group);
    const groupCheck: ConnectionCheck = groupExists
      ? { id: 'logGroup', status: 'ok', title: groupTitle, detail: t('connection.logGroup.ok', { region }) }
      : {
          id: 'logGroup',
          status: 'fail',
          title: groupTitle,
          detail: t('connection.logGroup.missing', { group, region }),
          fix: 'createLogGroup',
        };
    if (!stream) return [groupCheck, notSet('logStream', streamTitle, 'GENERAL_LOG_STREAM')];
    const streamExists = groupExists && (await logStreamExists(clients, group, stream));
    const streamCheck: ConnectionCheck = streamExists
      ? { id: 'logStream', status: 'ok', title: streamTitle, detail: t('connection.logStream.ok', { group }) }
      : {
          id: 'logStream',
          status: 'fail',
          title: streamTitle,
          detail: t('connection.logStream.missing', { group, stream }),
          fix: 'createLogStream',
        };
    return [groupCheck, streamCheck];
  } catch (e) {
    const detail = t('connection.logs.fail', { reason: reason(e) });
    return [
      { id: 'logGroup', status: 'fail', title: groupTitle, detail },
      { id: 'logStream', status: 'fail', title: streamTitle, detail },
    ];
  }
}

async function logGroupExists(clients: CheckClients, group: string): Promise<boolean> {
  let nextToken: string | undefined;
  do {
    const page = await clients.logs.send(
      new (logsSdk().DescribeLogGroupsCommand)({ logGroupNamePrefix: group, nextToken }),
    );
    if ((page.logGroups ?? []).some((g) => g.logGroupName === group)) return true;
    nextToken = page.nextToken;
  } while (nextToken);
  return false;
}

async function logStreamExists(clients: CheckClients, group: string, stream: string): Promise<boolean> {
  let nextToken: string | undefined;
  do {
    const page = await clients.logs.send(
      new (logsSdk().DescribeLogStreamsCommand)({ logGroupName: group, logStreamNamePrefix: stream, nextToken }),
    );
    if ((page.logStreams ?? []).some((s) => s.logStreamName === stream)) return true;
    nextToken = page.nextToken;
  } while (nextToken);
  return false;
}

/** The editor's "Create it" buttons. Creating what already exists is not an error: the goal is that it exists. */
async function applyConnectionFix(fix: CheckFix, settings: ConnectionSettings, clients: CheckClients): Promise<void> {
  const group = settings.logGroup;
  if (!group) return;
  await ignoreAlreadyExists(clients.logs.send(new (logsSdk().CreateLogGroupCommand)({ logGroupName: group })));
  if (fix === 'createLogStream' && settings.generalLogStream) {
    await ignoreAlreadyExists(
      clients.logs.send(
        new (logsSdk().CreateLogStreamCommand)({ logGroupName: group, logStreamName: settings.generalLogStream }),
      ),
    );
  }
}

async function ignoreAlreadyExists(p: Promise<unknown>): Promise<void> {
  try {
    await p;
  } catch (e) {
    if ((e as { name?: string }).name !== 'ResourceAlreadyExistsException') throw e;
  }
}

function executableFile(settings: ConnectionSettings, ext: 'exe' | 'par'): string {
  return `pvmtsc_v${settings.executableVersion || '?'}.${ext}`;
}

function objectTitle(settings: ConnectionSettings, ext: 'exe' | 'par'): string {
  return t('connection.object.title', {
    file: executableFile(settings, ext),
    bucket: settings.executablesBucket || 'EXECUTABLES_BUCKET',
  });
}

async function checkExecutables(settings: ConnectionSettings, storage: Storage): Promise<ConnectionCheck[]> {
  return Promise.all(
    (['exe', 'par'] as const).map(async (ext): Promise<ConnectionCheck> => {
      const id = `executable:${ext}`;
      const title = objectTitle(settings, ext);
      const bucket = settings.executablesBucket;
      const version = settings.executableVersion;
      if (!bucket) return notSet(id, title, 'EXECUTABLES_BUCKET');
      if (!version) return notSet(id, title, 'EXECUTABLE_VERSION');
      const file = executableFile(settings, ext);
      try {
        const found = await storage.head(bucket, file);
        return found
          ? { id, status: 'ok', title, detail: t('connection.object.ok', { size: found.size }) }
          : { id, status: 'fail', title, detail: t('connection.object.missing', { file, bucket, version }) };
      } catch (e) {
        return { id, status: 'fail', title, detail: t('connection.object.fail', { file, bucket, reason: reason(e) }) };
      }
    }),
  );
}

async function checkKeyPair(settings: ConnectionSettings, clients: CheckClients): Promise<ConnectionCheck> {
  const name = settings.keyPair;
  const region = settings.region ?? '';
  const title = t('connection.keyPair.title', { name: name || 'KEY_PAIR' });
  if (!name) return notSet('keyPair', title, 'KEY_PAIR');
  try {
    const r = await clients.ec2.send(new (ec2Sdk().DescribeKeyPairsCommand)({ KeyNames: [name] }));
    const found = (r.KeyPairs ?? []).some((k) => k.KeyName === name);
    return found
      ? { id: 'keyPair', status: 'ok', title, detail: t('connection.keyPair.ok', { region }) }
      : { id: 'keyPair', status: 'fail', title, detail: t('connection.keyPair.missing', { name, region }) };
  } catch (e) {
    if (errorName(e) === 'InvalidKeyPair.NotFound')
      return { id: 'keyPair', status: 'fail', title, detail: t('connection.keyPair.missing', { name, region }) };
    return { id: 'keyPair', status: 'fail', title, detail: t('connection.ec2.fail', { reason: reason(e) }) };
  }
}

async function checkImage(settings: ConnectionSettings, clients: CheckClients): Promise<ConnectionCheck> {
  const ami = settings.amiId;
  const region = settings.region ?? '';
  const title = t('connection.ami.title', { ami: ami || 'AMI_ID' });
  if (!ami) return notSet('ami', title, 'AMI_ID');
  try {
    const r = await clients.ec2.send(new (ec2Sdk().DescribeImagesCommand)({ ImageIds: [ami] }));
    const image = (r.Images ?? []).find((i) => i.ImageId === ami);
    if (!image) return { id: 'ami', status: 'fail', title, detail: t('connection.ami.missing', { ami, region }) };
    const name = image.Name ?? ami;
    const platform = image.PlatformDetails ?? image.Platform ?? '?';
    if (!/windows/i.test(`${image.Platform ?? ''} ${image.PlatformDetails ?? ''}`)) {
      return { id: 'ami', status: 'warn', title, detail: t('connection.ami.notWindows', { name }) };
    }
    const risk = launchAgentRisk({
      imdsSupport: image.ImdsSupport,
      ownerAlias: image.ImageOwnerAlias,
      name: image.Name,
      creationDate: image.CreationDate,
    });
    if (risk !== 'ok') {
      const key = risk === 'oldAmazonImage' ? 'boot.ami.oldAgent' : 'boot.ami.unknownAgent';
      return { id: 'ami', status: 'warn', title, detail: t(key, { name, created: image.CreationDate ?? '?' }) };
    }
    return { id: 'ami', status: 'ok', title, detail: t('connection.ami.ok', { name, platform, region }) };
  } catch (e) {
    if (/^InvalidAMIID\./.test(errorName(e)))
      return { id: 'ami', status: 'fail', title, detail: t('connection.ami.missing', { ami, region }) };
    return { id: 'ami', status: 'fail', title, detail: t('connection.ec2.fail', { reason: reason(e) }) };
  }
}

/** The deployed stack: missing, broken, busy or outdated each say which command fixes it. */
async function checkStack(
  settings: ConnectionSettings,
  clients: CheckClients,
  runConfig: RunConfigSource | undefined,
): Promise<ConnectionCheck> {
  const stack = settings.stackName ?? DEFAULT_STACK_NAME;
  const title = t('stack.title', { stack });
  try {
    const deployed = await new CloudFormationStacks(clients.cloudFormation).describe(stack);
    const health = stackHealth(deployed, stack, runConfig);
    return { id: 'stack', status: stackCheckStatus(health), title, detail: stackDetail(health, stack, settings) };
  } catch (e) {
    return { id: 'stack', status: 'fail', title, detail: t('stack.fail', { stack, reason: reason(e) }) };
  }
}

function stackCheckStatus(health: StackHealth): CheckStatus {
  switch (health.kind) {
    case 'upToDate':
      return 'ok';
    case 'busy':
    case 'unverified':
    case 'updateRolledBack':
    case 'outdated':
      return 'warn';
    case 'missing':
    case 'createFailed':
    case 'rollbackFailed':
    case 'deleteFailed':
      return 'fail';
  }
}

function stackDetail(health: StackHealth, stack: string, settings: ConnectionSettings): string {
  const none = t('stack.noVersion');
  switch (health.kind) {
    case 'missing':
      return t('stack.missing', { stack, region: settings.region ?? '' });
    case 'createFailed':
      return t('stack.createFailed', { stack, status: health.status });
    case 'rollbackFailed':
      return t('stack.rollbackFailed', { stack });
    case 'deleteFailed':
      return t('stack.deleteFailed', { stack });
    case 'updateRolledBack':
      return t('stack.updateRolledBack', { stack });
    case 'busy':
      return t('stack.busy', { stack, status: health.status });
    case 'outdated':
      return t('stack.outdated', { stack, deployed: health.deployed ?? none, expected: health.expected });
    case 'upToDate':
      return t('stack.upToDate', { status: health.status, version: health.version });
    case 'unverified':
      return t('stack.unverified', { status: health.status });
  }
}

function notSet(id: string, title: string, key: string): ConnectionCheck {
  return { id, status: 'skipped', title, detail: t('connection.notSet', { key }) };
}

function errorName(e: unknown): string {
  return (e as { name?: string })?.name ?? '';
}

/** The AWS error code and message; never the request (it could carry a signature). */
function reason(e: unknown): string {
  const name = errorName(e);
  const message = errorMessage(e);
  return name && name !== 'Error' && !message.startsWith(name) ? `${name}: ${message}` : message;
}
