// Step Functions wire protocol: JSON 1.0, `X-Amz-Target: AWSStepFunctions.<Operation>`, errors as
// `{"__type": "<Code>", "message": "..."}` with HTTP 400 (the SDK reads the code from __type).
import { AwsJsonProtocol } from '../awsJson';
import type { ErrorKind, Exchange, WireError } from '../exchange';
import type { Faults } from '../faults';
import { SfnError, type SfnService } from './service';

export const SFN_TARGET = 'AWSStepFunctions.';
const PROTOCOL = new AwsJsonProtocol('1.0');

export class SfnHandler {
  constructor(
    private readonly service: SfnService,
    private readonly faults: Faults,
  ) {}

  async handle(ex: Exchange, operation: string): Promise<void> {
    const body = await PROTOCOL.readRequest(ex);
    if (!body) return;
    if (!(await ex.admit(this.faults, { service: 'sfn', operation }, sfnErrorReply))) return;
    try {
      const result = this.service.dispatch(operation, body);
      await PROTOCOL.send(ex, 200, result);
    } catch (e) {
      if (e instanceof SfnError) return PROTOCOL.sendError(ex, 400, e.code, e.message);
      if (ex.res.headersSent) return;
      return PROTOCOL.sendError(
        ex,
        500,
        'InternalFailure',
        'The request processing has failed because of an unknown error.',
      );
    }
  }
}

function sfnErrorReply(kind: ErrorKind): WireError {
  return PROTOCOL.faultReply(kind, {
    denied: 'User is not authorized to perform this action (sandbox fault).',
    internal: ['InternalFailure', 'The request processing has failed because of an unknown error.'],
  });
}
