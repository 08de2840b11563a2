// What the manifest records about the machine a result was made on, read from IMDSv2 at the start of the day:
// its type, market (`instance-life-cycle`: spot or on-demand), zone and launch time (the instance identity
// document's pendingTime). With the manifest's end time these are what the run's cost is computed from once EC2
// no longer lists the machine (it lists a terminated one for about an hour). Off EC2 (IMDS disabled or absent)
// there is nothing to record and the manifest simply has no `machine`.
import type { RunMachine } from './manifest';
import { imdsBase } from './workflowTask';

export async function readMachineFacts(
  env: NodeJS.ProcessEnv = process.env,
  timeoutMs = 2000,
): Promise<Omit<RunMachine, 'endedAt'> | undefined> {
  if (env.AWS_EC2_METADATA_DISABLED === 'true' && !env.AWS_EC2_METADATA_SERVICE_ENDPOINT) return undefined;
  const base = imdsBase(env);
  try {
    const token = await fetch(`${base}/latest/api/token`, {
      method: 'PUT',
      headers: { 'X-aws-ec2-metadata-token-ttl-seconds': '300' },
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (!token.ok) return undefined;
    const headers = { 'X-aws-ec2-metadata-token': await token.text() };
    const get = async (path: string): Promise<string | undefined> => {
      const res = await fetch(`${base}/latest/${path}`, { headers, signal: AbortSignal.timeout(timeoutMs) });
      return res.ok ? (await res.text()).trim() : undefined;
    };
    const [document, lifecycle] = await Promise.all([
      get('dynamic/instance-identity/document'),
      get('meta-data/instance-life-cycle'),
    ]);
    const identity = JSON.parse(document ?? '{}') as Record<string, unknown>;
    const text = (v: unknown): string | undefined => (typeof v === 'string' && v.length <= 64 ? v : undefined);
    const launchedAt = text(identity.pendingTime);
    return {
      market: lifecycle === 'spot' ? 'spot' : 'on-demand',
      ...(text(identity.instanceType) ? { instanceType: text(identity.instanceType) } : {}),
      ...(text(identity.availabilityZone) ? { availabilityZone: text(identity.availabilityZone) } : {}),
      ...(launchedAt && !Number.isNaN(Date.parse(launchedAt))
        ? { launchedAt: new Date(launchedAt).toISOString() }
        : {}),
    };
  } catch {
    return undefined;
  }
}
