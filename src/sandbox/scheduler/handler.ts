// EventBridge Scheduler wire protocol: REST-JSON (the SDK's awsRestJson1). Operations by method and path
// (EventBridge Scheduler API Reference): POST /schedules/{Name} CreateSchedule, GET /schedules/{Name} GetSchedule
// (?groupName=), DELETE /schedules/{Name} DeleteSchedule (?groupName=&clientToken=), GET /schedules ListSchedules
// (?ScheduleGroup=&NamePrefix=&State=&NextToken=&MaxResults=). Errors carry their code in the
// `x-amzn-ErrorType` header with `{"Message": ...}`; timestamps are epoch seconds.
import { parseJsonObject } from '../awsJson';
import type { ErrorKind, Exchange, WireError } from '../exchange';
import type { Faults } from '../faults';
import type { JsonObject } from '../stepFunctions/jsonPath';
import { SchedulerError, type Schedule, type SchedulerService } from './service';

const CONTENT_TYPE = 'application/json';

export class SchedulerHandler {
  constructor(
    private readonly service: SchedulerService,
    private readonly faults: Faults,
  ) {}

  async handle(ex: Exchange): Promise<void> {
    const method = ex.req.method ?? 'GET';
    const path = ex.url.pathname;
    const one = /^\/schedules\/([^/]+)$/.exec(path);
    const operation =
      path === '/schedules' && method === 'GET'
        ? 'ListSchedules'
        : one && method === 'POST'
          ? 'CreateSchedule'
          : one && method === 'GET'
            ? 'GetSchedule'
            : one && method === 'DELETE'
              ? 'DeleteSchedule'
              : undefined;
    let body: JsonObject | undefined;
    try {
      body = parseJsonObject((await ex.readBody()).toString('utf8')) as JsonObject | undefined;
    } catch {
      if (ex.req.socket.destroyed) return;
    }
    if (!body) return sendError(ex, 400, 'ValidationException', 'The request body is not a JSON object.');
    if (!operation) return sendError(ex, 404, 'UnknownOperationException', `No operation for ${method} ${path}.`);
    if (!(await ex.admit(this.faults, { service: 'scheduler', operation }, schedulerErrorReply))) return;
    const query = ex.url.searchParams;
    const optional = (key: string): string | undefined => query.get(key) ?? undefined;
    try {
      const name = one ? decodeURIComponent(one[1] ?? '') : '';
      switch (operation) {
        case 'CreateSchedule':
          return await json(ex, this.service.create(name, body));
        case 'GetSchedule':
          return await json(ex, describe(this.service.get(name, optional('groupName'))));
        case 'DeleteSchedule':
          this.service.delete(name, optional('groupName'));
          return await json(ex, {});
        case 'ListSchedules': {
          const max = optional('MaxResults');
          const page = this.service.list({
            group: optional('ScheduleGroup'),
            namePrefix: optional('NamePrefix'),
            state: optional('State'),
            nextToken: optional('NextToken'),
            ...(max !== undefined ? { maxResults: Number(max) } : {}),
          });
          return await json(ex, {
            Schedules: page.schedules.map(summary),
            ...(page.nextToken ? { NextToken: page.nextToken } : {}),
          });
        }
      }
    } catch (e) {
      if (e instanceof SchedulerError) return sendError(ex, e.status, e.code, e.message);
      if (ex.res.headersSent) return;
      return sendError(ex, 500, 'InternalServerException', 'Unexpected error during processing of request.');
    }
  }
}

const seconds = (d: Date): number => d.getTime() / 1000;

/** GetSchedule's answer: the summary's members with the whole target and the schedule's timing. */
function describe(s: Schedule): JsonObject {
  return {
    ...summary(s),
    ScheduleExpression: s.scheduleExpression,
    ScheduleExpressionTimezone: s.scheduleExpressionTimezone,
    FlexibleTimeWindow: s.flexibleTimeWindow,
    Target: s.target,
    ActionAfterCompletion: s.actionAfterCompletion,
    ...(s.description !== undefined ? { Description: s.description } : {}),
  };
}

/** A ListSchedules entry: ScheduleSummary, whose Target is a TargetSummary holding only the Arn (API Reference). */
function summary(s: Schedule): JsonObject {
  return {
    Arn: s.arn,
    Name: s.name,
    GroupName: s.groupName,
    State: s.state,
    CreationDate: seconds(s.creationDate),
    LastModificationDate: seconds(s.lastModificationDate),
    Target: { Arn: s.target.Arn },
  };
}

function json(ex: Exchange, value: JsonObject): Promise<void> {
  return ex.send(200, { 'content-type': CONTENT_TYPE }, JSON.stringify(value));
}

function sendError(ex: Exchange, status: number, code: string, message: string): Promise<void> {
  return ex.send(
    status,
    { 'content-type': CONTENT_TYPE, 'x-amzn-errortype': code },
    JSON.stringify({ Message: message }),
  );
}

function schedulerErrorReply(kind: ErrorKind): WireError {
  const [status, type, message] =
    kind === 'throttle'
      ? [429, 'ThrottlingException', 'Rate exceeded']
      : kind === 'denied'
        ? [403, 'AccessDeniedException', 'User is not authorized to perform this action (sandbox fault).']
        : [500, 'InternalServerException', 'Unexpected error during processing of request.'];
  return {
    status,
    contentType: CONTENT_TYPE,
    headers: { 'x-amzn-errortype': type },
    body: JSON.stringify({ Message: message }),
  };
}
