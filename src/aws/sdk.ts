// The other AWS SDK packages, loaded on first use like EC2 (ec2Sdk.ts): evaluating them when a bundle starts
// cost most of the extension's activation and of every CLI command's start-up (bench), although activation
// itself calls no AWS API. `import type` from the packages stays free.
/* eslint-disable @typescript-eslint/no-require-imports -- deliberately lazy, see above */
import type * as S3 from '@aws-sdk/client-s3';
import type * as Logs from '@aws-sdk/client-cloudwatch-logs';
import type * as Sts from '@aws-sdk/client-sts';
import type * as CredentialProviders from '@aws-sdk/credential-providers';
import type * as LibStorage from '@aws-sdk/lib-storage';

let s3: typeof S3 | undefined;
let logs: typeof Logs | undefined;
let sts: typeof Sts | undefined;
let credentialProviders: typeof CredentialProviders | undefined;
let libStorage: typeof LibStorage | undefined;

export const s3Sdk = (): typeof S3 => (s3 ??= require('@aws-sdk/client-s3') as typeof S3);
export const logsSdk = (): typeof Logs => (logs ??= require('@aws-sdk/client-cloudwatch-logs') as typeof Logs);
export const stsSdk = (): typeof Sts => (sts ??= require('@aws-sdk/client-sts') as typeof Sts);
export const credentialProvidersSdk = (): typeof CredentialProviders =>
  (credentialProviders ??= require('@aws-sdk/credential-providers') as typeof CredentialProviders);
export const libStorageSdk = (): typeof LibStorage => (libStorage ??= require('@aws-sdk/lib-storage') as typeof LibStorage);
