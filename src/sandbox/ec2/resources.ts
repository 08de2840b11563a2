// EC2 operations on what surrounds the instances: tags (CreateTags, DescribeTags), key pairs (CreateKeyPair,
// DescribeKeyPairs, DeleteKeyPair), images (DescribeImages, the sandbox's Windows image as Amazon publishes its
// own) and DescribeRegions. Shapes and messages from the EC2 API Reference, 2016-11-15.
import { items, toXml, type XmlNode } from '../xml';
import { SANDBOX_ROOT_DEVICE, SANDBOX_SNAPSHOT_GB, snapshotIdOf } from './blockDevices';
import { applyFilters, wildcardMatch, type QueryParams } from './query';
import { checkTags, namedOrAll, required, type Ec2Context, type Ec2Operation } from './request';
import { Ec2Error, type KeyPair, type SandboxImage } from './state';

const REGIONS = ['us-east-1', 'us-east-2', 'us-west-1', 'us-west-2', 'sa-east-1', 'eu-west-1'];
const SANDBOX_IMAGE_CREATED = '2026-11-12T00:00:00.000Z';

export const RESOURCE_OPERATIONS: Readonly<Record<string, Ec2Operation>> = {
  CreateTags: createTags,
  DescribeTags: describeTags,
  CreateKeyPair: createKeyPair,
  DescribeKeyPairs: describeKeyPairs,
  DeleteKeyPair: (ctx, q) => {
    const name = q.get('KeyName');
    if (name !== undefined) ctx.state.keyPairs.delete(name);
    return toXml({ return: true });
  },
  DescribeImages: describeImages,
  DescribeRegions: () =>
    toXml({
      regionInfo: items(
        REGIONS.map((r) => ({
          regionName: r,
          regionEndpoint: `ec2.${r}.amazonaws.com`,
          optInStatus: 'opt-in-not-required',
        })),
      ),
    }),
};

function createTags(ctx: Ec2Context, q: QueryParams): string {
  const ids = q.list('ResourceId');
  if (ids.length === 0) throw new Ec2Error('MissingParameter', 'The request must contain the parameter resourceIdSet');
  const tags = q.tags('Tag');
  checkTags(tags);
  const instances = ids.map((id) => ctx.state.get(id));
  for (const i of instances) for (const [k, v] of Object.entries(tags)) i.tags.set(k, v);
  return toXml({ return: true });
}

function describeTags(ctx: Ec2Context, q: QueryParams): string {
  const all = [...ctx.state.instances.values()].flatMap((i) =>
    [...i.tags.entries()].map(([key, value]) => ({ resourceId: i.instanceId, resourceType: 'instance', key, value })),
  );
  const rows = applyFilters(all, q, {
    fields: {
      'resource-id': (r) => r.resourceId,
      'resource-type': (r) => r.resourceType,
      key: (r) => r.key,
      value: (r) => r.value,
    },
    match: wildcardMatch,
  });
  return toXml({ tagSet: items(rows) });
}

async function createKeyPair(ctx: Ec2Context, q: QueryParams): Promise<string> {
  const name = required(q, 'KeyName');
  if (name.length > 255 || !/^[\x20-\x7e]+$/.test(name)) {
    throw new Ec2Error('InvalidParameterValue', `Value (${name}) for parameter keyName is invalid.`);
  }
  const type = q.get('KeyType') ?? 'rsa';
  if (type !== 'rsa' && type !== 'ed25519')
    throw new Ec2Error('InvalidParameterValue', `Invalid value '${type}' for KeyType.`);
  const { pair, material } = await ctx.state.createKeyPair(name, type);
  return toXml({
    keyName: pair.keyName,
    keyFingerprint: pair.keyFingerprint,
    keyMaterial: material,
    keyPairId: pair.keyPairId,
  });
}

const keyPairNotFound = (name: string): Ec2Error =>
  new Ec2Error('InvalidKeyPair.NotFound', `The key pair '${name}' does not exist`);
const imageNotFound = (id: string): Ec2Error =>
  new Ec2Error('InvalidAMIID.NotFound', `The image id '[${id}]' does not exist`);

const keyPairXml = (p: KeyPair): XmlNode => ({
  keyPairId: p.keyPairId,
  keyName: p.keyName,
  keyFingerprint: p.keyFingerprint,
  keyType: p.keyType,
  createTime: p.createTime.toISOString(),
});

function describeKeyPairs(ctx: Ec2Context, q: QueryParams): string {
  const pairs = namedOrAll(q.list('KeyName'), ctx.state.keyPairs, keyPairNotFound);
  return toXml({ keySet: items(pairs.map(keyPairXml)) });
}

function describeImages(ctx: Ec2Context, q: QueryParams): string {
  const images = namedOrAll(q.list('ImageId'), ctx.state.images, imageNotFound);
  return toXml({ imagesSet: items(images.map(imageXml)) });
}

function imageXml(i: SandboxImage): XmlNode {
  return {
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
  };
}
