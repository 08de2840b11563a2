// The execution input of one batch: everything `.env` decides, built once by the CLI or the extension and
// handed to StartExecution. The user data, run config and tags are the launcher's own (buildLaunchPlan), cut
// into pieces around the per-day values so the static workflow can fill them (templatePieces.ts).
import { InputError } from './errors';
import { t, type Lang } from './i18n';
import { buildLaunchPlan, type LaunchConfigSource } from './launchPlan';
import { encodeRunConfig } from './agentRunConfig';
import { cutTemplateAs } from './templatePieces';
import { PRICE_TAG } from './costEstimate';
import { candidatePrice, priceTag, type RunPricing } from './launchPrice';
import { INSTANCE_TAG_SLOTS, RUN_CONFIG_SLOTS, TAG_SLOTS, USER_DATA_SLOTS, type Market } from './workflowDefinition';

/** Inline Map runs at most 40 iterations at once (Using Map state in Inline mode). */
export const MAX_WORKFLOW_PARALLEL = 40;
/** StartExecution input: at most 256 KiB (Step Functions quotas, "Maximum input or output size"). */
const EXECUTION_INPUT_LIMIT = 256 * 1024;
/** States.Base64Encode encodes at most 10,000 characters (Intrinsic functions for JSONPath states). */
const BASE64_ENCODE_LIMIT = 10_000;
/** Task tokens are at most 2048 characters (SendTaskHeartbeat API reference, taskToken length constraints). */
const TASK_TOKEN_MAX = 2048;
/** The execution tag key the workflow puts on its machines (stop-batch and the cleanups find them by it). */
export const EXECUTION_TAG = 'adatrap:execution';

export const DEFAULT_RETRIES = 2;
const DEFAULT_RETRY_DELAY_SECONDS = 60;
/** Windows boots and downloads the runtime before the agent's first heartbeat: 20 minutes of silence is death. */
const DEFAULT_HEARTBEAT_SECONDS = 20 * 60;
/** The workflow's deadline comes after the machine's own shutdown timer, so the machine normally ends first. */
const DEADLINE_MARGIN_SECONDS = 15 * 60;

const DATE_MARK = '0000-00-00';
const TOKEN_MARK = '<<adatrap-task-token>>';
const EXECUTION_MARK = '<<adatrap-execution>>';
const PRICE_MARK = '<<adatrap-price>>';

export interface Candidate {
  market: Market;
  instanceType: string;
}

export interface WorkflowConfigSource extends LaunchConfigSource {
  /** MARKET: spot (default) or on-demand. */
  market?: Market;
}

interface WorkflowRequest {
  dates: string[];
  maxParallel: number;
  agentSha256: string;
  agentVersion: string;
  language: Lang;
  debug?: boolean;
  retries?: number;
  retryDelaySeconds?: number;
  heartbeatSeconds?: number;
  extraTags?: Record<string, string>;
  exeTimeoutSeconds?: number;
  now?: Date;
  /** The candidates' prices (src/aws/launchPrices.ts): each candidate's machine is tagged with its own. */
  pricing?: RunPricing;
}

type Pieces = Record<string, string>;

export interface WorkflowInput {
  schema: 1;
  dates: string[];
  maxParallel: number;
  launch: {
    imageId: string;
    keyName: string;
    instanceProfile: { Name: string } | { Arn: string };
    subnetId?: string;
    securityGroupIds?: string[];
    candidates: Candidate[];
    candidateCount: number;
    /**
     * Per candidate (same order), what closes its instance tags: `,{"Key":"adatrap:price",…}` or nothing. A
     * JSONPath workflow cannot append to an array, so the price goes into the tags' text before StringToJson.
     */
    priceTags: string[];
    userData: Pieces;
    runConfig: Pieces;
    instanceTags: Pieces;
    volumeTags: Pieces;
    timeoutSeconds: number;
    heartbeatSeconds: number;
    maxTries: number;
    retryDelaySeconds: number;
  };
}

/** INSTANCE_TYPE may list several types, best first: `m5.xlarge, m5a.xlarge`. */
export function instanceTypes(value: string): string[] {
  return [
    ...new Set(
      value
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  ];
}

/** Spot in every listed type first, then on-demand in every type; MARKET=on-demand skips Spot. */
export function launchCandidates(instanceType: string, market: Market = 'spot'): Candidate[] {
  const types = instanceTypes(instanceType);
  const onDemand = types.map((t) => ({ market: 'on-demand' as const, instanceType: t }));
  return market === 'on-demand'
    ? onDemand
    : [...types.map((t) => ({ market: 'spot' as const, instanceType: t })), ...onDemand];
}

const asPieces = (pieces: string[]): Pieces => Object.fromEntries(pieces.map((p, i) => [`p${i}`, p]));

export function buildWorkflowInput(config: WorkflowConfigSource, request: WorkflowRequest): WorkflowInput {
  if (request.dates.length === 0) throw new InputError(t('orch.input.noDates'));
  if (!Number.isInteger(request.maxParallel) || request.maxParallel < 1 || request.maxParallel > MAX_WORKFLOW_PARALLEL)
    throw new InputError(t('orch.input.maxParallel', { max: MAX_WORKFLOW_PARALLEL, value: request.maxParallel }));
  const candidates = launchCandidates(config.instanceType, config.market);
  if (candidates.length === 0) throw new InputError(t('orch.input.noInstanceType'));
  const prepared = buildLaunchPlan(
    { ...config, instanceType: candidates[0].instanceType },
    {
      date: DATE_MARK,
      debug: request.debug,
      agentSha256: request.agentSha256,
      agentVersion: request.agentVersion,
      language: request.language,
      now: request.now,
      extraTags: request.extraTags,
      exeTimeoutSeconds: request.exeTimeoutSeconds,
      taskToken: TOKEN_MARK,
      ...(request.pricing ? { pricing: request.pricing } : {}),
    },
  );
  const runConfigBase64 = encodeRunConfig(prepared.runConfig);
  const userData = cutTemplateAs(
    'user data',
    prepared.userData,
    { runConfig: runConfigBase64, taskToken: TOKEN_MARK, date: DATE_MARK },
    USER_DATA_SLOTS,
  );
  const runConfig = cutTemplateAs(
    'run config',
    JSON.stringify(prepared.runConfig),
    { date: DATE_MARK },
    RUN_CONFIG_SLOTS,
  );
  // The deadline tag is the machine's own clock time: the agent sets it when it starts (the workflow has none).
  const tagsOf = (i: number) => [
    ...prepared.plan.TagSpecifications[i].Tags.filter((tag) => tag.Key !== 'adatrap:deadline' && tag.Key !== PRICE_TAG),
    { Key: EXECUTION_TAG, Value: EXECUTION_MARK },
  ];
  const marks = { date: DATE_MARK, execution: EXECUTION_MARK };
  const instanceTagsText = JSON.stringify(tagsOf(0)).replace(/\]$/, `${PRICE_MARK}]`);
  const instanceTags = cutTemplateAs(
    'instance tags',
    instanceTagsText,
    { ...marks, price: PRICE_MARK },
    INSTANCE_TAG_SLOTS,
  );
  const priceTags = candidates.map((c) => {
    const price = candidatePrice(request.pricing, c.market, c.instanceType);
    return price ? `,${JSON.stringify(priceTag(price))}` : '';
  });
  const volumeTags = cutTemplateAs('volume tags', JSON.stringify(tagsOf(1)), marks, TAG_SLOTS);

  // The longest day's user data must still fit States.Base64Encode and EC2's 16 KB.
  const longest = userData.join('').length + runConfigBase64.length + TASK_TOKEN_MAX + 2 * DATE_MARK.length;
  if (longest > BASE64_ENCODE_LIMIT)
    throw new InputError(t('orch.input.userDataTooLong', { size: longest, limit: BASE64_ENCODE_LIMIT }));

  const retries = request.retries ?? DEFAULT_RETRIES;
  const input: WorkflowInput = {
    schema: 1,
    dates: [...request.dates],
    maxParallel: request.maxParallel,
    launch: {
      imageId: config.amiId,
      keyName: config.keyPair,
      instanceProfile: prepared.plan.IamInstanceProfile,
      candidates,
      candidateCount: candidates.length,
      priceTags,
      userData: asPieces(userData),
      runConfig: asPieces(runConfig),
      instanceTags: asPieces(instanceTags),
      volumeTags: asPieces(volumeTags),
      timeoutSeconds: Math.round(config.maxRunHours * 3600) + DEADLINE_MARGIN_SECONDS,
      heartbeatSeconds: request.heartbeatSeconds ?? DEFAULT_HEARTBEAT_SECONDS,
      maxTries: 1 + Math.max(0, Math.floor(retries)),
      retryDelaySeconds: Math.max(1, Math.round(request.retryDelaySeconds ?? DEFAULT_RETRY_DELAY_SECONDS)),
    },
  };
  if (prepared.plan.SubnetId) input.launch.subnetId = prepared.plan.SubnetId;
  if (prepared.plan.SecurityGroupIds?.length) input.launch.securityGroupIds = [...prepared.plan.SecurityGroupIds];
  const size = Buffer.byteLength(JSON.stringify(input), 'utf8');
  if (size > EXECUTION_INPUT_LIMIT)
    throw new InputError(t('orch.input.tooLarge', { size, limit: EXECUTION_INPUT_LIMIT, days: request.dates.length }));
  return input;
}
