// The RunInstances request for one day, as plain data (field names as in the EC2 API, so src/aws can send it
// as it is). Decisions that protect the operator's money and data live here: the machine terminates itself on
// shutdown, has a hard deadline, reaches AWS only through its instance profile, and requires IMDSv2.
import { UserError } from './errors';
import { t, type Lang } from './i18n';
import { runConfigFor, type AgentRunConfig, type RunConfigSource } from './agentRunConfig';
import { NODE_RUNTIME, agentBundleKey, type NodeRuntimePin } from './nodeRuntime';
import { renderUserData } from './userData';
import type { BlockDeviceMapping } from './rootVolume';
import { PRICE_TAG } from './costEstimate';
import { candidatePrice, priceTag, type RunPricing } from './launchPrice';

/** The configuration fields a launch needs (AdatrapConfig satisfies it). */
export interface LaunchConfigSource extends RunConfigSource {
  amiId: string;
  instanceType: string;
  keyPair: string;
  instanceProfile?: string;
  securityGroupIds: string[];
  subnetId?: string;
  maxRunHours: number;
}

interface LaunchRequest {
  date: string;
  debug?: boolean;
  /** SHA-256 (hex) of the agent bundle already in EXECUTABLES_BUCKET (see src/aws/agentBundle.ts). */
  agentSha256: string;
  agentVersion: string;
  language: Lang;
  now?: Date;
  /** Extra tags, e.g. `adatrap:sim-mode` for the sandbox's simulated executable. */
  extraTags?: Record<string, string>;
  exeTimeoutSeconds?: number;
  runtime?: Pick<NodeRuntimePin, 's3Key' | 'sha256'>;
  /** Workflow launches: the Step Functions task token (see renderUserData). */
  taskToken?: string;
  /** The root volume (src/core/rootVolume.ts); absent: the image's own size and type. */
  rootVolume?: BlockDeviceMapping;
  /** The candidates' prices (src/aws/launchPrices.ts); absent when none was found. */
  pricing?: RunPricing;
}

interface Tag {
  Key: string;
  Value: string;
}

export interface LaunchPlan {
  ImageId: string;
  InstanceType: string;
  KeyName: string;
  MinCount: 1;
  MaxCount: 1;
  /** Base64, as RunInstances expects. */
  UserData: string;
  IamInstanceProfile: { Name: string } | { Arn: string };
  InstanceInitiatedShutdownBehavior: 'terminate';
  MetadataOptions: { HttpTokens: 'required'; HttpEndpoint: 'enabled' };
  Monitoring: { Enabled: true };
  SecurityGroupIds?: string[];
  SubnetId?: string;
  BlockDeviceMappings?: BlockDeviceMapping[];
  TagSpecifications: Array<{ ResourceType: 'instance' | 'volume'; Tags: Tag[] }>;
}

interface PreparedLaunch {
  plan: LaunchPlan;
  /** The script itself, for inspection and tests. */
  userData: string;
  runConfig: AgentRunConfig;
  deadline: Date;
}

export const TAG = {
  name: 'Name',
  date: 'adatrap:date',
  version: 'adatrap:version',
  deadline: 'adatrap:deadline',
  status: 'adatrap:status',
  debug: 'adatrap:debug',
  simMode: 'adatrap:sim-mode',
} as const;

export function buildLaunchPlan(config: LaunchConfigSource, request: LaunchRequest): PreparedLaunch {
  const profile = config.instanceProfile?.trim();
  if (!profile) throw new UserError(t('agent.launch.noInstanceProfile'), 2);
  const now = request.now ?? new Date();
  const deadline = new Date(now.getTime() + config.maxRunHours * 3600_000);
  const runConfig = runConfigFor(config, {
    date: request.date,
    debug: request.debug,
    agentVersion: request.agentVersion,
    deadline,
    language: request.language,
    exeTimeoutSeconds: request.exeTimeoutSeconds,
    ...(request.pricing ? { pricing: request.pricing } : {}),
  });
  const userData = renderUserData({
    runConfig,
    maxRunHours: config.maxRunHours,
    runtime: request.runtime ?? NODE_RUNTIME,
    agentBundle: { key: agentBundleKey(request.agentSha256), sha256: request.agentSha256 },
    ...(request.taskToken === undefined ? {} : { taskToken: request.taskToken }),
  });
  const instanceType = config.instanceType.split(',')[0].trim();
  // A direct launch is on-demand (no InstanceMarketOptions); the batch workflow tags each candidate itself.
  const price = candidatePrice(request.pricing, 'on-demand', instanceType);
  const tags: Tag[] = [
    { Key: TAG.name, Value: `adatrap-${request.date}` },
    { Key: TAG.date, Value: request.date },
    { Key: TAG.version, Value: config.executableVersion },
    { Key: TAG.deadline, Value: deadline.toISOString() },
    { Key: TAG.status, Value: 'running' },
    ...(request.debug ? [{ Key: TAG.debug, Value: 'true' }] : []),
    ...Object.entries(request.extraTags ?? {}).map(([Key, Value]) => ({ Key, Value })),
    ...(price ? [priceTag(price)] : []),
  ];
  const plan: LaunchPlan = {
    ImageId: config.amiId,
    // INSTANCE_TYPE may list several types (the batch workflow tries them in turn); a direct launch takes the first.
    InstanceType: instanceType,
    KeyName: config.keyPair,
    MinCount: 1,
    MaxCount: 1,
    UserData: Buffer.from(userData, 'utf8').toString('base64'),
    IamInstanceProfile: profile.startsWith('arn:') ? { Arn: profile } : { Name: profile },
    InstanceInitiatedShutdownBehavior: 'terminate',
    MetadataOptions: { HttpTokens: 'required', HttpEndpoint: 'enabled' },
    Monitoring: { Enabled: true },
    TagSpecifications: [
      { ResourceType: 'instance', Tags: tags },
      { ResourceType: 'volume', Tags: tags.filter((tag) => tag.Key !== TAG.status && tag.Key !== PRICE_TAG) },
    ],
  };
  if (config.securityGroupIds.length > 0) plan.SecurityGroupIds = [...config.securityGroupIds];
  if (config.subnetId) plan.SubnetId = config.subnetId;
  if (request.rootVolume) plan.BlockDeviceMappings = [request.rootVolume];
  return { plan, userData, runConfig, deadline };
}
