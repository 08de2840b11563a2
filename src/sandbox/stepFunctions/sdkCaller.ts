// Runs an `arn:aws:states:::aws-sdk:<service>:<action>` Task generically: the action's SDK v3 command, sent to
// the sandbox's own services with the sandbox credentials (so signing, faults and request counters apply as to
// any client). Step Functions conventions (supported-services-awssdk.html): parameters are PascalCase even where
// the service's own shapes are camelCase; the output is the API's response (no $metadata); an error is reported
// as `<ServiceName>.<ErrorName>` with the `Exception` suffix added when the service's error code lacks it, e.g.
// `Ec2.InsufficientInstanceCapacityException`. The call is not retried by the SDK: retries are the definition's.
import type { Json, JsonObject } from './jsonPath';
import { StatesError } from './errors';
import { SDK_SERVICES, type SdkResource } from './resource';
import { ec2Sdk } from '../../aws/ec2Sdk';
import { logsSdk, s3Sdk, sfnSdk, stsSdk } from '../../aws/sdk';

interface SdkTarget {
  endpoint: string;
  region: string;
  credentials: { accessKeyId: string; secretAccessKey: string };
}

interface AnyClient {
  send(command: unknown, options?: { abortSignal?: AbortSignal }): Promise<Record<string, unknown>>;
  destroy(): void;
}
type Ctor<T> = new (input: unknown) => T;

function sdkModule(service: string): { client: Ctor<AnyClient>; commands: Record<string, unknown> } {
  const load = (mod: object, client: string): { client: Ctor<AnyClient>; commands: Record<string, unknown> } => ({
    client: (mod as Record<string, Ctor<AnyClient>>)[client] as Ctor<AnyClient>,
    commands: mod as Record<string, unknown>,
  });
  switch (service) {
    case 'ec2':
      return load(ec2Sdk(), 'EC2Client');
    case 's3':
      return load(s3Sdk(), 'S3Client');
    case 'cloudwatchlogs':
      return load(logsSdk(), 'CloudWatchLogsClient');
    case 'sts':
      return load(stsSdk(), 'STSClient');
    case 'sfn':
      return load(sfnSdk(), 'SFNClient');
    default:
      throw new StatesError('States.Runtime', `The sandbox does not emulate the service ${service}.`);
  }
}

function commandName(action: string): string {
  return `${action.charAt(0).toUpperCase()}${action.slice(1)}Command`;
}

/** True when the SDK has the action (CreateStateMachine refuses an unknown one, as AWS does). */
export function sdkActionExists(resource: SdkResource): boolean {
  return typeof sdkModule(resource.service).commands[commandName(resource.action)] === 'function';
}

export class SdkCaller {
  private readonly clients = new Map<string, AnyClient>();

  constructor(private readonly target: () => SdkTarget) {}

  async call(resource: SdkResource, parameters: JsonObject, signal: AbortSignal): Promise<Json> {
    const { client: Client, commands } = sdkModule(resource.service);
    const Command = commands[commandName(resource.action)] as Ctor<unknown> | undefined;
    if (!Command)
      throw new StatesError('States.Runtime', `The ${resource.service} SDK has no action ${resource.action}.`);
    const info = SDK_SERVICES[resource.service] as { errorPrefix: string; camelCaseShapes: boolean };
    let client = this.clients.get(resource.service);
    if (!client) {
      const t = this.target();
      client = new Client({
        region: t.region,
        endpoint: t.endpoint,
        credentials: t.credentials,
        maxAttempts: 1,
        ...(resource.service === 's3' ? { forcePathStyle: true } : {}),
      });
      this.clients.set(resource.service, client);
    }
    const input = info.camelCaseShapes ? recase(parameters, lowerFirst) : parameters;
    try {
      const output = await client.send(new Command(input), { abortSignal: signal });
      const { $metadata: _ignored, ...rest } = output;
      const json = JSON.parse(JSON.stringify(rest)) as Json;
      return info.camelCaseShapes ? recase(json, upperFirst) : json;
    } catch (e) {
      if (signal.aborted) throw signal.reason;
      throw sdkError(e, info.errorPrefix);
    }
  }

  close(): void {
    for (const c of this.clients.values()) c.destroy();
    this.clients.clear();
  }
}

function sdkError(e: unknown, prefix: string): StatesError {
  const err = e as { name?: string; message?: string; $metadata?: { httpStatusCode?: number; requestId?: string } };
  const status = err.$metadata?.httpStatusCode;
  if (status === undefined) {
    // No HTTP answer (connection refused, reset): the SDK client's own failure.
    return new StatesError(`${prefix}.SdkClientException`, err.message ?? String(e));
  }
  const name = err.name ?? 'UnknownError';
  const error = `${prefix}.${name.endsWith('Exception') ? name : `${name}Exception`}`;
  const cause = `${err.message ?? ''} (Service: ${prefix}, Status Code: ${status}, Request ID: ${err.$metadata?.requestId ?? ''})`;
  return new StatesError(error, cause);
}

function lowerFirst(k: string): string {
  return k.charAt(0).toLowerCase() + k.slice(1);
}

function upperFirst(k: string): string {
  return k.charAt(0).toUpperCase() + k.slice(1);
}

function recase(v: Json, f: (k: string) => string): Json {
  if (Array.isArray(v)) return v.map((x) => recase(x, f));
  if (v === null || typeof v !== 'object') return v;
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [f(k), recase(x, f)]));
}
