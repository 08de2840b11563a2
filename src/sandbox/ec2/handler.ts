// EC2 Query API 2016-11-15: admits a request, dispatches it by table and sends the errors. The operations live by
// group: instances.ts (run, describe, terminate, attributes), resources.ts (tags, key pairs, images, regions),
// diagnostics.ts (password, console, screenshot, security groups), spot.ts (Spot price history) and subnets.ts.
import type { ErrorKind, Exchange, WireError } from '../exchange';
import { ec2ErrorXml } from '../awsQuery';
import type { Faults } from '../faults';
import { toXml, xmlDocument } from '../xml';
import {
  authorizeSecurityGroupIngress,
  describeSecurityGroups,
  getConsoleOutput,
  getConsoleScreenshot,
  getPasswordData,
} from './diagnostics';
import { INSTANCE_OPERATIONS } from './instances';
import { QueryParams } from './query';
import { SANDBOX_ACCOUNT_ID, type Ec2Context, type Ec2Operation } from './request';
import { RESOURCE_OPERATIONS } from './resources';
import { defaultSecurityGroup, SANDBOX_DEFAULT_GROUP_ID } from './securityGroups';
import { describeSpotPriceHistory } from './spot';
import { SUBNET_OPERATIONS } from './subnets';
import { Ec2Error, type Ec2State } from './state';

const EC2_NS = 'http://ec2.amazonaws.com/doc/2016-11-15/';

const OPERATIONS: Readonly<Record<string, Ec2Operation>> = {
  ...INSTANCE_OPERATIONS,
  ...RESOURCE_OPERATIONS,
  ...SUBNET_OPERATIONS,
  GetPasswordData: (ctx, q) => getPasswordData(ctx.state, q),
  GetConsoleOutput: (ctx, q) => getConsoleOutput(ctx.state, q),
  GetConsoleScreenshot: (ctx, q) => getConsoleScreenshot(ctx.state, q),
  DescribeSecurityGroups: (ctx, q) => describeSecurityGroups(ctx.state, q),
  AuthorizeSecurityGroupIngress: (ctx, q) => authorizeSecurityGroupIngress(ctx.state, q, SANDBOX_ACCOUNT_ID),
  DescribeSpotPriceHistory: (ctx, q) => describeSpotPriceHistory(q, ctx.region),
};

export class Ec2Handler {
  private readonly ctx: Ec2Context;

  constructor(
    state: Ec2State,
    private readonly faults: Faults,
    region: string,
    /** The IAM instance profiles of the emulated account: RunInstances refuses any other, as EC2 does. */
    instanceProfiles: readonly string[],
  ) {
    this.ctx = { state, faults, region, instanceProfiles };
    if (!state.securityGroups.has(SANDBOX_DEFAULT_GROUP_ID))
      state.securityGroups.set(SANDBOX_DEFAULT_GROUP_ID, defaultSecurityGroup(SANDBOX_ACCOUNT_ID));
  }

  async handle(ex: Exchange, params: URLSearchParams): Promise<void> {
    const action = params.get('Action') ?? '';
    const admitted = await ex.admit(this.faults, { service: 'ec2', operation: action }, ec2ErrorReply);
    if (!admitted) return;
    const q = new QueryParams(params);
    try {
      if (q.get('DryRun') === 'true') {
        throw new Ec2Error('DryRunOperation', 'Request would have succeeded, but DryRun flag is set.', 412);
      }
      const run = Object.hasOwn(OPERATIONS, action) ? OPERATIONS[action] : undefined;
      if (!run)
        throw new Ec2Error('InvalidAction', `The action ${action || '(none)'} is not valid for this web service.`);
      const body = await run(this.ctx, q);
      const xml = xmlDocument(`${action}Response`, toXml({ requestId: ex.requestId }) + body, EC2_NS);
      await ex.send(200, { 'content-type': 'text/xml;charset=UTF-8' }, xml);
    } catch (e) {
      if (e instanceof Ec2Error) return sendError(ex, e.status, e.code, e.message);
      return sendError(ex, 500, 'InternalError', 'An internal error has occurred');
    }
  }
}

function sendError(ex: Exchange, status: number, code: string, message: string): Promise<void> {
  return ex.send(status, { 'content-type': 'text/xml;charset=UTF-8' }, ec2ErrorXml(code, message, ex.requestId));
}

function ec2ErrorReply(kind: ErrorKind): WireError {
  const [status, code, message] =
    kind === 'throttle'
      ? [503, 'RequestLimitExceeded', 'Request limit exceeded.']
      : kind === 'denied'
        ? [403, 'UnauthorizedOperation', 'You are not authorized to perform this operation (sandbox fault).']
        : [500, 'InternalError', 'An internal error has occurred'];
  return { status, contentType: 'text/xml;charset=UTF-8', body: ec2ErrorXml(code, message, 'sandbox-fault') };
}
