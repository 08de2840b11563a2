// CloudWatch Logs, JSON 1.1 (`X-Amz-Target: Logs_20140328.<Operation>`). This module parses and admits a
// request, dispatches it by table and sends the errors; the operations live by group in resources.ts (groups
// and streams), events.ts (put, get, filter), insights.ts (queries) and liveTail.ts (StartLiveTail).
import type { ErrorKind, Exchange, WireError } from '../exchange';
import type { Faults } from '../faults';
import { EVENT_OPERATIONS } from './events';
import { InsightsQueries } from './insights';
import { LiveTail, type LiveTailRequest } from './liveTail';
import { groupOf, type Json, type LogsContext, type LogsIdentity, type LogsOperation } from './request';
import { RESOURCE_OPERATIONS } from './resources';
import { LogsError, type LogsErrorCode, type LogsStore } from './store';

export class LogsHandler {
  private readonly ctx: LogsContext;
  private readonly operations: Readonly<Record<string, LogsOperation>>;

  constructor(
    store: LogsStore,
    private readonly faults: Faults,
    private readonly liveTail: LiveTail,
    identity: LogsIdentity,
  ) {
    this.ctx = { store, identity };
    const insights = new InsightsQueries(store, identity.accountId);
    this.operations = {
      ...RESOURCE_OPERATIONS,
      ...EVENT_OPERATIONS,
      StartQuery: (_, b) => insights.start(b),
      GetQueryResults: (_, b) => insights.results(b),
      StopQuery: (_, b) => insights.stop(b),
    };
  }

  async handle(ex: Exchange, operation: string): Promise<void> {
    let body: Json;
    try {
      const text = (await ex.readBody()).toString('utf8');
      const parsed: unknown = text.trim() === '' ? {} : JSON.parse(text);
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not an object');
      body = parsed as Json;
    } catch {
      if (ex.req.socket.destroyed) return;
      return sendError(ex, 'SerializationException', 'The request body is not a JSON object.');
    }
    const group = groupOf(body);
    const stream = typeof body.logStreamName === 'string' ? body.logStreamName : undefined;
    const admitted = await ex.admit(
      this.faults,
      { service: 'logs', operation, logGroup: group, logStream: stream },
      logsErrorReply,
    );
    if (!admitted) return;
    try {
      if (operation === 'StartLiveTail') return await this.liveTail.serve(ex, body as LiveTailRequest);
      const run = Object.hasOwn(this.operations, operation) ? this.operations[operation] : undefined;
      if (!run) throw new LogsError('UnknownOperationException', `The sandbox does not implement ${operation}.`);
      const result = run(this.ctx, body);
      await ex.send(200, { 'content-type': 'application/x-amz-json-1.1' }, JSON.stringify(result));
    } catch (e) {
      if (e instanceof LogsError) return sendError(ex, e.code, e.message, e.details);
      if (ex.res.headersSent) return;
      return sendError(ex, 'ServiceUnavailableException', 'The service cannot complete the request.');
    }
  }
}

function sendError(
  ex: Exchange,
  code: LogsErrorCode,
  message: string,
  details: Record<string, unknown> = {},
): Promise<void> {
  const status = code === 'ServiceUnavailableException' ? 500 : 400;
  return ex.send(
    status,
    { 'content-type': 'application/x-amz-json-1.1' },
    JSON.stringify({ __type: code, message, ...details }),
  );
}

function logsErrorReply(kind: ErrorKind): WireError {
  const [status, type, message] =
    kind === 'throttle'
      ? [400, 'ThrottlingException', 'Rate exceeded']
      : kind === 'denied'
        ? [400, 'AccessDeniedException', 'User is not authorized to perform this operation (sandbox fault).']
        : [500, 'ServiceUnavailableException', 'The service cannot complete the request.'];
  return { status, contentType: 'application/x-amz-json-1.1', body: JSON.stringify({ __type: type, message }) };
}
