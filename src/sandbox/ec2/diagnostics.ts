// The EC2 operations that reach and diagnose a machine: GetPasswordData, GetConsoleOutput, GetConsoleScreenshot,
// DescribeSecurityGroups and AuthorizeSecurityGroupIngress (shapes from the EC2 API Reference, 2016-11-15).
import { items, toXml, type XmlNode } from '../xml';
import { applyFilters, type QueryParams } from './query';
import { desktopScreenshot } from './screenshot';
import { addIngress, ingressPermissions, type IpPermission, type SecurityGroup } from './securityGroups';
import { Ec2Error, type Ec2State } from './state';

export function getPasswordData(state: Ec2State, q: QueryParams): string {
  const instance = state.get(requiredId(q));
  return toXml({
    instanceId: instance.instanceId,
    timestamp: new Date(instance.passwordAt ?? instance.launchTime.getTime()).toISOString(),
    // Empty until EC2Launch has published it, as on AWS.
    passwordData: instance.passwordData ?? '',
  });
}

export function getConsoleOutput(state: Ec2State, q: QueryParams): string {
  const instance = state.get(requiredId(q));
  const latest = q.get('Latest') === 'true';
  const text = latest ? instance.consoleOutput : instance.consoleBuffered;
  const at = latest ? instance.consoleUpdatedAt : instance.consoleBufferedAt;
  return toXml({
    instanceId: instance.instanceId,
    timestamp: new Date(at ?? instance.launchTime.getTime()).toISOString(),
    // No output element at all before the machine printed anything (the SDK then gives Output undefined).
    output: text === undefined ? undefined : Buffer.from(text, 'utf8').toString('base64'),
  });
}

export function getConsoleScreenshot(state: Ec2State, q: QueryParams): string {
  const instance = state.get(requiredId(q));
  // There is no screen to capture unless the machine runs.
  if (instance.state !== 'running') {
    throw new Ec2Error(
      'IncorrectInstanceState',
      `The instance '${instance.instanceId}' is not in a state from which it can be screenshotted (${instance.state}).`,
    );
  }
  return toXml({ instanceId: instance.instanceId, imageData: desktopScreenshot().toString('base64') });
}

const securityGroupXml = (g: SecurityGroup): XmlNode => ({
  ownerId: g.ownerId,
  groupId: g.groupId,
  groupName: g.groupName,
  groupDescription: g.description,
  vpcId: g.vpcId,
  ipPermissions: items(g.ipPermissions.map(permissionXml)),
  ipPermissionsEgress: items(g.ipPermissionsEgress.map(permissionXml)),
});

export function describeSecurityGroups(state: Ec2State, q: QueryParams): string {
  const ids = q.list('GroupId');
  const named = ids.length ? ids.map((id) => group(state, id)) : [...state.securityGroups.values()];
  const groups = applyFilters(named, q, {
    fields: { 'group-id': (g) => g.groupId, 'group-name': (g) => g.groupName, 'vpc-id': (g) => g.vpcId },
  });
  return toXml({ securityGroupInfo: items(groups.map(securityGroupXml)) });
}

export function authorizeSecurityGroupIngress(state: Ec2State, q: QueryParams, ownerId: string): string {
  const id = q.get('GroupId');
  if (id === undefined) throw new Ec2Error('MissingParameter', 'The request must contain the parameter groupId');
  addIngress(group(state, id), ingressPermissions(q, ownerId));
  return toXml({ return: true });
}

function group(state: Ec2State, id: string): SecurityGroup {
  if (!/^sg-[0-9a-z]+$/.test(id)) throw new Ec2Error('InvalidGroupId.Malformed', `Invalid id: "${id}"`);
  const found = state.securityGroups.get(id);
  if (!found) throw new Ec2Error('InvalidGroup.NotFound', `The security group '${id}' does not exist`);
  return found;
}

function permissionXml(p: IpPermission): XmlNode {
  return {
    ipProtocol: p.ipProtocol,
    fromPort: p.fromPort,
    toPort: p.toPort,
    groups: items(p.groups.map((g) => ({ userId: g.userId, groupId: g.groupId }))),
    ipRanges: items(p.ipRanges.map((r) => ({ cidrIp: r.cidrIp, description: r.description }))),
    ipv6Ranges: items(p.ipv6Ranges.map((r) => ({ cidrIpv6: r.cidrIpv6, description: r.description }))),
    prefixListIds: [],
  };
}

function requiredId(q: QueryParams): string {
  const id = q.get('InstanceId');
  if (id === undefined || id === '')
    throw new Ec2Error('MissingParameter', 'The request must contain the parameter InstanceId');
  return id;
}
