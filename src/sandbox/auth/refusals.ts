// How each AWS protocol refuses a request it cannot authenticate: same status, code and body shape as the real
// service, so SDK clients raise the same named errors against the sandbox as against AWS.
// Codes and statuses: "Common Errors" of the AWS API references (MissingAuthenticationToken 403, InvalidClientTokenId
// 403, IncompleteSignature 400, RequestExpired 400: e.g. https://docs.aws.amazon.com/AWSEC2/latest/APIReference/CommonErrors.html,
// https://docs.aws.amazon.com/STS/latest/APIReference/CommonErrors.html), the S3 error list (AccessDenied,
// InvalidAccessKeyId, SignatureDoesNotMatch, RequestTimeTooSkewed 403; AuthorizationHeaderMalformed,
// XAmzContentSHA256Mismatch 400: https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html) and the
// CloudWatch Logs exceptions (UnrecognizedClientException: "an access key ID or secret key that's not valid").
import { xmlDocument, escapeXml } from '../xml';
import { ec2ErrorXml, queryErrorXml } from '../awsQuery';
import type { WireError } from '../exchange';

/** The wire protocol a service speaks, which decides the shape of its errors. */
export type Protocol = 's3' | 'ec2' | 'query' | 'json' | 'restJson';

export type AuthFailure =
  | 'missing'
  | 'unknownKey'
  | 'badSignature'
  | 'malformed'
  | 'presignedQuery'
  | 'expired'
  | 'skewed'
  | 'wrongRegion'
  | 'payloadMismatch'
  | 'bodyTooLarge';

const QUERY_SERVICES = new Set(['sts', 'cloudformation', 'iam', 'sns', 'monitoring', 'autoscaling']);
const REST_JSON_SERVICES = new Set(['scheduler', 'lambda', 'apigateway']);

/** The protocol of a service named in a credential scope (`s3`, `ec2`, `logs`, `states`, `scheduler` …). */
export function protocolOf(service: string): Protocol {
  if (service === 's3') return 's3';
  if (service === 'ec2') return 'ec2';
  if (QUERY_SERVICES.has(service)) return 'query';
  if (REST_JSON_SERVICES.has(service)) return 'restJson';
  return 'json';
}

const SIGNATURE_MISMATCH =
  'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.';
const INVALID_TOKEN = 'The security token included in the request is invalid.';

export function refusal(protocol: Protocol, failure: AuthFailure, detail: string, requestId: string): WireError {
  switch (protocol) {
    case 's3':
      return s3Refusal(failure, detail, requestId);
    case 'ec2':
      return ec2Refusal(failure, detail, requestId);
    case 'query':
      return queryRefusal(failure, detail, requestId);
    case 'json':
    case 'restJson':
      return jsonRefusal(protocol, failure, detail);
  }
}

function s3Refusal(failure: AuthFailure, detail: string, requestId: string): WireError {
  const [status, code, message] = ((): [number, string, string] => {
    switch (failure) {
      case 'missing':
        return [403, 'AccessDenied', 'Access Denied'];
      case 'unknownKey':
        return [403, 'InvalidAccessKeyId', 'The AWS Access Key Id you provided does not exist in our records.'];
      case 'badSignature':
        return [403, 'SignatureDoesNotMatch', SIGNATURE_MISMATCH];
      case 'expired':
        return [403, 'AccessDenied', 'Request has expired'];
      case 'skewed':
        return [
          403,
          'RequestTimeTooSkewed',
          'The difference between the request time and the current time is too large.',
        ];
      case 'payloadMismatch':
        return [
          400,
          'XAmzContentSHA256Mismatch',
          "The provided 'x-amz-content-sha256' header does not match what was computed.",
        ];
      case 'bodyTooLarge':
        return [400, 'EntityTooLarge', 'Your proposed upload exceeds the maximum allowed size'];
      case 'wrongRegion':
      case 'malformed':
        return [400, 'AuthorizationHeaderMalformed', `The authorization header is malformed; ${detail}`];
      case 'presignedQuery':
        return [400, 'AuthorizationQueryParametersError', detail];
    }
  })();
  const body = `<Code>${code}</Code><Message>${escapeXml(message)}</Message><RequestId>${requestId}</RequestId>`;
  return { status, contentType: 'application/xml', body: xmlDocument('Error', body) };
}

function ec2Refusal(failure: AuthFailure, detail: string, requestId: string): WireError {
  const [status, code, message] = ((): [number, string, string] => {
    switch (failure) {
      case 'missing':
      case 'unknownKey':
      case 'badSignature':
      case 'wrongRegion':
        // EC2 answers every credential problem with AuthFailure (401): none, a bad key, a bad signature alike.
        return [401, 'AuthFailure', 'AWS was not able to validate the provided access credentials'];
      case 'expired':
      case 'skewed':
        return [400, 'RequestExpired', `Request has expired. ${detail}`];
      case 'bodyTooLarge':
        return [413, 'RequestEntityTooLarge', detail];
      case 'malformed':
      case 'presignedQuery':
      case 'payloadMismatch':
        return [400, 'IncompleteSignature', detail];
    }
  })();
  return { status, contentType: 'text/xml;charset=UTF-8', body: ec2ErrorXml(code, message, requestId) };
}

function queryRefusal(failure: AuthFailure, detail: string, requestId: string): WireError {
  const [status, code, message] = ((): [number, string, string] => {
    switch (failure) {
      case 'missing':
        return [403, 'MissingAuthenticationToken', 'Request is missing Authentication Token'];
      case 'unknownKey':
        return [403, 'InvalidClientTokenId', INVALID_TOKEN];
      case 'badSignature':
        return [403, 'SignatureDoesNotMatch', SIGNATURE_MISMATCH];
      case 'expired':
      case 'skewed':
        return [403, 'SignatureDoesNotMatch', `Signature expired: ${detail}`];
      case 'bodyTooLarge':
        return [413, 'RequestEntityTooLarge', detail];
      case 'wrongRegion':
        return [403, 'SignatureDoesNotMatch', `Credential should be scoped to a valid region. ${detail}`];
      case 'malformed':
      case 'presignedQuery':
      case 'payloadMismatch':
        return [400, 'IncompleteSignature', detail];
    }
  })();
  return { status, contentType: 'text/xml', body: queryErrorXml(code, message, requestId) };
}

function jsonRefusal(protocol: 'json' | 'restJson', failure: AuthFailure, detail: string): WireError {
  const [status, type, message] = ((): [number, string, string] => {
    switch (failure) {
      case 'missing':
        return [400, 'MissingAuthenticationTokenException', 'Missing Authentication Token'];
      case 'unknownKey':
        return [400, 'UnrecognizedClientException', INVALID_TOKEN];
      case 'badSignature':
        return [400, 'InvalidSignatureException', SIGNATURE_MISMATCH];
      case 'expired':
      case 'skewed':
        return [400, 'InvalidSignatureException', `Signature expired: ${detail}`];
      case 'bodyTooLarge':
        return [413, 'RequestEntityTooLargeException', detail];
      case 'wrongRegion':
        return [400, 'InvalidSignatureException', `Credential should be scoped to a valid region. ${detail}`];
      case 'malformed':
      case 'presignedQuery':
      case 'payloadMismatch':
        return [400, 'IncompleteSignatureException', detail];
    }
  })();
  // REST-JSON services (API Gateway fronted, e.g. EventBridge Scheduler) answer auth failures with 403.
  const httpStatus = protocol === 'restJson' && status === 400 ? 403 : status;
  return {
    status: httpStatus,
    contentType: protocol === 'json' ? 'application/x-amz-json-1.1' : 'application/json',
    body: JSON.stringify({ __type: type, message }),
    headers: { 'x-amzn-errortype': type },
  };
}
