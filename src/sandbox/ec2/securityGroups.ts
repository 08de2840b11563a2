// Security groups of the emulated region: enough for "may my address reach this machine on 3389?".
// The seeded default group has what a default VPC's default group has (AWS VPC user guide, "Default security
// groups for your VPCs"): inbound only from members of the same group, outbound everywhere. So RDP from a
// laptop is refused until someone adds a rule, exactly as on a fresh account.
import { Ec2Error } from './state';
import type { QueryParams } from './query';

export const SANDBOX_DEFAULT_GROUP_ID = 'sg-0sandbox0default';
export const SANDBOX_VPC_ID = 'vpc-0sandbox000000001';

export interface IpPermission {
  ipProtocol: string;
  fromPort?: number;
  toPort?: number;
  ipRanges: Array<{ cidrIp: string; description?: string }>;
  ipv6Ranges: Array<{ cidrIpv6: string; description?: string }>;
  groups: Array<{ groupId: string; userId: string }>;
}

export interface SecurityGroup {
  groupId: string;
  groupName: string;
  description: string;
  vpcId: string;
  ownerId: string;
  ipPermissions: IpPermission[];
  ipPermissionsEgress: IpPermission[];
}

export function defaultSecurityGroup(ownerId: string): SecurityGroup {
  return {
    groupId: SANDBOX_DEFAULT_GROUP_ID,
    groupName: 'default',
    description: 'default VPC security group',
    vpcId: SANDBOX_VPC_ID,
    ownerId,
    ipPermissions: [
      {
        ipProtocol: '-1',
        ipRanges: [],
        ipv6Ranges: [],
        groups: [{ groupId: SANDBOX_DEFAULT_GROUP_ID, userId: ownerId }],
      },
    ],
    ipPermissionsEgress: [{ ipProtocol: '-1', ipRanges: [{ cidrIp: '0.0.0.0/0' }], ipv6Ranges: [], groups: [] }],
  };
}

/**
 * The IpPermissions of an AuthorizeSecurityGroupIngress request, in either of its two wire forms: the
 * `IpPermissions.N.*` list, or the flat `IpProtocol`/`FromPort`/`ToPort`/`CidrIp` parameters the CLI's
 * `--protocol tcp --port 3389 --cidr …` sends. EC2 requires a port range for tcp/udp and exactly one source.
 */
export function ingressPermissions(q: QueryParams, ownerId: string): IpPermission[] {
  const found: IpPermission[] = [];
  for (const i of q.indexes('IpPermissions')) {
    const p = `IpPermissions.${i}`;
    found.push(
      permission(q.get(`${p}.IpProtocol`), q.get(`${p}.FromPort`), q.get(`${p}.ToPort`), {
        ipRanges: q.indexes(`${p}.IpRanges`).map((j) => ({
          cidrIp: canonicalCidr(q.get(`${p}.IpRanges.${j}.CidrIp`) ?? '', 4),
          description: q.get(`${p}.IpRanges.${j}.Description`),
        })),
        ipv6Ranges: q.indexes(`${p}.Ipv6Ranges`).map((j) => ({
          cidrIpv6: canonicalCidr(q.get(`${p}.Ipv6Ranges.${j}.CidrIpv6`) ?? '', 6),
          description: q.get(`${p}.Ipv6Ranges.${j}.Description`),
        })),
        groups: q.indexes(`${p}.Groups`).map((j) => ({
          groupId: q.get(`${p}.Groups.${j}.GroupId`) ?? '',
          userId: ownerId,
        })),
      }),
    );
  }
  const flatCidr = q.get('CidrIp');
  if (q.get('IpProtocol') !== undefined || flatCidr !== undefined) {
    found.push(
      permission(q.get('IpProtocol'), q.get('FromPort'), q.get('ToPort'), {
        ipRanges: flatCidr !== undefined ? [{ cidrIp: canonicalCidr(flatCidr, 4) }] : [],
        ipv6Ranges: [],
        groups: [],
      }),
    );
  }
  if (found.length === 0) throw new Ec2Error('MissingParameter', 'No inbound rule given: IpPermissions is required.');
  return found;
}

function permission(
  protocol: string | undefined,
  from: string | undefined,
  to: string | undefined,
  sources: Pick<IpPermission, 'ipRanges' | 'ipv6Ranges' | 'groups'>,
): IpPermission {
  const ipProtocol = (protocol ?? '').toLowerCase();
  if (!['tcp', 'udp', 'icmp', 'icmpv6', '-1', '6', '17', '1'].includes(ipProtocol)) {
    throw new Ec2Error('InvalidParameterValue', `Invalid value '${protocol ?? ''}' for IP protocol. Unknown protocol.`);
  }
  const sourceCount = sources.ipRanges.length + sources.ipv6Ranges.length + sources.groups.length;
  if (sourceCount === 0) {
    throw new Ec2Error('MissingParameter', 'Either a CIDR range or a source security group is required.');
  }
  if (ipProtocol === '-1') return { ipProtocol, ...sources };
  const fromPort = Number(from);
  const toPort = Number(to);
  if (from === undefined || to === undefined || !Number.isInteger(fromPort) || !Number.isInteger(toPort)) {
    throw new Ec2Error('InvalidParameterValue', 'Invalid TCP/UDP port range: FromPort and ToPort are required.');
  }
  if (fromPort < 0 || toPort > 65535 || fromPort > toPort) {
    throw new Ec2Error('InvalidParameterValue', `Invalid TCP/UDP port range ${fromPort}-${toPort}.`);
  }
  return { ipProtocol, fromPort, toPort, ...sources };
}

/** AWS stores CIDRs canonicalised (100.68.0.18/18 becomes 100.68.0.0/18), and rejects what is not one. */
function canonicalCidr(text: string, family: 4 | 6): string {
  if (family === 6) {
    if (!/^[0-9a-f:]+\/\d{1,3}$/i.test(text)) throw invalidCidr(text);
    return text.toLowerCase();
  }
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(text);
  if (!m) throw invalidCidr(text);
  const octets = m.slice(1, 5).map(Number);
  const bits = Number(m[5]);
  if (octets.some((o) => o > 255) || bits > 32) throw invalidCidr(text);
  const value = octets.reduce((acc, o) => acc * 256 + o, 0);
  const size = 2 ** (32 - bits);
  const base = Math.floor(value / size) * size;
  return `${[24, 16, 8, 0].map((s) => Math.floor(base / 2 ** s) % 256).join('.')}/${bits}`;
}

function invalidCidr(text: string): Ec2Error {
  return new Ec2Error('InvalidParameterValue', `CIDR block ${text} is malformed`);
}

/** EC2 refuses a rule that is already there (same protocol, ports and source). */
export function addIngress(group: SecurityGroup, added: IpPermission[]): void {
  for (const p of added) {
    const same = group.ipPermissions.find(
      (e) => e.ipProtocol === p.ipProtocol && e.fromPort === p.fromPort && e.toPort === p.toPort,
    );
    if (!same) {
      group.ipPermissions.push(p);
      continue;
    }
    const duplicate =
      p.ipRanges.some((r) => same.ipRanges.some((e) => e.cidrIp === r.cidrIp)) ||
      p.ipv6Ranges.some((r) => same.ipv6Ranges.some((e) => e.cidrIpv6 === r.cidrIpv6)) ||
      p.groups.some((g) => same.groups.some((e) => e.groupId === g.groupId));
    if (duplicate) {
      throw new Ec2Error(
        'InvalidPermission.Duplicate',
        `the specified rule "peer: ${describeSource(p)}, ${p.ipProtocol.toUpperCase()}, from port: ${p.fromPort ?? -1}, to port: ${p.toPort ?? -1}, ALLOW" already exists`,
      );
    }
    same.ipRanges.push(...p.ipRanges);
    same.ipv6Ranges.push(...p.ipv6Ranges);
    same.groups.push(...p.groups);
  }
}

function describeSource(p: IpPermission): string {
  return p.ipRanges[0]?.cidrIp ?? p.ipv6Ranges[0]?.cidrIpv6 ?? p.groups[0]?.groupId ?? '';
}
