// @aws-sdk/client-ec2 is by far the heaviest package in our bundles: loading it costs ~70 MB of memory and most
// of a command's start-up (bench: the CLI at rest 153 MB with it, ~60 MB without). It is loaded on first use,
// so what never talks to EC2 (get-log-stream, check-inputs, the Logs view) never pays for it.
import type * as Ec2Sdk from '@aws-sdk/client-ec2';
import { sdkPackages } from './sdk';

let sdk: typeof Ec2Sdk | undefined;

export function ec2Sdk(): typeof Ec2Sdk {
  sdk ??= sdkPackages().ec2();
  return sdk;
}
