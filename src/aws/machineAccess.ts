// Reaching and diagnosing one machine: its address and security groups, its Windows password (encrypted),
// its console output and a screenshot. A thin adapter over the EC2 client; the decisions live in
// src/core/remoteDesktop.ts and src/core/windowsPassword.ts.
import { readFile } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import type { EC2Client, IpPermission } from '@aws-sdk/client-ec2';
import { UserError, errorMessage } from '../core/errors';
import { t } from '../core/i18n';
import { decryptWindowsPassword } from '../core/windowsPassword';
import type { GroupRules } from '../core/remoteDesktop';
import { actionError, awsErrorName } from './awsErrors';
import { ec2Sdk } from './ec2Sdk';
import { delayOrAbort } from '../core/delay';

interface MachineInfo {
  instanceId: string;
  state: string;
  keyName?: string;
  publicDnsName?: string;
  publicIpAddress?: string;
  securityGroupIds: string[];
  /** "windows" for Windows machines; absent for Linux. */
  platform?: string;
}

interface ConsoleOutput {
  /** Decoded text; undefined when the machine has printed nothing EC2 kept. */
  text?: string;
  timestamp?: Date;
}

export interface MachineAccess {
  describe(instanceId: string): Promise<MachineInfo>;
  /** Base64 encrypted password, or '' while Windows has not published it. */
  passwordData(instanceId: string): Promise<string>;
  consoleOutput(instanceId: string, latest: boolean): Promise<ConsoleOutput>;
  screenshot(instanceId: string): Promise<Buffer>;
  securityGroups(groupIds: string[]): Promise<GroupRules[]>;
}

export class Ec2MachineAccess implements MachineAccess {
  constructor(
    private readonly ec2: EC2Client,
    private readonly region: string,
  ) {}

  async describe(instanceId: string): Promise<MachineInfo> {
    let instance;
    try {
      const r = await this.ec2.send(new (ec2Sdk().DescribeInstancesCommand)({ InstanceIds: [instanceId] }));
      instance = r.Reservations?.flatMap((x) => x.Instances ?? [])[0];
    } catch (e) {
      throw this.instanceError(e, instanceId, 'DescribeInstances');
    }
    if (!instance) throw new UserError(t('diagnose.instance.notFound', { id: instanceId, region: this.region }));
    return {
      instanceId,
      state: instance.State?.Name ?? 'unknown',
      keyName: instance.KeyName,
      publicDnsName: instance.PublicDnsName || undefined,
      publicIpAddress: instance.PublicIpAddress || undefined,
      securityGroupIds: (instance.SecurityGroups ?? []).flatMap((g) => (g.GroupId ? [g.GroupId] : [])),
      platform: instance.Platform,
    };
  }

  async passwordData(instanceId: string): Promise<string> {
    try {
      const r = await this.ec2.send(new (ec2Sdk().GetPasswordDataCommand)({ InstanceId: instanceId }));
      return (r.PasswordData ?? '').trim();
    } catch (e) {
      throw this.instanceError(e, instanceId, 'GetPasswordData');
    }
  }

  async consoleOutput(instanceId: string, latest: boolean): Promise<ConsoleOutput> {
    try {
      const r = await this.ec2.send(
        new (ec2Sdk().GetConsoleOutputCommand)({ InstanceId: instanceId, Latest: latest || undefined }),
      );
      return {
        text: r.Output ? Buffer.from(r.Output, 'base64').toString('utf8') : undefined,
        timestamp: r.Timestamp,
      };
    } catch (e) {
      throw this.instanceError(e, instanceId, 'GetConsoleOutput');
    }
  }

  async screenshot(instanceId: string): Promise<Buffer> {
    try {
      const r = await this.ec2.send(new (ec2Sdk().GetConsoleScreenshotCommand)({ InstanceId: instanceId }));
      if (!r.ImageData) throw new UserError(t('diagnose.screenshot.empty', { id: instanceId }));
      return Buffer.from(r.ImageData, 'base64');
    } catch (e) {
      if (e instanceof UserError) throw e;
      if (awsErrorName(e) === 'IncorrectInstanceState')
        throw new UserError(t('diagnose.screenshot.notRunning', { id: instanceId }));
      throw this.instanceError(e, instanceId, 'GetConsoleScreenshot');
    }
  }

  async securityGroups(groupIds: string[]): Promise<GroupRules[]> {
    if (groupIds.length === 0) return [];
    try {
      const r = await this.ec2.send(new (ec2Sdk().DescribeSecurityGroupsCommand)({ GroupIds: groupIds }));
      return (r.SecurityGroups ?? []).map((g) => ({
        groupId: g.GroupId ?? '',
        groupName: g.GroupName,
        ingress: (g.IpPermissions ?? []).map(toRule),
      }));
    } catch (e) {
      throw actionError(e, 'DescribeSecurityGroups');
    }
  }

  private instanceError(e: unknown, instanceId: string, action: string): Error {
    const name = awsErrorName(e);
    if (name === 'InvalidInstanceID.NotFound' || name === 'InvalidInstanceID.Malformed')
      return new UserError(t('diagnose.instance.notFound', { id: instanceId, region: this.region }));
    return actionError(e, action);
  }
}

function toRule(p: IpPermission): GroupRules['ingress'][number] {
  return {
    ipProtocol: p.IpProtocol ?? '',
    fromPort: p.FromPort,
    toPort: p.ToPort,
    ipRanges: (p.IpRanges ?? []).flatMap((r) => (r.CidrIp ? [r.CidrIp] : [])),
    ipv6Ranges: (p.Ipv6Ranges ?? []).flatMap((r) => (r.CidrIpv6 ? [r.CidrIpv6] : [])),
    sourceGroups: (p.UserIdGroupPairs ?? []).flatMap((g) => (g.GroupId ? [g.GroupId] : [])),
  };
}

/** The machine's address for Remote Desktop: the public DNS name, else the public IP. */
export function publicAddress(info: MachineInfo): string | undefined {
  return info.publicDnsName ?? info.publicIpAddress;
}

interface PasswordRequest {
  instanceId: string;
  /** The .pem; default `<key pair>.pem` in `projectRoot`. */
  pemPath?: string;
  projectRoot: string;
  /** How long to wait for Windows to publish the password (AWS: up to 15 minutes). */
  timeoutMs: number;
  /** Told while waiting: ms waited so far and the timeout. */
  onWaiting?: (waitedMs: number, timeoutMs: number) => void;
  signal?: AbortSignal;
  /** Injected for tests; real time otherwise. */
  now?: () => number;
}

interface WindowsPassword {
  password: string;
  keyPair: string;
  pemPath: string;
  info: MachineInfo;
}

export const PASSWORD_TIMEOUT_MS = 15 * 60 * 1000;

/** Polls GetPasswordData until it is published, then decrypts it locally with the key pair's .pem. */
export async function windowsPassword(access: MachineAccess, request: PasswordRequest): Promise<WindowsPassword> {
  const info = await access.describe(request.instanceId);
  if (info.platform !== undefined && info.platform.toLowerCase() !== 'windows')
    throw new UserError(t('diagnose.password.notWindows', { id: request.instanceId }));
  if (!info.keyName) throw new UserError(t('diagnose.password.noKeyPair', { id: request.instanceId }));
  const pemPath = resolvePem(request, info.keyName);
  let pem: string;
  try {
    pem = await readFile(pemPath, 'utf8');
  } catch (e) {
    throw new UserError(
      t('diagnose.password.pemUnreadable', { path: pemPath, keyPair: info.keyName, reason: errorMessage(e) }),
    );
  }
  const now = request.now ?? Date.now;
  const started = now();
  // About thirty polls over the whole wait (every 15 s for 15 minutes), never busier than 5 a second.
  const intervalMs = Math.min(15_000, Math.max(200, Math.floor(request.timeoutMs / 30)));
  for (;;) {
    const data = await access.passwordData(request.instanceId);
    if (data) {
      return {
        password: decryptWindowsPassword(data, { path: pemPath, pem }, info.keyName),
        keyPair: info.keyName,
        pemPath,
        info,
      };
    }
    const waited = now() - started;
    if (waited >= request.timeoutMs)
      throw new UserError(
        t('diagnose.password.timeout', { id: request.instanceId, minutes: Math.round(request.timeoutMs / 60000) }),
      );
    const state = (await access.describe(request.instanceId)).state;
    if (state !== 'pending' && state !== 'running')
      throw new UserError(t('diagnose.password.notRunning', { id: request.instanceId, state }));
    request.onWaiting?.(waited, request.timeoutMs);
    await delay(Math.min(intervalMs, request.timeoutMs - waited), request.signal);
  }
}

function resolvePem(request: PasswordRequest, keyName: string): string {
  const path = request.pemPath ?? `${keyName}.pem`;
  return isAbsolute(path) ? path : resolve(request.projectRoot, path);
}

function delay(ms: number, signal?: AbortSignal): Promise<void> {
  return delayOrAbort(ms, signal, () => new UserError(t('diagnose.cancelled')));
}
