// The one place AWS SDK clients are made, so every command, the extension and the agent agree on
// region, credentials, endpoints and retry behaviour.
import type { S3Client } from '@aws-sdk/client-s3';
import type { EC2Client } from '@aws-sdk/client-ec2';
import type { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import type { STSClient } from '@aws-sdk/client-sts';
import type { SFNClient } from '@aws-sdk/client-sfn';
import type { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import type { PricingClient } from '@aws-sdk/client-pricing';
import type { SchedulerClient } from '@aws-sdk/client-scheduler';
import type { SSMClient } from '@aws-sdk/client-ssm';
import {
  cloudFormationSdk,
  credentialProvidersSdk,
  logsSdk,
  pricingSdk,
  s3Sdk,
  schedulerSdk,
  sfnSdk,
  ssmSdk,
  stsSdk,
} from './sdk';
import { ec2Sdk } from './ec2Sdk';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@aws-sdk/types';
import { UserError, errorMessage } from '../core/errors';
import { t } from '../core/i18n';
import { lazyMembers } from '../core/lazyMembers';

type ServiceName = 's3' | 'ec2' | 'logs' | 'sts' | 'sfn' | 'cloudformation' | 'pricing' | 'scheduler' | 'ssm';

/** The part of AdatrapConfig the clients need (kept narrow so the agent can build it without a full .env). */
export interface ClientSettings {
  region: string;
  accessKeyId?: string;
  secretAccessKey?: string;
  sessionToken?: string;
  profile?: string;
  /** `default` is AWS_ENDPOINT_URL; the others AWS_ENDPOINT_URL_<SERVICE>. */
  endpoints?: Partial<Record<ServiceName | 'default', string | undefined>>;
}

export interface AwsClients {
  s3: S3Client;
  ec2: EC2Client;
  logs: CloudWatchLogsClient;
  sts: STSClient;
  sfn: SFNClient;
  cloudFormation: CloudFormationClient;
  /** The Price List API answers in us-east-1 (and ap-south-1) only, whatever the run region. */
  pricing: PricingClient;
  /** EventBridge Scheduler: the one-time schedule that terminates a direct launch at its deadline. */
  scheduler: SchedulerClient;
  /** Systems Manager Parameter Store: AMI_ID `resolve:ssm:` parameters. */
  ssm: SSMClient;
  /** Closes the clients' keep-alive sockets so a command can exit promptly. */
  destroy(): void;
}

// Throttling storms (many runs logging at once) must be survived: the SDK's standard mode retries
// throttling and 5xx with exponential backoff and jitter; 8 attempts cover ~30 s of backoff.
const MAX_ATTEMPTS = 8;
const PRICING_REGION = 'us-east-1';

const ENV_ENDPOINT_KEYS: Record<ServiceName, string> = {
  s3: 'AWS_ENDPOINT_URL_S3',
  ec2: 'AWS_ENDPOINT_URL_EC2',
  logs: 'AWS_ENDPOINT_URL_CLOUDWATCH_LOGS',
  sts: 'AWS_ENDPOINT_URL_STS',
  sfn: 'AWS_ENDPOINT_URL_SFN',
  cloudformation: 'AWS_ENDPOINT_URL_CLOUDFORMATION',
  pricing: 'AWS_ENDPOINT_URL_PRICING',
  scheduler: 'AWS_ENDPOINT_URL_SCHEDULER',
  ssm: 'AWS_ENDPOINT_URL_SSM',
};

/** The endpoint for a service: config first (it already merges .env and process env), then the process env. */
export function endpointFor(
  service: ServiceName,
  settings: ClientSettings,
  env: NodeJS.ProcessEnv = process.env,
): string | undefined {
  const e = settings.endpoints ?? {};
  return e[service] || env[ENV_ENDPOINT_KEYS[service]] || e.default || env.AWS_ENDPOINT_URL || undefined;
}

export function credentialsFor(settings: ClientSettings): AwsCredentialIdentity | AwsCredentialIdentityProvider {
  if (settings.accessKeyId && settings.secretAccessKey) {
    return {
      accessKeyId: settings.accessKeyId,
      secretAccessKey: settings.secretAccessKey,
      ...(settings.sessionToken ? { sessionToken: settings.sessionToken } : {}),
    };
  }
  const profile = settings.profile;
  // fromIni resolves SSO, assume-role and credential_process profiles as well as plain keys.
  let inner: AwsCredentialIdentityProvider | undefined;
  return async () => {
    try {
      const providers = credentialProvidersSdk();
      inner ??= profile ? providers.fromIni({ profile }) : providers.fromNodeProviderChain();
      return await inner();
    } catch (e) {
      throw new UserError(t('aws.credentialsFailed', { reason: errorMessage(e), profile: profile ?? 'default' }));
    }
  };
}

export function createClients(settings: ClientSettings): AwsClients {
  const credentials = credentialsFor(settings);
  const common = { region: settings.region, credentials, maxAttempts: MAX_ATTEMPTS, retryMode: 'standard' };
  const s3Endpoint = endpointFor('s3', settings);
  const logsEndpoint = endpointFor('logs', settings);
  const ec2Endpoint = endpointFor('ec2', settings);
  const stsEndpoint = endpointFor('sts', settings);
  const sfnEndpoint = endpointFor('sfn', settings);
  const cfnEndpoint = endpointFor('cloudformation', settings);
  const pricingEndpoint = endpointFor('pricing', settings);
  const schedulerEndpoint = endpointFor('scheduler', settings);
  const ssmEndpoint = endpointFor('ssm', settings);
  const at = (endpoint: string | undefined) => (endpoint ? { endpoint } : {});
  const made: Array<{ destroy(): void }> = [];
  const kept = <C extends { destroy(): void }>(client: C): C => {
    made.push(client);
    return client;
  };
  // Each client is made (and its SDK package loaded, see sdk.ts) when something first uses it.
  const clients = lazyMembers<Omit<AwsClients, 'destroy'>>({
    s3: () =>
      kept(
        new (s3Sdk().S3Client)({
          ...common,
          // A bucket in another region than REGION_NAME answers 301 with x-amz-bucket-region; the client then
          // re-signs for that region and retries (S3 User Guide, "Request redirection and the REST API";
          // @aws-sdk/middleware-sdk-s3 follows a 301, or a 400 for HeadBucket, carrying that header).
          followRegionRedirects: true,
          ...(s3Endpoint
            ? {
                endpoint: s3Endpoint,
                // S3-compatible servers understand path-style only and would store aws-chunked framing verbatim.
                forcePathStyle: true,
                requestChecksumCalculation: 'WHEN_REQUIRED',
                responseChecksumValidation: 'WHEN_REQUIRED',
              }
            : {}),
        }),
      ),
    ec2: () => kept(new (ec2Sdk().EC2Client)({ ...common, ...at(ec2Endpoint) })),
    // Without disableHostPrefix the client sends StartLiveTail to `stream-<host>`, which loopback cannot resolve.
    logs: () =>
      kept(
        new (logsSdk().CloudWatchLogsClient)({
          ...common,
          ...(logsEndpoint ? { endpoint: logsEndpoint, disableHostPrefix: true } : {}),
        }),
      ),
    sts: () => kept(new (stsSdk().STSClient)({ ...common, ...at(stsEndpoint) })),
    sfn: () => kept(new (sfnSdk().SFNClient)({ ...common, ...at(sfnEndpoint) })),
    cloudFormation: () => kept(new (cloudFormationSdk().CloudFormationClient)({ ...common, ...at(cfnEndpoint) })),
    // Price List Query API endpoints: api.pricing.us-east-1 and api.pricing.ap-south-1 (AWS Price List
    // Service API reference, "Service Endpoint"); the region's prices are asked for by a regionCode filter.
    // A custom endpoint (the sandbox) still gets requests signed for us-east-1: the service answers no other.
    pricing: () =>
      kept(new (pricingSdk().PricingClient)({ ...common, region: PRICING_REGION, ...at(pricingEndpoint) })),
    scheduler: () => kept(new (schedulerSdk().SchedulerClient)({ ...common, ...at(schedulerEndpoint) })),
    ssm: () => kept(new (ssmSdk().SSMClient)({ ...common, ...at(ssmEndpoint) })),
  });
  return Object.assign(clients, {
    destroy: () => {
      for (const client of made) client.destroy();
    },
  });
}
