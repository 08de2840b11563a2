// EC2 instance operations: RunInstances (with the account's instance quota, user data, block devices, market
// options and instance profiles checked as EC2 checks them), DescribeInstances (filters, pages),
// TerminateInstances and DescribeInstanceAttribute. Shapes and messages from the EC2 API Reference, 2016-11-15.
import { items, toXml, type XmlNode } from '../xml';
import { blockDevices } from './blockDevices';
import { applyFilters, wildcardMatch, type FilterRules, type QueryParams } from './query';
import { checkTags, required, SANDBOX_ACCOUNT_ID, type Ec2Context, type Ec2Operation } from './request';
import { SANDBOX_VPC_ID } from './securityGroups';
import { marketOptions } from './spot';
import { launchSubnet } from './subnets';
import { Ec2Error, STATE_CODES, type Instance, type RunRequest } from './state';

const USER_DATA_LIMIT = 16 * 1024;

/** Instances not terminated (pending, running, stopping, stopped, shutting-down) the sandbox account may have. */
const MAX_LIVE_INSTANCES = 20;

export const INSTANCE_OPERATIONS: Readonly<Record<string, Ec2Operation>> = {
  RunInstances: runInstances,
  DescribeInstances: describeInstances,
  TerminateInstances: terminateInstances,
  DescribeInstanceAttribute: describeInstanceAttribute,
};

function runInstances(ctx: Ec2Context, q: QueryParams): string {
  const imageId = required(q, 'ImageId');
  if (!/^ami-[0-9a-f]{8}([0-9a-f]{9})?$/.test(imageId))
    throw new Ec2Error('InvalidAMIID.Malformed', `Invalid id: "${imageId}" (expecting "ami-...")`);
  if (!ctx.state.images.has(imageId))
    throw new Ec2Error('InvalidAMIID.NotFound', `The image id '[${imageId}]' does not exist`);
  const instanceType = q.get('InstanceType') ?? 'm1.small';
  if (!/^[a-z][a-z0-9-]*\.[a-z0-9]+$/.test(instanceType)) {
    throw new Ec2Error('InvalidParameterValue', `Invalid value '${instanceType}' for InstanceType.`);
  }
  const keyName = q.get('KeyName');
  if (keyName !== undefined && !ctx.state.keyPairs.has(keyName)) {
    throw new Ec2Error('InvalidKeyPair.NotFound', `The key pair '${keyName}' does not exist`);
  }
  const minCount = Number(required(q, 'MinCount'));
  const maxCount = Number(required(q, 'MaxCount'));
  if (!Number.isInteger(minCount) || !Number.isInteger(maxCount) || minCount < 1 || maxCount < minCount) {
    throw new Ec2Error(
      'InvalidParameterValue',
      'MinCount and MaxCount must be integers with 1 <= MinCount <= MaxCount.',
    );
  }
  // The account's default instance quota is 20 (RunInstances MaxCount: "Between 1 and the maximum number allowed
  // for your account (default: 20)", EC2 API reference). Where AWS would launch as many as the quota allows, the
  // sandbox refuses a count above it outright: on a shared machine each instance is a process.
  if (maxCount > MAX_LIVE_INSTANCES) {
    throw new Ec2Error(
      'InstanceLimitExceeded',
      `You have requested more instances (${maxCount}) than your current instance limit of ${MAX_LIVE_INSTANCES} allows for the specified instance type. Please visit http://aws.amazon.com/contact-us/ec2-request to request an adjustment to this limit.`,
    );
  }
  const room = MAX_LIVE_INSTANCES - ctx.state.liveCount();
  if (minCount > room) {
    throw new Ec2Error(
      'InstanceLimitExceeded',
      `Your quota allows for ${room} more running instance(s). You requested at least ${minCount}.`,
    );
  }
  const userData = q.get('UserData');
  if (userData !== undefined) {
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(userData))
      throw new Ec2Error('InvalidParameterValue', 'Invalid BASE64 encoding of user data.');
    if (Buffer.from(userData, 'base64').length > USER_DATA_LIMIT) {
      throw new Ec2Error('InvalidParameterValue', `User data is limited to ${USER_DATA_LIMIT} bytes`);
    }
  }
  const devices = blockDevices(q, imageId);
  const behavior = q.get('InstanceInitiatedShutdownBehavior') ?? 'stop';
  if (behavior !== 'stop' && behavior !== 'terminate') {
    throw new Ec2Error(
      'InvalidParameterValue',
      `Value (${behavior}) for parameter instanceInitiatedShutdownBehavior is invalid.`,
    );
  }
  const tags: Record<string, string> = {};
  for (const i of q.indexes('TagSpecification')) {
    const type = q.get(`TagSpecification.${i}.ResourceType`);
    if (type !== 'instance') continue;
    Object.assign(tags, q.tags(`TagSpecification.${i}.Tag`));
  }
  checkTags(tags);
  const securityGroupIds = q.list('SecurityGroupId');
  for (const sg of securityGroupIds) {
    if (!/^sg-[0-9a-z]+$/.test(sg))
      throw new Ec2Error('InvalidGroupId.Malformed', `Invalid id: "${sg}" (expecting "sg-...")`);
    if (!ctx.state.securityGroups.has(sg))
      throw new Ec2Error('InvalidGroup.NotFound', `The security group '${sg}' does not exist`);
  }
  const subnet = launchSubnet(ctx.region, q.get('SubnetId'));
  const profileName = q.get('IamInstanceProfile.Name');
  const profileArn = q.get('IamInstanceProfile.Arn');
  if (profileName !== undefined && !ctx.instanceProfiles.includes(profileName)) {
    throw new Ec2Error(
      'InvalidParameterValue',
      `Value (${profileName}) for parameter iamInstanceProfile.name is invalid. Invalid IAM Instance Profile name`,
    );
  }
  if (
    profileArn !== undefined &&
    !ctx.instanceProfiles.some((p) => profileArn === `arn:aws:iam::${SANDBOX_ACCOUNT_ID}:instance-profile/${p}`)
  ) {
    throw new Ec2Error(
      'InvalidParameterValue',
      `Value (${profileArn}) for parameter iamInstanceProfile.arn is invalid. Invalid IAM Instance Profile ARN`,
    );
  }
  const market = marketOptions(q, instanceType, subnet.availabilityZone);
  // A `capacity` fault: EC2 has no room for this type in this market right now (retryable, as on AWS).
  const refused = ctx.faults.pick({ service: 'ec2', operation: 'RunInstances', market: market.market, instanceType }, [
    'capacity',
  ]);
  if (refused) {
    const code = refused.code ?? 'InsufficientInstanceCapacity';
    throw new Ec2Error(
      code,
      code === 'MaxSpotInstanceCountExceeded'
        ? 'Max spot instance count exceeded'
        : `We currently do not have sufficient ${instanceType} capacity in the Availability Zone you requested (${subnet.availabilityZone}). Our system will be working on provisioning additional capacity.`,
      500,
    );
  }
  const request: RunRequest = {
    market,
    imageId,
    instanceType,
    keyName,
    minCount,
    // Beyond the quota, EC2 launches the largest number above MinCount it can.
    maxCount: Math.min(maxCount, room),
    userData,
    tags,
    iamInstanceProfile: profileName || profileArn ? { name: profileName, arn: profileArn } : undefined,
    shutdownBehavior: behavior,
    metadataOptions: {
      httpTokens: q.get('MetadataOptions.HttpTokens') ?? 'optional',
      httpEndpoint: q.get('MetadataOptions.HttpEndpoint') ?? 'enabled',
      httpPutResponseHopLimit: Number(q.get('MetadataOptions.HttpPutResponseHopLimit') ?? 1),
    },
    monitoring: q.get('Monitoring.Enabled') === 'true',
    securityGroupIds,
    subnet,
    clientToken: q.get('ClientToken'),
    blockDevices: devices,
  };
  const created = ctx.state.run(request);
  const first = created[0] as Instance;
  return toXml({
    reservationId: first.reservationId,
    ownerId: SANDBOX_ACCOUNT_ID,
    groupSet: [],
    instancesSet: items(created.map((i) => instanceXml(ctx, i))),
  });
}

function describeInstances(ctx: Ec2Context, q: QueryParams): string {
  const ids = q.list('InstanceId');
  const maxResults = q.get('MaxResults');
  if (maxResults !== undefined && ids.length > 0) {
    throw new Ec2Error(
      'InvalidParameterCombination',
      'The parameter instancesSet cannot be used with the parameter maxResults',
    );
  }
  const named = ids.length ? ids.map((id) => ctx.state.get(id)) : [...ctx.state.instances.values()];
  const instances = applyFilters(named, q, INSTANCE_FILTERS);
  let offset = 0;
  const token = q.get('NextToken');
  if (token !== undefined) {
    const m = /^page:(\d+)$/.exec(Buffer.from(token, 'base64').toString('utf8'));
    if (!m) throw new Ec2Error('InvalidParameterValue', 'The token provided is invalid.');
    offset = Number(m[1]);
  }
  let page = instances.slice(offset);
  let nextToken: string | undefined;
  if (maxResults !== undefined) {
    const n = Number(maxResults);
    if (!Number.isInteger(n) || n < 5 || n > 1000) {
      throw new Ec2Error(
        'InvalidParameterValue',
        `Value ( ${maxResults} ) for parameter maxResults is invalid. Parameter may not be less than 5 or greater than 1000`,
      );
    }
    if (page.length > n) nextToken = Buffer.from(`page:${offset + n}`).toString('base64');
    page = page.slice(0, n);
  }
  const reservations = new Map<string, Instance[]>();
  for (const i of page) reservations.set(i.reservationId, [...(reservations.get(i.reservationId) ?? []), i]);
  const set = [...reservations.entries()].map(([reservationId, list]) => ({
    reservationId,
    ownerId: SANDBOX_ACCOUNT_ID,
    groupSet: [],
    instancesSet: items(list.map((i) => instanceXml(ctx, i))),
  }));
  return toXml({ reservationSet: items(set), nextToken });
}

function terminateInstances(ctx: Ec2Context, q: QueryParams): string {
  const ids = q.list('InstanceId');
  if (ids.length === 0) throw new Ec2Error('MissingParameter', 'The request must contain the parameter InstanceId');
  const changes = ctx.state.terminate(ids);
  return toXml({
    instancesSet: items(
      changes.map(({ instance, previous }) => ({
        instanceId: instance.instanceId,
        currentState: { code: STATE_CODES[instance.state], name: instance.state },
        previousState: { code: STATE_CODES[previous], name: previous },
      })),
    ),
  });
}

function describeInstanceAttribute(ctx: Ec2Context, q: QueryParams): string {
  const instance = ctx.state.get(required(q, 'InstanceId'));
  const attribute = required(q, 'Attribute');
  const value: XmlNode =
    attribute === 'userData'
      ? { userData: instance.userData === undefined ? {} : { value: instance.userData } }
      : attribute === 'instanceType'
        ? { instanceType: { value: instance.instanceType } }
        : attribute === 'instanceInitiatedShutdownBehavior'
          ? { instanceInitiatedShutdownBehavior: { value: instance.shutdownBehavior } }
          : {};
  if (Object.keys(value).length === 0) {
    throw new Ec2Error(
      'InvalidParameterValue',
      `Value (${attribute}) for parameter attribute is invalid. Unknown attribute.`,
    );
  }
  return toXml({ instanceId: instance.instanceId, ...value });
}

function instanceXml(ctx: Ec2Context, i: Instance): XmlNode {
  return {
    instanceId: i.instanceId,
    imageId: i.imageId,
    instanceState: { code: STATE_CODES[i.state], name: i.state },
    privateDnsName: `ip-${i.privateIpAddress.replace(/\./g, '-')}.ec2.internal`,
    dnsName: i.publicIpAddress ? `ec2-${i.publicIpAddress.replace(/\./g, '-')}.compute-1.amazonaws.com` : '',
    ipAddress: i.publicIpAddress,
    reason: i.stateTransitionReason,
    keyName: i.keyName,
    amiLaunchIndex: i.amiLaunchIndex,
    instanceType: i.instanceType,
    launchTime: i.launchTime.toISOString(),
    placement: { availabilityZone: i.availabilityZone, tenancy: 'default' },
    platform: 'windows',
    platformDetails: 'Windows',
    monitoring: { state: i.monitoring ? 'enabled' : 'disabled' },
    subnetId: i.subnetId,
    vpcId: SANDBOX_VPC_ID,
    privateIpAddress: i.privateIpAddress,
    groupSet: items(
      i.securityGroupIds.map((g) => ({ groupId: g, groupName: ctx.state.securityGroups.get(g)?.groupName ?? g })),
    ),
    stateReason: i.stateReason ? { code: i.stateReason.code, message: i.stateReason.message } : undefined,
    architecture: 'x86_64',
    rootDeviceType: 'ebs',
    rootDeviceName: '/dev/sda1',
    iamInstanceProfile: i.iamInstanceProfile
      ? {
          arn:
            i.iamInstanceProfile.arn ??
            `arn:aws:iam::${SANDBOX_ACCOUNT_ID}:instance-profile/${i.iamInstanceProfile.name ?? ''}`,
          id: 'AIPASANDBOX00000000001',
        }
      : undefined,
    tagSet: i.tags.size ? items([...i.tags.entries()].map(([key, value]) => ({ key, value }))) : undefined,
    instanceLifecycle: i.lifecycle,
    spotInstanceRequestId: i.spotInstanceRequestId,
    virtualizationType: 'hvm',
    metadataOptions: {
      state: 'applied',
      httpTokens: i.metadataOptions.httpTokens,
      httpPutResponseHopLimit: i.metadataOptions.httpPutResponseHopLimit,
      httpEndpoint: i.metadataOptions.httpEndpoint,
    },
  };
}

/** DescribeInstances' filters (EC2 API Reference), with wildcards. */
const INSTANCE_FILTERS = {
  fields: {
    'tag-key': (i) => [...i.tags.keys()],
    'tag-value': (i) => [...i.tags.values()],
    'instance-state-name': (i) => i.state,
    'instance-state-code': (i) => String(STATE_CODES[i.state]),
    'instance-id': (i) => i.instanceId,
    'image-id': (i) => i.imageId,
    'instance-type': (i) => i.instanceType,
    'key-name': (i) => i.keyName,
    'reservation-id': (i) => i.reservationId,
    'instance-lifecycle': (i) => i.lifecycle,
  },
  named: (name) => (name.startsWith('tag:') ? (i) => i.tags.get(name.slice(4)) : undefined),
  match: wildcardMatch,
} as const satisfies FilterRules<Instance>;
