// CloudWatch Logs, JSON 1.1 (`X-Amz-Target: Logs_20140328.<Operation>`). This module parses and admits a
// request, dispatches it by table and sends the errors; the operations live by group in resources.ts (groups
// and streams), events.ts (put, get, filter), insights.ts (queries) and liveTail.ts (StartLiveTail).
import { AwsJsonProtocol } from '../awsJson';
import type { ErrorKind, Exchange, WireError } from '../exchange';
import type { Faults } from '../faults';
import { EVENT_OPERATIONS } from './events';
import { InsightsQueries } from './insights';
import { LiveTail, type LiveTailRequest } from './liveTail';
import { groupOf, type LogsContext, type LogsIdentity, type LogsOperation } from './request';
import { RESOURCE_OPERATIONS } from './resources';
import { LogsError, type LogsErrorCode, type LogsStore } from './store';

const PROTOCOL = new AwsJsonProtocol('1.1');

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
    const body = await PROTOCOL.readRequest(ex);
    if (!body) return;
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
      await PROTOCOL.send(ex, 200, result);
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
  return PROTOCOL.sendError(ex, code === 'ServiceUnavailableException' ? 500 : 400, code, message, details);
}

function logsErrorReply(kind: ErrorKind): WireError {
  return PROTOCOL.faultReply(kind, {
    denied: 'User is not authorized to perform this operation (sandbox fault).',
    internal: ['ServiceUnavailableException', 'The service cannot complete the request.'],
  });
}
