// What the agent knows and can do about the machine it runs on: its id (IMDSv2 on EC2, ADATRAP_INSTANCE_ID in
// the sandbox), its `adatrap:status` tag, and ending it. Ending is tried through the API first (immediate,
// and visible as "terminated by itself"); if that fails on Windows the OS shuts down, which the launch's
// InstanceInitiatedShutdownBehavior=terminate turns into termination.
import { spawn, spawnSync } from 'node:child_process';
import type { EC2Client } from '@aws-sdk/client-ec2';
import { ec2Sdk } from '../src/aws/ec2Sdk';
import { TAG } from '../src/core/launchPlan';
import { awsErrorDetail } from './runFailure';

const IMDS = 'http://169.254.169.254/latest';
/** EC2 tag values hold at most 256 characters. */
export const TAG_VALUE_LIMIT = 256;

export async function resolveInstanceId(
  env: NodeJS.ProcessEnv = process.env,
  timeoutMs = 2000,
): Promise<string | undefined> {
  const given = env.ADATRAP_INSTANCE_ID?.trim();
  if (given) return given;
  if (env.AWS_EC2_METADATA_DISABLED === 'true') return undefined;
  try {
    const token = await fetch(`${IMDS}/api/token`, {
      method: 'PUT',
      headers: { 'X-aws-ec2-metadata-token-ttl-seconds': '300' },
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (!token.ok) return undefined;
    const id = await fetch(`${IMDS}/meta-data/instance-id`, {
      headers: { 'X-aws-ec2-metadata-token': await token.text() },
      signal: AbortSignal.timeout(timeoutMs),
    });
    return id.ok ? (await id.text()).trim() || undefined : undefined;
  } catch {
    return undefined;
  }
}

export function statusTagValue(outcome: { ok: true } | { ok: false; reason: string }): string {
  if (outcome.ok) return 'succeeded';
  const value = `failed: ${outcome.reason}`;
  return value.length <= TAG_VALUE_LIMIT ? value : `${value.slice(0, TAG_VALUE_LIMIT - 1)}…`;
}

export class InstanceControl {
  constructor(
    readonly instanceId: string,
    private readonly ec2: EC2Client,
  ) {}

  async tagStatus(value: string): Promise<void> {
    await this.ec2.send(
      new (ec2Sdk().CreateTagsCommand)({ Resources: [this.instanceId], Tags: [{ Key: TAG.status, Value: value }] }),
    );
  }

  async terminate(): Promise<void> {
    await this.ec2.send(new (ec2Sdk().TerminateInstancesCommand)({ InstanceIds: [this.instanceId] }));
  }

  /**
   * A DryRun TerminateInstances: EC2 checks the permission without acting and answers DryRunOperation when it
   * would have succeeded, UnauthorizedOperation when the instance profile lacks it (EC2 API Reference,
   * "TerminateInstances", DryRun parameter). Run at start, so a policy problem shows in the log at once and
   * not hours later when the machine should end itself.
   */
  async checkTerminatePermission(): Promise<TerminateCheck> {
    try {
      await this.ec2.send(new (ec2Sdk().TerminateInstancesCommand)({ InstanceIds: [this.instanceId], DryRun: true }));
      // A DryRun that "succeeds" does not happen on EC2; treat it as allowed.
      return { allowed: true };
    } catch (e) {
      const name = (e as { name?: string }).name ?? '';
      if (name === 'DryRunOperation') return { allowed: true };
      return { allowed: false, denied: name === 'UnauthorizedOperation', detail: awsErrorDetail(e) };
    }
  }
}

type TerminateCheck = { allowed: true } | { allowed: false; denied: boolean; detail: string };

/**
 * The last resort on the real machine: an OS shutdown, which EC2 turns into termination. The user data's deadline
 * shutdown is pending, and a second `shutdown /s` then fails with error 1190 (a shutdown is already scheduled), so
 * the pending one is aborted first.
 */
export function shutdownWindows(): void {
  if (process.platform !== 'win32') return;
  // spawnSync: the abort must be done before the new shutdown is asked for; no server runs in this process now.
  spawnSync('shutdown.exe', ['/a'], { stdio: 'ignore', windowsHide: true, timeout: 10_000 });
  spawn('shutdown.exe', ['/s', '/f', '/t', '0', '/d', 'p:4:1'], {
    detached: true,
    stdio: 'ignore',
    windowsHide: true,
  }).unref();
}
