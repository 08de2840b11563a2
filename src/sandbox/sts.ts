// STS Query API 2011-06-15: GetCallerIdentity, so "who am I" works against the sandbox.
import type { ErrorKind, Exchange, WireError } from './exchange';
import type { Faults } from './faults';
import { SANDBOX_ACCOUNT_ID } from './ec2/request';
import { toXml, xmlDocument } from './xml';

const STS_NS = 'https://sts.amazonaws.com/doc/2011-06-15/';
export const STS_VERSION = '2011-06-15';
const SANDBOX_USER = 'adatrap-sandbox';

export async function handleSts(ex: Exchange, params: URLSearchParams, faults: Faults): Promise<void> {
  const action = params.get('Action') ?? '';
  if (!(await ex.admit(faults, { service: 'sts', operation: action }, stsErrorReply))) return;
  if (action !== 'GetCallerIdentity') {
    return ex.send(
      400,
      { 'content-type': 'text/xml' },
      stsErrorXml('InvalidAction', `Could not find operation ${action} for version ${STS_VERSION}`, ex.requestId),
    );
  }
  const accessKey = /Credential=([^/,\s]+)/.exec(ex.header('authorization') ?? '')?.[1] ?? 'AKIASANDBOX';
  const result = toXml({
    GetCallerIdentityResult: {
      Arn: `arn:aws:iam::${SANDBOX_ACCOUNT_ID}:user/${SANDBOX_USER}`,
      UserId: `AIDA${accessKey.slice(4, 20).toUpperCase()}`,
      Account: SANDBOX_ACCOUNT_ID,
    },
    ResponseMetadata: { RequestId: ex.requestId },
  });
  return ex.send(200, { 'content-type': 'text/xml' }, xmlDocument('GetCallerIdentityResponse', result, STS_NS));
}

function stsErrorXml(code: string, message: string, requestId: string): string {
  return xmlDocument(
    'ErrorResponse',
    toXml({ Error: { Type: 'Sender', Code: code, Message: message }, RequestId: requestId }),
    STS_NS,
  );
}

function stsErrorReply(kind: ErrorKind): WireError {
  const [status, code, message] =
    kind === 'throttle'
      ? [400, 'Throttling', 'Rate exceeded']
      : kind === 'denied'
        ? [403, 'AccessDenied', 'User is not authorized to perform: sts:GetCallerIdentity (sandbox fault)']
        : [500, 'InternalFailure', 'An internal error occurred.'];
  return { status, contentType: 'text/xml', body: stsErrorXml(code, message, 'sandbox-fault') };
}
