// RunInstances BlockDeviceMapping.N as EC2 checks it for the sandbox image, whose root is a 30 GiB snapshot on
// /dev/sda1 like Amazon's Windows Server AMIs. EC2 API Reference, BlockDeviceMapping and EbsBlockDevice: VolumeType
// standard|io1|io2|gp2|sc1|st1|gp3; gp3 from 1 to 16,384 GiB; a volume made from a snapshot may not be smaller
// than it. EC2's own wording, as RunInstances answers it (reported verbatim in aws/karpenter-provider-aws#3302,
// openshift/origin-ci-tool#153, scylladb/scylladb#6999; the API reference lists InvalidBlockDeviceMapping without
// its text), with its two spaces before "snapshot":
// InvalidBlockDeviceMapping "Volume of size NGB is smaller than  snapshot 'snap-…', expect size >= NGB".
import type { QueryParams } from './query';
import { Ec2Error } from './state';

export const SANDBOX_ROOT_DEVICE = '/dev/sda1';
export const SANDBOX_SNAPSHOT_GB = 30;

export interface BlockDevice {
  deviceName: string;
  volumeSize: number;
  volumeType: string;
  deleteOnTermination: boolean;
}

const VOLUME_TYPES = ['standard', 'io1', 'io2', 'gp2', 'sc1', 'st1', 'gp3'];
/** Size limits per type in GiB (EBS volume types, "Volume size"). */
const SIZE_LIMITS: Record<string, [number, number]> = {
  standard: [1, 1024],
  io1: [4, 16_384],
  io2: [4, 65_536],
  gp2: [1, 16_384],
  gp3: [1, 16_384],
  sc1: [125, 16_384],
  st1: [125, 16_384],
};

export function snapshotIdOf(imageId: string): string {
  return `snap-${imageId.slice(4).padEnd(17, '0').slice(0, 17)}`;
}

/** The instance's volumes: the image's root (resized as asked) and any new volume the request adds. */
export function blockDevices(q: QueryParams, imageId: string): BlockDevice[] {
  const root: BlockDevice = {
    deviceName: SANDBOX_ROOT_DEVICE,
    volumeSize: SANDBOX_SNAPSHOT_GB,
    volumeType: 'gp2',
    deleteOnTermination: true,
  };
  const extra: BlockDevice[] = [];
  const seen = new Set<string>();
  for (const i of q.indexes('BlockDeviceMapping')) {
    const at = (field: string): string | undefined => q.get(`BlockDeviceMapping.${i}.${field}`);
    const deviceName = at('DeviceName');
    if (!deviceName) throw new Ec2Error('MissingParameter', 'The request must contain the parameter deviceName');
    if (seen.has(deviceName))
      throw new Ec2Error(
        'InvalidBlockDeviceMapping',
        `The device '${deviceName}' is used in more than one block-device mapping`,
      );
    seen.add(deviceName);
    const isRoot = deviceName === SANDBOX_ROOT_DEVICE;
    const sizeText = at('Ebs.VolumeSize');
    const type = at('Ebs.VolumeType') ?? (isRoot ? root.volumeType : 'gp2');
    if (!VOLUME_TYPES.includes(type))
      throw new Ec2Error('InvalidParameterValue', `Value (${type}) for parameter volumeType is invalid.`);
    const size = sizeText === undefined ? (isRoot ? SANDBOX_SNAPSHOT_GB : undefined) : Number(sizeText);
    if (size === undefined)
      throw new Ec2Error(
        'InvalidBlockDeviceMapping',
        `The volume size is required for ${deviceName}: it has no snapshot.`,
      );
    if (!Number.isInteger(size))
      throw new Ec2Error('InvalidParameterValue', `Value (${sizeText ?? ''}) for parameter volumeSize is invalid.`);
    if (isRoot && size < SANDBOX_SNAPSHOT_GB) {
      throw new Ec2Error(
        'InvalidBlockDeviceMapping',
        `Volume of size ${size}GB is smaller than  snapshot '${snapshotIdOf(imageId)}', expect size >= ${SANDBOX_SNAPSHOT_GB}GB`,
      );
    }
    const [min, max] = SIZE_LIMITS[type] ?? [1, 16_384];
    if (size < min || size > max) {
      throw new Ec2Error(
        'InvalidParameterValue',
        `Volume of ${size}GiB is out of range for volume type ${type}: it must be between ${min} and ${max}GiB.`,
      );
    }
    const device: BlockDevice = {
      deviceName,
      volumeSize: size,
      volumeType: type,
      deleteOnTermination: (at('Ebs.DeleteOnTermination') ?? 'true') === 'true',
    };
    if (isRoot) Object.assign(root, device);
    else extra.push(device);
  }
  return [root, ...extra];
}
