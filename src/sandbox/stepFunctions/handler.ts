// Step Functions wire protocol: JSON 1.0, `X-Amz-Target: AWSStepFunctions.<Operation>`, errors as
// `{"__type": "<Code>", "message": "..."}` with HTTP 400 (the SDK reads the code from __type).
import type { ErrorKind, Exchange, WireError } from '../exchange';
import type { Faults } from '../faults';
import { SfnError, type SfnService } from './service';

export const SFN_TARGET = 'AWSStepFunctions.';
const CONTENT_TYPE = 'application/x-amz-json-1.0';

export class SfnHandler {
  constructor(
    private readonly service: SfnService,
    private readonly faults: Faults,
  ) {}

  async handle(ex: Exchange, operation: string): Promise<void> {
    let body: Record<string, unknown>;
    try {
      const text = (await ex.readBody()).toString('utf8');
      const parsed: unknown = text.trim() === '' ? {} : JSON.parse(text);
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not an object');
      body = parsed as Record<string, unknown>;
    } catch {
      if (ex.req.socket.destroyed) return;
      return sendError(ex, 400, 'SerializationException', 'The request body is not a JSON object.');
    }
    if (!(await ex.admit(this.faults, { service: 'sfn', operation }, sfnErrorReply))) return;
    try {
      const result = this.service.dispatch(operation, body);
      await ex.send(200, { 'content-type': CONTENT_TYPE }, JSON.stringify(result));
    } catch (e) {
      if (e instanceof SfnError) return sendError(ex, 400, e.code, e.message);
      if (ex.res.headersSent) return;
      return sendError(ex, 500, 'InternalFailure', 'The request processing has failed because of an unknown error.');
    }
  }
}

function sendError(ex: Exchange, status: number, code: string, message: string): Promise<void> {
  return ex.send(status, { 'content-type': CONTENT_TYPE }, JSON.stringify({ __type: code, message }));
}

export function sfnErrorReply(kind: ErrorKind): WireError {
  const [status, type, message] =
    kind === 'throttle'
      ? [400, 'ThrottlingException', 'Rate exceeded']
      : kind === 'denied'
        ? [400, 'AccessDeniedException', 'User is not authorized to perform this action (sandbox fault).']
        : [500, 'InternalFailure', 'The request processing has failed because of an unknown error.'];
  return { status, contentType: CONTENT_TYPE, body: JSON.stringify({ __type: type, message }) };
}
