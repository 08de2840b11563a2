// A presigned GET link to one day's zip, to share with someone who has no AWS access. SigV4 presigned URLs live
// at most 7 days (604800 s: `aws s3 presign --expires-in`, AWS CLI reference), and no longer than the
// credentials that signed them (temporary credentials end the link early).
import type { S3Client } from '@aws-sdk/client-s3';
import { UserError } from '../core/errors';
import { t } from '../core/i18n';
import { MAX_PRESIGN_SECONDS } from '../core/downloadPlan';
import { bucketError } from './awsErrors';
import { presignerSdk, s3Sdk } from './sdk';
import type { Storage } from './storage';

interface ShareLink {
  url: string;
  key: string;
  expiresAt: Date;
}

export async function shareLink(
  s3: S3Client,
  storage: Storage,
  bucket: string,
  date: string,
  expiresInSeconds: number,
): Promise<ShareLink> {
  const key = `${date}.zip`;
  const found = await storage.head(bucket, key).catch((e: unknown) => {
    throw bucketError(e, bucket, 'OUTPUT_DATA_BUCKET_NAME');
  });
  if (!found) throw new UserError(t('diagnose.outputs.missing', { date, file: key, bucket }));
  const expiresIn = Math.min(expiresInSeconds, MAX_PRESIGN_SECONDS);
  const url = await presignerSdk().getSignedUrl(s3, new (s3Sdk().GetObjectCommand)({ Bucket: bucket, Key: key }), {
    expiresIn,
  });
  return { url, key, expiresAt: new Date(Date.now() + expiresIn * 1000) };
}
