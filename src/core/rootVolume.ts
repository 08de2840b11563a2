// The root volume of a machine: ROOT_VOLUME_GB when set, else sized from the day's inputs, never below the image's
// snapshot (RunInstances refuses a smaller volume with InvalidBlockDeviceMapping, "Volume of size N is smaller than
// snapshot"). gp3 and deleted with the machine (EC2 API Reference, BlockDeviceMapping / EbsBlockDevice: gp3 takes
// 1-16,384 GiB; DeleteOnTermination). The cost estimate prices the same number: use `plannedRootVolumeGb`.
import { UserError } from './errors';
import { t } from './i18n';

const GIB = 1024 ** 3;

/**
 * Disk the agent needs per byte of compressed input: the gzip'd daily files and the PO zip are unpacked (text
 * compresses about 8:1 with gzip), then the executable writes its outputs (at most as much again) and they are
 * zipped before upload. 16 x the compressed inputs covers both; the agent checks free space against it.
 */
export const DISK_FACTOR = 16;
/** Free space kept on top of that for Windows itself (updates, page file growth, logs). */
export const DISK_MARGIN_GB = 5;
/** Amazon's Windows Server AMIs have a 30 GiB root snapshot; used when the image is not known yet. */
export const DEFAULT_SNAPSHOT_GB = 30;
/** gp3 limits (EC2 User Guide, "Amazon EBS General Purpose SSD volumes"). */
export const GP3_MAX_GB = 16_384;

export interface ImageRoot {
  /** DescribeImages RootDeviceName, e.g. /dev/sda1 on Windows AMIs. */
  deviceName: string;
  /** The root snapshot's size in GiB (BlockDeviceMappings[root].Ebs.VolumeSize). */
  snapshotGb: number;
}

export interface BlockDeviceMapping {
  DeviceName: string;
  Ebs: { VolumeSize: number; VolumeType: 'gp3'; DeleteOnTermination: true };
}

/** Bytes of free disk the agent needs for inputs of this compressed size. */
export function requiredDiskBytes(compressedInputBytes: number): number {
  return compressedInputBytes * DISK_FACTOR;
}

/**
 * The size to launch with: ROOT_VOLUME_GB as given (refused when below the image's snapshot, naming the key), else
 * the snapshot plus what the inputs need plus the margin, capped at gp3's maximum.
 */
export function plannedRootVolumeGb(options: {
  configuredGb?: number;
  snapshotGb?: number;
  compressedInputBytes?: number;
}): number {
  const snapshot = options.snapshotGb ?? DEFAULT_SNAPSHOT_GB;
  if (options.configuredGb !== undefined) {
    if (options.configuredGb < snapshot)
      throw new UserError(t('deadline.volume.belowSnapshot', { size: options.configuredGb, snapshot }), 2);
    return options.configuredGb;
  }
  const needed = Math.ceil(requiredDiskBytes(options.compressedInputBytes ?? 0) / GIB);
  return Math.min(GP3_MAX_GB, snapshot + needed + DISK_MARGIN_GB);
}

export function rootBlockDevice(root: ImageRoot, sizeGb: number): BlockDeviceMapping {
  return { DeviceName: root.deviceName, Ebs: { VolumeSize: sizeGb, VolumeType: 'gp3', DeleteOnTermination: true } };
}
