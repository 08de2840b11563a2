// EC2 Query API 2016-11-15: the instance, tag, key-pair, image and region operations the project uses.
import type { ErrorKind, Exchange, WireError } from '../exchange';
import type { Faults } from '../faults';
import { blockDevices, SANDBOX_ROOT_DEVICE, SANDBOX_SNAPSHOT_GB, snapshotIdOf } from './blockDevices';
import { items, toXml, xmlDocument, type XmlNode } from '../xml';
import { QueryParams, wildcardMatch } from './query';
import {
  authorizeSecurityGroupIngress,
  describeSecurityGroups,
  getConsoleOutput,
  getConsoleScreenshot,
  getPasswordData,
} from './diagnostics';
import { defaultSecurityGroup, SANDBOX_DEFAULT_GROUP_ID, SANDBOX_VPC_ID } from './securityGroups';
import { describeSpotPriceHistory, marketOptions } from './spot';
import { Ec2Error, STATE_CODES, type Ec2State, type Instance, type RunRequest } from './state';

const EC2_NS = 'http://ec2.amazonaws.com/doc/2016-11-15/';
export const SANDBOX_ACCOUNT_ID = '123456789012';
const USER_DATA_LIMIT = 16 * 1024;
const REGIONS = ['us-east-1', 'us-east-2', 'us-west-1', 'us-west-2', 'sa-east-1', 'eu-west-1'];

/** Instances not terminated (pending, running, stopping, stopped, shutting-down) the sandbox account may have. */
export const MAX_LIVE_INSTANCES = 20;

const SANDBOX_IMAGE_CREATED = '2026-11-12T00:00:00.000Z';

export class Ec2Handler {
  constructor(
    private readonly state: Ec2State,
    private readonly faults: Faults,
    private readonly region: string,
    /** The IAM instance profiles of the emulated account: RunInstances refuses any other, as EC2 does. */
    private readonly instanceProfiles: readonly string[],
  ) {
    if (!state.securityGroups.has(SANDBOX_DEFAULT_GROUP_ID))
      state.securityGroups.set(SANDBOX_DEFAULT_GROUP_ID, defaultSecurityGroup(SANDBOX_ACCOUNT_ID));
  }

  async handle(ex: Exchange, params: URLSearchParams): Promise<void> {
    const action = params.get('Action') ?? '';
    const admitted = await ex.admit(this.faults, { service: 'ec2', operation: action }, ec2ErrorReply);
    if (!admitted) return;
    const q = new QueryParams(params);
    try {
      if (q.get('DryRun') === 'true') {
        throw new Ec2Error('DryRunOperation', 'Request would have succeeded, but DryRun flag is set.', 412);
      }
      const body = await this.dispatch(action, q);
      const xml = xmlDocument(`${action}Response`, toXml({ requestId: ex.requestId }) + body, EC2_NS);
      await ex.send(200, { 'content-type': 'text/xml;charset=UTF-8' }, xml);
    } catch (e) {
      if (e instanceof Ec2Error) return sendError(ex, e.status, e.code, e.message);
      return sendError(ex, 500, 'InternalError', 'An internal error has occurred');
    }
  }

  private async dispatch(action: string, q: QueryParams): Promise<string> {
    switch (action) {
      case 'RunInstances':
        return this.runInstances(q);
      case 'DescribeInstances':
        return this.describeInstances(q);
      case 'TerminateInstances':
        return this.terminateInstances(q);
      case 'CreateTags':
        return this.createTags(q);
      case 'DescribeTags':
        return this.describeTags(q);
      case 'CreateKeyPair':
        return this.createKeyPair(q);
      case 'DescribeKeyPairs':
        return this.describeKeyPairs(q);
      case 'DeleteKeyPair': {
        const name = q.get('KeyName');
        if (name !== undefined) this.state.keyPairs.delete(name);
        return toXml({ return: true });
      }
      case 'DescribeImages':
        return this.describeImages(q);
      case 'DescribeInstanceAttribute':
        return this.describeInstanceAttribute(q);
      case 'GetPasswordData':
        return getPasswordData(this.state, q);
      case 'GetConsoleOutput':
        return getConsoleOutput(this.state, q);
      case 'GetConsoleScreenshot':
        return getConsoleScreenshot(this.state, q);
      case 'DescribeSecurityGroups':
        return describeSecurityGroups(this.state, q);
      case 'AuthorizeSecurityGroupIngress':
        return authorizeSecurityGroupIngress(this.state, q, SANDBOX_ACCOUNT_ID);
      case 'DescribeSpotPriceHistory':
        return describeSpotPriceHistory(q, this.region);
      case 'DescribeRegions':
        return toXml({
          regionInfo: items(
            REGIONS.map((r) => ({
              regionName: r,
              regionEndpoint: `ec2.${r}.amazonaws.com`,
              optInStatus: 'opt-in-not-required',
            })),
          ),
        });
      default:
        throw new Ec2Error('InvalidAction', `The action ${action || '(none)'} is not valid for this web service.`);
    }
  }

  private runInstances(q: QueryParams): string {
    const imageId = required(q, 'ImageId');
    if (!/^ami-[0-9a-f]{8}([0-9a-f]{9})?$/.test(imageId))
      throw new Ec2Error('InvalidAMIID.Malformed', `Invalid id: "${imageId}" (expecting "ami-...")`);
    if (!this.state.images.has(imageId))
      throw new Ec2Error('InvalidAMIID.NotFound', `The image id '[${imageId}]' does not exist`);
    const instanceType = q.get('InstanceType') ?? 'm1.small';
    if (!/^[a-z][a-z0-9-]*\.[a-z0-9]+$/.test(instanceType)) {
      throw new Ec2Error('InvalidParameterValue', `Invalid value '${instanceType}' for InstanceType.`);
    }
    const keyName = q.get('KeyName');
    if (keyName !== undefined && !this.state.keyPairs.has(keyName)) {
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
    const room = MAX_LIVE_INSTANCES - this.state.liveCount();
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
      if (!this.state.securityGroups.has(sg))
        throw new Ec2Error('InvalidGroup.NotFound', `The security group '${sg}' does not exist`);
    }
    const subnetId = q.get('SubnetId');
    if (subnetId !== undefined && !/^subnet-[0-9a-z]+$/.test(subnetId)) {
      throw new Ec2Error('InvalidSubnetID.Malformed', `Invalid id: "${subnetId}" (expecting "subnet-...")`);
    }
    const profileName = q.get('IamInstanceProfile.Name');
    const profileArn = q.get('IamInstanceProfile.Arn');
    if (profileName !== undefined && !this.instanceProfiles.includes(profileName)) {
      throw new Ec2Error(
        'InvalidParameterValue',
        `Value (${profileName}) for parameter iamInstanceProfile.name is invalid. Invalid IAM Instance Profile name`,
      );
    }
    if (
      profileArn !== undefined &&
      !this.instanceProfiles.some((p) => profileArn === `arn:aws:iam::${SANDBOX_ACCOUNT_ID}:instance-profile/${p}`)
    ) {
      throw new Ec2Error(
        'InvalidParameterValue',
        `Value (${profileArn}) for parameter iamInstanceProfile.arn is invalid. Invalid IAM Instance Profile ARN`,
      );
    }
    const market = marketOptions(q, instanceType, `${this.region}a`);
    // A `capacity` fault: EC2 has no room for this type in this market right now (retryable, as on AWS).
    const refused = this.faults.pick(
      { service: 'ec2', operation: 'RunInstances', market: market.market, instanceType },
      ['capacity'],
    );
    if (refused) {
      const code = refused.code ?? 'InsufficientInstanceCapacity';
      throw new Ec2Error(
        code,
        code === 'MaxSpotInstanceCountExceeded'
          ? 'Max spot instance count exceeded'
          : `We currently do not have sufficient ${instanceType} capacity in the Availability Zone you requested (${this.region}a). Our system will be working on provisioning additional capacity.`,
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
      subnetId,
      clientToken: q.get('ClientToken'),
      blockDevices: devices,
    };
    const created = this.state.run(request);
    const first = created[0] as Instance;
    return toXml({
      reservationId: first.reservationId,
      ownerId: SANDBOX_ACCOUNT_ID,
      groupSet: [],
      instancesSet: items(created.map((i) => this.instanceXml(i))),
    });
  }

  private describeInstances(q: QueryParams): string {
    const ids = q.list('InstanceId');
    const maxResults = q.get('MaxResults');
    if (maxResults !== undefined && ids.length > 0) {
      throw new Ec2Error(
        'InvalidParameterCombination',
        'The parameter instancesSet cannot be used with the parameter maxResults',
      );
    }
    let instances = ids.length ? ids.map((id) => this.state.get(id)) : [...this.state.instances.values()];
    for (const f of q.filters()) instances = instances.filter((i) => instanceMatches(i, f.name, f.values));
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
      instancesSet: items(list.map((i) => this.instanceXml(i))),
    }));
    return toXml({ reservationSet: items(set), nextToken });
  }

  private terminateInstances(q: QueryParams): string {
    const ids = q.list('InstanceId');
    if (ids.length === 0) throw new Ec2Error('MissingParameter', 'The request must contain the parameter InstanceId');
    const changes = this.state.terminate(ids);
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

  private createTags(q: QueryParams): string {
    const ids = q.list('ResourceId');
    if (ids.length === 0)
      throw new Ec2Error('MissingParameter', 'The request must contain the parameter resourceIdSet');
    const tags = q.tags('Tag');
    checkTags(tags);
    const instances = ids.map((id) => this.state.get(id));
    for (const i of instances) for (const [k, v] of Object.entries(tags)) i.tags.set(k, v);
    return toXml({ return: true });
  }

  private describeTags(q: QueryParams): string {
    let rows = [...this.state.instances.values()].flatMap((i) =>
      [...i.tags.entries()].map(([key, value]) => ({ resourceId: i.instanceId, resourceType: 'instance', key, value })),
    );
    for (const f of q.filters()) {
      const field = f.name === 'resource-id' ? 'resourceId' : f.name === 'resource-type' ? 'resourceType' : f.name;
      if (field !== 'resourceId' && field !== 'resourceType' && field !== 'key' && field !== 'value') {
        throw new Ec2Error('InvalidParameterValue', `The filter '${f.name}' is invalid`);
      }
      rows = rows.filter((r) => f.values.some((v) => wildcardMatch(v, r[field])));
    }
    return toXml({ tagSet: items(rows) });
  }

  private async createKeyPair(q: QueryParams): Promise<string> {
    const name = required(q, 'KeyName');
    if (name.length > 255 || !/^[\x20-\x7e]+$/.test(name)) {
      throw new Ec2Error('InvalidParameterValue', `Value (${name}) for parameter keyName is invalid.`);
    }
    const type = q.get('KeyType') ?? 'rsa';
    if (type !== 'rsa' && type !== 'ed25519')
      throw new Ec2Error('InvalidParameterValue', `Invalid value '${type}' for KeyType.`);
    const { pair, material } = await this.state.createKeyPair(name, type);
    return toXml({
      keyName: pair.keyName,
      keyFingerprint: pair.keyFingerprint,
      keyMaterial: material,
      keyPairId: pair.keyPairId,
    });
  }

  private describeKeyPairs(q: QueryParams): string {
    const names = q.list('KeyName');
    const pairs = names.length
      ? names.map((n) => {
          const p = this.state.keyPairs.get(n);
          if (!p) throw new Ec2Error('InvalidKeyPair.NotFound', `The key pair '${n}' does not exist`);
          return p;
        })
      : [...this.state.keyPairs.values()];
    return toXml({
      keySet: items(
        pairs.map((p) => ({
          keyPairId: p.keyPairId,
          keyName: p.keyName,
          keyFingerprint: p.keyFingerprint,
          keyType: p.keyType,
          createTime: p.createTime.toISOString(),
        })),
      ),
    });
  }

  private describeImages(q: QueryParams): string {
    const ids = q.list('ImageId');
    const images = ids.length
      ? ids.map((id) => {
          const image = this.state.images.get(id);
          if (!image) throw new Ec2Error('InvalidAMIID.NotFound', `The image id '[${id}]' does not exist`);
          return image;
        })
      : [...this.state.images.values()];
    return toXml({
      imagesSet: items(
        images.map((i) => ({
          imageId: i.imageId,
          imageLocation: `amazon/${i.name}`,
          imageState: 'available',
          imageOwnerId: '801119661308',
          // As Amazon's own Windows AMIs: Test Connection judges the launch agent from the owner and build date.
          imageOwnerAlias: 'amazon',
          creationDate: SANDBOX_IMAGE_CREATED,
          isPublic: true,
          architecture: 'x86_64',
          imageType: 'machine',
          platform: 'windows',
          platformDetails: 'Windows',
          name: i.name,
          description: i.description,
          rootDeviceType: 'ebs',
          rootDeviceName: SANDBOX_ROOT_DEVICE,
          blockDeviceMapping: items([
            {
              deviceName: SANDBOX_ROOT_DEVICE,
              ebs: {
                snapshotId: snapshotIdOf(i.imageId),
                volumeSize: SANDBOX_SNAPSHOT_GB,
                deleteOnTermination: true,
                volumeType: 'gp2',
                encrypted: false,
              },
            },
          ]),
          virtualizationType: 'hvm',
        })),
      ),
    });
  }

  private describeInstanceAttribute(q: QueryParams): string {
    const instance = this.state.get(required(q, 'InstanceId'));
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

  private instanceXml(i: Instance): XmlNode {
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
      placement: { availabilityZone: `${this.region}a`, tenancy: 'default' },
      platform: 'windows',
      platformDetails: 'Windows',
      monitoring: { state: i.monitoring ? 'enabled' : 'disabled' },
      subnetId: i.subnetId,
      vpcId: SANDBOX_VPC_ID,
      privateIpAddress: i.privateIpAddress,
      groupSet: items(
        i.securityGroupIds.map((g) => ({ groupId: g, groupName: this.state.securityGroups.get(g)?.groupName ?? g })),
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
}

function instanceMatches(i: Instance, name: string, values: string[]): boolean {
  const any = (actual: string | undefined): boolean =>
    actual !== undefined && values.some((v) => wildcardMatch(v, actual));
  if (name.startsWith('tag:')) return any(i.tags.get(name.slice(4)));
  switch (name) {
    case 'tag-key':
      return [...i.tags.keys()].some((k) => any(k));
    case 'tag-value':
      return [...i.tags.values()].some((v) => any(v));
    case 'instance-state-name':
      return any(i.state);
    case 'instance-state-code':
      return any(String(STATE_CODES[i.state]));
    case 'instance-id':
      return any(i.instanceId);
    case 'image-id':
      return any(i.imageId);
    case 'instance-type':
      return any(i.instanceType);
    case 'key-name':
      return any(i.keyName);
    case 'reservation-id':
      return any(i.reservationId);
    case 'instance-lifecycle':
      return any(i.lifecycle);
    default:
      throw new Ec2Error('InvalidParameterValue', `The filter '${name}' is invalid`);
  }
}

function checkTags(tags: Record<string, string>): void {
  const keys = Object.keys(tags);
  if (keys.length > 50) throw new Ec2Error('TagLimitExceeded', 'The maximum number of tags per resource is 50.');
  for (const k of keys) {
    if (k.toLowerCase().startsWith('aws:'))
      throw new Ec2Error('InvalidParameterValue', `Tag keys starting with 'aws:' are reserved for internal use`);
    if (k.length === 0 || k.length > 128)
      throw new Ec2Error('InvalidParameterValue', `Tag key '${k}' must be 1 to 128 characters`);
  }
}

function required(q: QueryParams, name: string): string {
  const v = q.get(name);
  if (v === undefined || v === '')
    throw new Ec2Error('MissingParameter', `The request must contain the parameter ${name}`);
  return v;
}

export function ec2ErrorXml(code: string, message: string, requestId: string): string {
  return xmlDocument('Response', toXml({ Errors: { Error: { Code: code, Message: message } }, RequestID: requestId }));
}

function sendError(ex: Exchange, status: number, code: string, message: string): Promise<void> {
  return ex.send(status, { 'content-type': 'text/xml;charset=UTF-8' }, ec2ErrorXml(code, message, ex.requestId));
}

export function ec2ErrorReply(kind: ErrorKind): WireError {
  const [status, code, message] =
    kind === 'throttle'
      ? [503, 'RequestLimitExceeded', 'Request limit exceeded.']
      : kind === 'denied'
        ? [403, 'UnauthorizedOperation', 'You are not authorized to perform this operation (sandbox fault).']
        : [500, 'InternalError', 'An internal error has occurred'];
  return { status, contentType: 'text/xml;charset=UTF-8', body: ec2ErrorXml(code, message, 'sandbox-fault') };
}
