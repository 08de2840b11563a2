// STS Query API 2011-06-15: GetCallerIdentity, so "who am I" works against the sandbox.
import type { ErrorKind, Exchange, WireError } from './exchange';
import type { Faults } from './faults';
import { SANDBOX_ACCOUNT_ID } from './ec2/request';
import { queryErrorXml, queryFaultReply } from './awsQuery';
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
      queryErrorXml(
        'InvalidAction',
        `Could not find operation ${action} for version ${STS_VERSION}`,
        ex.requestId,
        STS_NS,
      ),
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

function stsErrorReply(kind: ErrorKind): WireError {
  return queryFaultReply(kind, 'User is not authorized to perform: sts:GetCallerIdentity (sandbox fault)', STS_NS);
}
