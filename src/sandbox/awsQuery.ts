// The AWS Query protocol's error bodies (Smithy awsQuery and its EC2 dialect, ec2Query), one writer each for every
// service and refusal that answers in them. Query services (STS, CloudFormation) answer
// `<ErrorResponse><Error><Type>Sender</Type><Code>…</Code><Message>…</Message></Error><RequestId>…</RequestId>`;
// EC2 answers `<Response><Errors><Error><Code>…</Code><Message>…</Message></Error></Errors><RequestID>…</RequestID>`.
import type { ErrorKind, WireError } from './exchange';
import { toXml, xmlDocument } from './xml';

export function queryErrorXml(code: string, message: string, requestId: string, xmlns?: string): string {
  return xmlDocument(
    'ErrorResponse',
    toXml({ Error: { Type: 'Sender', Code: code, Message: message }, RequestId: requestId }),
    xmlns,
  );
}

export function ec2ErrorXml(code: string, message: string, requestId: string): string {
  return xmlDocument('Response', toXml({ Errors: { Error: { Code: code, Message: message } }, RequestID: requestId }));
}

/** The `ex.admit` reply of a fault kind for a Query service; `denied` names the action as the service does. */
export function queryFaultReply(kind: ErrorKind, denied: string, xmlns: string): WireError {
  const [status, code, message] =
    kind === 'throttle'
      ? [400, 'Throttling', 'Rate exceeded']
      : kind === 'denied'
        ? [403, 'AccessDenied', denied]
        : [500, 'InternalFailure', 'An internal error occurred.'];
  return { status, contentType: 'text/xml', body: queryErrorXml(code, message, 'sandbox-fault', xmlns) };
}
