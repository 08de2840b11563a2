// What a launch needs to know about AMI_ID: its root device and the size of the root snapshot (DescribeImages),
// so the root volume can be sized without going below it (src/core/rootVolume.ts).
import type { EC2Client } from '@aws-sdk/client-ec2';
import type { ImageRoot } from '../core/rootVolume';
import { ec2Sdk } from './ec2Sdk';

export interface Images {
  /** The image's root device and snapshot size; undefined when the image does not exist. */
  root(imageId: string): Promise<ImageRoot | undefined>;
}

export class Ec2Images implements Images {
  constructor(private readonly ec2: EC2Client) {}

  async root(imageId: string): Promise<ImageRoot | undefined> {
    let images;
    try {
      images = (await this.ec2.send(new (ec2Sdk().DescribeImagesCommand)({ ImageIds: [imageId] }))).Images ?? [];
    } catch (e) {
      if (/^InvalidAMIID\./.test((e as { name?: string }).name ?? '')) return undefined;
      throw e;
    }
    const image = images.find((i) => i.ImageId === imageId);
    if (!image?.RootDeviceName) return undefined;
    const root = (image.BlockDeviceMappings ?? []).find((m) => m.DeviceName === image.RootDeviceName);
    return { deviceName: image.RootDeviceName, snapshotGb: root?.Ebs?.VolumeSize ?? 0 };
  }
}
