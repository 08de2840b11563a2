// The AWS SDK packages, loaded on first use: evaluating them when a bundle starts cost most of the extension's
// activation and of every CLI command's start-up (bench), although activation itself calls no AWS API.
// `import type` from the packages stays free. Where the code lives in the bundles: sdkPackages.ts.
/* eslint-disable @typescript-eslint/no-require-imports -- deliberately lazy, see above */
import type * as S3 from '@aws-sdk/client-s3';
import type * as Logs from '@aws-sdk/client-cloudwatch-logs';
import type * as Sts from '@aws-sdk/client-sts';
import type * as CredentialProviders from '@aws-sdk/credential-providers';
import type * as LibStorage from '@aws-sdk/lib-storage';
import type * as Sfn from '@aws-sdk/client-sfn';
import type * as Presigner from '@aws-sdk/s3-request-presigner';
import type * as CloudFormation from '@aws-sdk/client-cloudformation';
import type * as Pricing from '@aws-sdk/client-pricing';
import type * as Scheduler from '@aws-sdk/client-scheduler';
import type * as Ssm from '@aws-sdk/client-ssm';
import type { SdkPackages } from './sdkPackages';

let packages: SdkPackages | undefined;
/** The module (or, in the extension and CLI bundles, the separate dist/aws-sdk.js) read on the first call. */
export function sdkPackages(): SdkPackages {
  packages ??= (require('./sdkPackages') as { sdkPackages: SdkPackages }).sdkPackages;
  return packages;
}

let s3: typeof S3 | undefined;
let logs: typeof Logs | undefined;
let sts: typeof Sts | undefined;
let credentialProviders: typeof CredentialProviders | undefined;
let libStorage: typeof LibStorage | undefined;
let sfn: typeof Sfn | undefined;
let presigner: typeof Presigner | undefined;
let cloudFormation: typeof CloudFormation | undefined;
let pricing: typeof Pricing | undefined;
let scheduler: typeof Scheduler | undefined;
let ssm: typeof Ssm | undefined;

export const s3Sdk = (): typeof S3 => (s3 ??= sdkPackages().s3());
export const logsSdk = (): typeof Logs => (logs ??= sdkPackages().logs());
export const stsSdk = (): typeof Sts => (sts ??= sdkPackages().sts());
export const credentialProvidersSdk = (): typeof CredentialProviders =>
  (credentialProviders ??= sdkPackages().credentialProviders());
export const libStorageSdk = (): typeof LibStorage => (libStorage ??= sdkPackages().libStorage());
export const sfnSdk = (): typeof Sfn => (sfn ??= sdkPackages().sfn());
export const presignerSdk = (): typeof Presigner => (presigner ??= sdkPackages().presigner());
export const cloudFormationSdk = (): typeof CloudFormation => (cloudFormation ??= sdkPackages().cloudFormation());
export const pricingSdk = (): typeof Pricing => (pricing ??= sdkPackages().pricing());
export const schedulerSdk = (): typeof Scheduler => (scheduler ??= sdkPackages().scheduler());
export const ssmSdk = (): typeof Ssm => (ssm ??= sdkPackages().ssm());
