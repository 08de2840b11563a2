// Turns the AWS errors a user can fix into one message naming the bucket, key or stream to look at.
import { UserError, errorMessage } from '../core/errors';
import { t } from '../core/i18n';

export function awsErrorName(e: unknown): string {
  return (e as { name?: string })?.name ?? '';
}

export function httpStatus(e: unknown): number | undefined {
  return (e as { $metadata?: { httpStatusCode?: number } })?.$metadata?.httpStatusCode;
}

const DENIED = new Set(['AccessDenied', 'AccessDeniedException', 'UnauthorizedOperation', 'Forbidden']);
const BAD_CREDENTIALS = new Set([
  'InvalidAccessKeyId',
  'SignatureDoesNotMatch',
  'UnrecognizedClientException',
  'AuthFailure',
  'InvalidClientTokenId',
  'ExpiredToken',
  'ExpiredTokenException',
  'IncompleteSignature',
]);

/** Network failures: the endpoint is wrong, down or unreachable. */
function isConnectionError(e: unknown): boolean {
  const code = (e as { code?: string })?.code ?? awsErrorName(e);
  return ['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'TimeoutError'].includes(
    code,
  );
}

/** The fix-it message for errors every adapter can meet, or undefined when the error is specific. */
export function commonAwsProblem(e: unknown): UserError | undefined {
  if (e instanceof UserError) return e;
  const name = awsErrorName(e);
  if (BAD_CREDENTIALS.has(name)) return new UserError(t('aws.badCredentials', { reason: name }));
  if (isConnectionError(e)) return new UserError(t('aws.unreachable', { reason: errorMessage(e) }));
  return undefined;
}

/** For S3 calls on a configured bucket: names the bucket and the .env key that holds it. */
export function bucketError(e: unknown, bucket: string, envKey: string): Error {
  const common = commonAwsProblem(e);
  if (common) return common;
  const name = awsErrorName(e);
  if (name === 'NoSuchBucket') return new UserError(t('aws.noSuchBucket', { bucket, envKey }));
  if (DENIED.has(name) || httpStatus(e) === 403) return new UserError(t('aws.bucketDenied', { bucket, envKey }));
  return e instanceof Error ? e : new Error(String(e));
}

/** For any other call: known problems become a UserError naming the action; the rest stays unexpected. */
export function actionError(e: unknown, action: string): Error {
  const common = commonAwsProblem(e);
  if (common) return common;
  const name = awsErrorName(e);
  if (DENIED.has(name) || httpStatus(e) === 403) return new UserError(t('aws.denied', { action, reason: name }));
  return e instanceof Error ? e : new Error(String(e));
}

/** For writes to the run log group: a missing group names LOG_GROUP. */
export function logGroupError(e: unknown, group: string): Error {
  if (awsErrorName(e) === 'ResourceNotFoundException') return new UserError(t('aws.noLogGroup', { group }));
  return actionError(e, `PutLogEvents (LOG_GROUP ${group})`);
}
