// Remote Desktop to a run's machine: the .rdp file, and whether its security groups let this computer in on
// TCP 3389 (and, when not, exactly which rule to add, or the Session Manager tunnel that needs no open port).

export const RDP_PORT = 3389;
export const WINDOWS_USER = 'Administrator';

/**
 * The .rdp file the EC2 console offers: the address and the user, never the password (Remote Desktop asks
 * for it). CRLF line ends, as Windows' own client writes them.
 */
export function rdpFileText(address: string, port = RDP_PORT): string {
  const host = port === RDP_PORT ? address : `${address}:${port}`;
  return [
    `full address:s:${host}`,
    `username:s:${WINDOWS_USER}`,
    'prompt for credentials:i:1',
    'administrative session:i:1',
  ]
    .map((line) => `${line}\r\n`)
    .join('');
}

/** The few fields of an EC2 security group rule this check reads (DescribeSecurityGroups IpPermissions). */
interface IngressRule {
  ipProtocol: string;
  fromPort?: number;
  toPort?: number;
  ipRanges: string[];
  ipv6Ranges: string[];
  /** Source security groups: traffic from other members of those groups, never from a laptop. */
  sourceGroups: string[];
}

export interface GroupRules {
  groupId: string;
  groupName?: string;
  ingress: IngressRule[];
}

export type RdpAccess =
  | { kind: 'open'; groupId: string; cidr: string }
  | { kind: 'closed'; groupIds: string[]; sourceCidr: string }
  /** The address is unknown: the rules that open 3389 to anybody, so the user can judge. */
  | { kind: 'unknown'; openTo: Array<{ groupId: string; cidr: string }> };

/** Whether any of the machine's groups admits `source` (IPv4 or IPv6) on TCP 3389. */
export function rdpAccess(groups: GroupRules[], source: string | undefined): RdpAccess {
  const rules = groups.flatMap((g) => g.ingress.filter(coversRdp).map((rule) => ({ groupId: g.groupId, rule })));
  if (source === undefined) {
    return {
      kind: 'unknown',
      openTo: rules.flatMap(({ groupId, rule }) =>
        [...rule.ipRanges, ...rule.ipv6Ranges].map((cidr) => ({ groupId, cidr })),
      ),
    };
  }
  for (const { groupId, rule } of rules) {
    for (const cidr of [...rule.ipRanges, ...rule.ipv6Ranges]) {
      if (cidrContains(cidr, source)) return { kind: 'open', groupId, cidr };
    }
  }
  return { kind: 'closed', groupIds: groups.map((g) => g.groupId), sourceCidr: hostCidr(source) };
}

function coversRdp(rule: IngressRule): boolean {
  const protocol = rule.ipProtocol.toLowerCase();
  if (protocol === '-1' || protocol === 'all') return true;
  if (protocol !== 'tcp' && protocol !== '6') return false;
  return (rule.fromPort ?? 0) <= RDP_PORT && RDP_PORT <= (rule.toPort ?? 65535);
}

/** `203.0.113.7/32` or `2001:db8::1/128`: the one address, as a rule source. */
function hostCidr(address: string): string {
  return address.includes(':') ? `${address}/128` : `${address}/32`;
}

/** The AWS CLI command that adds the missing rule (authorize-security-group-ingress, EC2 CLI reference). */
export function authorizeRdpCommand(groupId: string, sourceCidr: string, region: string): string {
  const source = sourceCidr.includes(':')
    ? `--ip-permissions 'IpProtocol=tcp,FromPort=${RDP_PORT},ToPort=${RDP_PORT},Ipv6Ranges=[{CidrIpv6=${sourceCidr},Description=ADATRAP RDP}]'`
    : `--protocol tcp --port ${RDP_PORT} --cidr ${sourceCidr}`;
  return `aws ec2 authorize-security-group-ingress --region ${region} --group-id ${groupId} ${source}`;
}

/**
 * The tunnel that needs no inbound rule at all (Session Manager port forwarding, document
 * AWS-StartPortForwardingSession with portNumber/localPortNumber): Remote Desktop then goes to localhost.
 * Needs the Session Manager plugin locally and the SSM agent + AmazonSSMManagedInstanceCore on the machine.
 */
export function ssmPortForwardCommand(instanceId: string, region: string, localPort: number): string {
  return (
    `aws ssm start-session --region ${region} --target ${instanceId} --document-name AWS-StartPortForwardingSession ` +
    `--parameters '{"portNumber":["${RDP_PORT}"],"localPortNumber":["${localPort}"]}'`
  );
}

// ---- CIDR arithmetic (IPv4 and IPv6) ----

export function cidrContains(cidr: string, address: string): boolean {
  const [base, bitsText] = cidr.split('/');
  const network = parseAddress(base ?? '');
  const host = parseAddress(address);
  if (!network || !host || network.family !== host.family) return false;
  const width = network.family === 4 ? 32 : 128;
  const bits = bitsText === undefined ? width : Number(bitsText);
  if (!Number.isInteger(bits) || bits < 0 || bits > width) return false;
  const shift = BigInt(width - bits);
  return network.value >> shift === host.value >> shift;
}

function parseAddress(text: string): { family: 4 | 6; value: bigint } | undefined {
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
  if (v4) {
    const octets = v4.slice(1, 5).map(Number);
    if (octets.some((o) => o > 255)) return undefined;
    return { family: 4, value: octets.reduce((acc, o) => (acc << 8n) | BigInt(o), 0n) };
  }
  if (!/^[0-9a-f:]+$/i.test(text) || !text.includes(':')) return undefined;
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const head = halves[0] ? halves[0].split(':') : [];
  const tail = halves.length === 2 && halves[1] ? halves[1].split(':') : [];
  const missing = 8 - head.length - tail.length;
  if ((halves.length === 1 && missing !== 0) || missing < 0) return undefined;
  const groups = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...tail];
  if (groups.some((g) => !/^[0-9a-f]{1,4}$/i.test(g))) return undefined;
  return { family: 6, value: groups.reduce((acc, g) => (acc << 16n) | BigInt(parseInt(g, 16)), 0n) };
}
