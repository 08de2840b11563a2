// The non-secret settings one agent run needs, as the launcher hands them to the machine (base64 JSON in the
// user data, ADATRAP_RUN_CONFIG for the agent). Built field by field from the configuration, so a secret
// cannot travel with it: there is no field for one.
import type { AdatrapConfig } from './config';
import { InputError, errorMessage } from './errors';
import { t, toLang, type Lang } from './i18n';

export interface AgentBuckets {
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
>;

export interface RunRequest {
  date: string;
  debug?: boolean;
  agentVersion: string;
  deadline: Date;
  language: Lang;
  exeTimeoutSeconds?: number;
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
  const text = (o: Record<string, unknown>, key: string, prefix = ''): string => {
    const v = o[key];
    if (typeof v !== 'string' || v.length === 0) throw invalid(prefix + key);
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
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw invalid('date');
  const config: AgentRunConfig = {
    schema: 1,
    date,
    debug: raw.debug,
    region: text(raw, 'region'),
    language,
    executableVersion: text(raw, 'executableVersion'),
    agentVersion: text(raw, 'agentVersion'),
    deadline,
    logGroup: text(raw, 'logGroup'),
    generalLogStream: text(raw, 'generalLogStream'),
    buckets: {
      executables: text(b, 'executables', 'buckets.'),
      gps: text(b, 'gps', 'buckets.'),
      file196: text(b, 'file196', 'buckets.'),
      transactions: text(b, 'transactions', 'buckets.'),
      opProgram: text(b, 'opProgram', 'buckets.'),
      serviceDetail: text(b, 'serviceDetail', 'buckets.'),
      output: text(b, 'output', 'buckets.'),
    },
  };
  if (raw.exeTimeoutSeconds !== undefined) {
    if (typeof raw.exeTimeoutSeconds !== 'number' || !(raw.exeTimeoutSeconds > 0)) throw invalid('exeTimeoutSeconds');
    config.exeTimeoutSeconds = raw.exeTimeoutSeconds;
  }
  return config;
}

function invalid(detail: string): InputError {
  return new InputError(t('agent.config.invalid', { detail }));
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
