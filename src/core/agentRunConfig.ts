// The non-secret settings one agent run needs, as the launcher hands them to the machine (base64 JSON in the
// user data, ADATRAP_RUN_CONFIG for the agent). Built field by field from the configuration, so a secret
// cannot travel with it: there is no field for one.
import { validateValue, type AdatrapConfig, type ConfigKey } from './config';
import { isIsoDate } from './dates';
import { InputError, errorMessage } from './errors';
import { t, toLang, type Lang } from './i18n';
import { MAX_PRICED_CANDIDATES, type CandidatePrice, type RunPricing } from './launchPrice';

interface AgentBuckets {
  executables: string;
  gps: string;
  file196: string;
  transactions: string;
  opProgram: string;
  serviceDetail: string;
  output: string;
}

export interface AgentRunConfig {
  schema: 1;
  date: string;
  debug: boolean;
  region: string;
  /** Language of the CloudWatch events: Spanish unless the launcher's ADATRAP_LANG says otherwise. */
  language: Lang;
  executableVersion: string;
  agentVersion: string;
  /** ISO time at which the machine's own shutdown timer fires; the executable must end well before. */
  deadline: string;
  logGroup: string;
  generalLogStream: string;
  buckets: AgentBuckets;
  /** Time limit of the executable; when absent the agent derives it from the deadline. */
  exeTimeoutSeconds?: number;
  /** Encoding of the executable's output (EXE_CODE_PAGE); windows-1252 when absent. */
  exeCodePage?: string;
  /** The launch candidates' prices: the agent records its own in the manifest, with the run's cost. */
  pricing?: RunPricing;
}

/** The configuration fields a run needs; the machine gets these and nothing else (no credentials). */
export type RunConfigSource = Pick<
  AdatrapConfig,
  | 'region'
  | 'executableVersion'
  | 'logGroup'
  | 'generalLogStream'
  | 'executablesBucket'
  | 'gpsBucket'
  | 'file196Bucket'
  | 'transactionBucket'
  | 'opProgramBucket'
  | 'serviceDetailBucket'
  | 'outputBucket'
  | 'exeCodePage'
>;

interface RunRequest {
  date: string;
  debug?: boolean;
  agentVersion: string;
  deadline: Date;
  language: Lang;
  exeTimeoutSeconds?: number;
  pricing?: RunPricing;
}

export function runConfigFor(source: RunConfigSource, request: RunRequest): AgentRunConfig {
  const config: AgentRunConfig = {
    schema: 1,
    date: request.date,
    debug: request.debug === true,
    region: source.region,
    language: request.language,
    executableVersion: source.executableVersion,
    agentVersion: request.agentVersion,
    deadline: request.deadline.toISOString(),
    logGroup: source.logGroup,
    generalLogStream: source.generalLogStream,
    buckets: {
      executables: source.executablesBucket,
      gps: source.gpsBucket,
      file196: source.file196Bucket,
      transactions: source.transactionBucket,
      opProgram: source.opProgramBucket,
      serviceDetail: source.serviceDetailBucket,
      output: source.outputBucket,
    },
  };
  if (request.exeTimeoutSeconds !== undefined) config.exeTimeoutSeconds = request.exeTimeoutSeconds;
  if (source.exeCodePage !== undefined) config.exeCodePage = source.exeCodePage;
  if (request.pricing) config.pricing = request.pricing;
  return config;
}

export function encodeRunConfig(config: AgentRunConfig): string {
  return Buffer.from(JSON.stringify(config), 'utf8').toString('base64');
}

/** Parses and checks ADATRAP_RUN_CONFIG; every problem is an InputError naming the field. */
export function decodeRunConfig(base64: string): AgentRunConfig {
  let raw: unknown;
  try {
    raw = JSON.parse(Buffer.from(base64.trim(), 'base64').toString('utf8'));
  } catch (e) {
    throw invalid(errorMessage(e));
  }
  if (!isRecord(raw) || raw.schema !== 1) throw invalid('schema');
  // Each field passes the same validator as its .env key: the machine trusts nothing it was handed (a hand-made
  // or truncated ADATRAP_RUN_CONFIG must fail here, naming the field, not later as an odd AWS error).
  const text = (o: Record<string, unknown>, key: string, prefix = '', envKey?: ConfigKey): string => {
    const v = o[key];
    if (typeof v !== 'string' || v.length === 0) throw invalid(prefix + key);
    if (envKey) {
      const problem = validateValue(envKey, v);
      if (problem) throw invalid(`${prefix}${key}: ${problem}`);
    }
    return v;
  };
  const b = raw.buckets;
  if (!isRecord(b)) throw invalid('buckets');
  const language = toLang(typeof raw.language === 'string' ? raw.language : undefined);
  if (!language) throw invalid('language');
  if (typeof raw.debug !== 'boolean') throw invalid('debug');
  const deadline = text(raw, 'deadline');
  if (Number.isNaN(Date.parse(deadline))) throw invalid('deadline');
  const date = text(raw, 'date');
  if (!isIsoDate(date)) throw invalid('date');
  const config: AgentRunConfig = {
    schema: 1,
    date,
    debug: raw.debug,
    region: text(raw, 'region', '', 'REGION_NAME'),
    language,
    executableVersion: text(raw, 'executableVersion', '', 'EXECUTABLE_VERSION'),
    agentVersion: text(raw, 'agentVersion'),
    deadline,
    logGroup: text(raw, 'logGroup', '', 'LOG_GROUP'),
    generalLogStream: text(raw, 'generalLogStream', '', 'GENERAL_LOG_STREAM'),
    buckets: {
      executables: text(b, 'executables', 'buckets.', 'EXECUTABLES_BUCKET'),
      gps: text(b, 'gps', 'buckets.', 'GPS_BUCKET_NAME'),
      file196: text(b, 'file196', 'buckets.', 'FILE_196_BUCKET_NAME'),
      transactions: text(b, 'transactions', 'buckets.', 'TRANSACTION_BUCKET_NAME'),
      opProgram: text(b, 'opProgram', 'buckets.', 'OP_PROGRAM_BUCKET_NAME'),
      serviceDetail: text(b, 'serviceDetail', 'buckets.', 'SERVICE_DETAIL_BUCKET_NAME'),
      output: text(b, 'output', 'buckets.', 'OUTPUT_DATA_BUCKET_NAME'),
    },
  };
  if (raw.exeTimeoutSeconds !== undefined) {
    if (typeof raw.exeTimeoutSeconds !== 'number' || !(raw.exeTimeoutSeconds > 0)) throw invalid('exeTimeoutSeconds');
    config.exeTimeoutSeconds = raw.exeTimeoutSeconds;
  }
  if (raw.exeCodePage !== undefined) config.exeCodePage = text(raw, 'exeCodePage', '', 'EXE_CODE_PAGE');
  if (raw.pricing !== undefined) config.pricing = decodePricing(raw.pricing);
  const unknown = Object.keys(raw).filter((k) => !RUN_CONFIG_FIELDS.has(k));
  if (unknown.length > 0) throw invalid(unknown.join(', '));
  return config;
}

// A field the agent does not know is refused: it was meant for another agent version (or is a typo), and
// silently ignoring it would run the day with settings nobody asked for.
// Typed against AgentRunConfig: a new field does not compile until it is listed here.
const FIELD_LIST: Record<keyof AgentRunConfig, true> = {
  schema: true,
  date: true,
  debug: true,
  region: true,
  language: true,
  executableVersion: true,
  agentVersion: true,
  deadline: true,
  logGroup: true,
  generalLogStream: true,
  buckets: true,
  exeTimeoutSeconds: true,
  exeCodePage: true,
  pricing: true,
};

/** A sane hourly price: positive and below any EC2 instance's (the dearest list prices are tens of USD). */
const isHourlyPrice = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v > 0 && v < 1000;

function decodePricing(raw: unknown): RunPricing {
  if (!isRecord(raw) || !Array.isArray(raw.candidates) || raw.candidates.length > MAX_PRICED_CANDIDATES)
    throw invalid('pricing.candidates');
  const candidates = raw.candidates.map((c: unknown, i): CandidatePrice => {
    const at = `pricing.candidates[${i}]`;
    if (!isRecord(c)) throw invalid(at);
    if (c.market !== 'spot' && c.market !== 'on-demand') throw invalid(`${at}.market`);
    const type = c.instanceType;
    if (typeof type !== 'string' || type.includes(',') || validateValue('INSTANCE_TYPE', type))
      throw invalid(`${at}.instanceType`);
    if (!isHourlyPrice(c.usdPerHour)) throw invalid(`${at}.usdPerHour`);
    return { market: c.market, instanceType: type, usdPerHour: c.usdPerHour };
  });
  const gb = raw.rootVolumeGb;
  if (typeof gb !== 'number' || !Number.isInteger(gb) || gb < 1 || gb > 65_536) throw invalid('pricing.rootVolumeGb');
  const pricing: RunPricing = { candidates, rootVolumeGb: gb };
  if (raw.gp3UsdPerGbMonth !== undefined) {
    if (!isHourlyPrice(raw.gp3UsdPerGbMonth)) throw invalid('pricing.gp3UsdPerGbMonth');
    pricing.gp3UsdPerGbMonth = raw.gp3UsdPerGbMonth;
  }
  return pricing;
}
const RUN_CONFIG_FIELDS = new Set<string>(Object.keys(FIELD_LIST));

function invalid(detail: string): InputError {
  return new InputError(t('agent.config.invalid', { detail }));
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
