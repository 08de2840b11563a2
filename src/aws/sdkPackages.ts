// Every AWS SDK package our adapters use, each behind a function so none is evaluated before it is needed.
// The extension and CLI bundles do not inline this module: scripts/build.mjs builds it as its own file,
// dist/aws-sdk.js, which is read only on the first AWS call. Loading the extension then parses ~0.5 MB
// instead of ~4.5 MB (bench: activation). Unbundled (tests) it is an ordinary module.
/* eslint-disable @typescript-eslint/no-require-imports -- deliberately lazy, see above */
import type * as S3 from '@aws-sdk/client-s3';
import type * as Logs from '@aws-sdk/client-cloudwatch-logs';
import type * as Sts from '@aws-sdk/client-sts';
import type * as Ec2 from '@aws-sdk/client-ec2';
import type * as CredentialProviders from '@aws-sdk/credential-providers';
import type * as LibStorage from '@aws-sdk/lib-storage';
import type * as Sfn from '@aws-sdk/client-sfn';
import type * as Presigner from '@aws-sdk/s3-request-presigner';
import type * as CloudFormation from '@aws-sdk/client-cloudformation';
import type * as Pricing from '@aws-sdk/client-pricing';
import type * as Scheduler from '@aws-sdk/client-scheduler';
import type * as Ssm from '@aws-sdk/client-ssm';

export const sdkPackages = {
  s3: (): typeof S3 => require('@aws-sdk/client-s3') as typeof S3,
  logs: (): typeof Logs => require('@aws-sdk/client-cloudwatch-logs') as typeof Logs,
  sts: (): typeof Sts => require('@aws-sdk/client-sts') as typeof Sts,
  ec2: (): typeof Ec2 => require('@aws-sdk/client-ec2') as typeof Ec2,
  credentialProviders: (): typeof CredentialProviders =>
    require('@aws-sdk/credential-providers') as typeof CredentialProviders,
  libStorage: (): typeof LibStorage => require('@aws-sdk/lib-storage') as typeof LibStorage,
  sfn: (): typeof Sfn => require('@aws-sdk/client-sfn') as typeof Sfn,
  cloudFormation: (): typeof CloudFormation => require('@aws-sdk/client-cloudformation') as typeof CloudFormation,
  pricing: (): typeof Pricing => require('@aws-sdk/client-pricing') as typeof Pricing,
  scheduler: (): typeof Scheduler => require('@aws-sdk/client-scheduler') as typeof Scheduler,
  ssm: (): typeof Ssm => require('@aws-sdk/client-ssm') as typeof Ssm,
  presigner: (): typeof Presigner => require('@aws-sdk/s3-request-presigner') as typeof Presigner,
};

export type SdkPackages = typeof sdkPackages;
