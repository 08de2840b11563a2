// What every CloudWatch Logs operation module shares: the context it runs in, and the readers of a JSON 1.1
// request's parameters with the service's own validation messages.
import { groupNameOf } from './liveTail';
import { LogsError, type LogsStore } from './store';

export type Json = Record<string, unknown>;

export interface LogsIdentity {
  accountId: string;
  region: string;
  /**
   * Drop events over 2 h ahead or 14 days old into rejectedLogEventsInfo, as CloudWatch Logs does. Off by
   * default: the seeded days and many tests write 2020 timestamps on purpose (README, sandbox gaps).
   */
  rejectOutOfRangeEvents?: boolean;
}

export interface LogsContext {
  readonly store: LogsStore;
  readonly identity: LogsIdentity;
}

/** One operation: its JSON answer, or a LogsError for the handler to send. */
export type LogsOperation = (ctx: LogsContext, body: Json) => Json;

export function groupArn(ctx: LogsContext, name: string): string {
  return `arn:aws:logs:${ctx.identity.region}:${ctx.identity.accountId}:log-group:${name}`;
}

export function groupOf(b: Json): string | undefined {
  if (typeof b.logGroupName === 'string') return b.logGroupName;
  if (typeof b.logGroupIdentifier === 'string') return groupNameOf(b.logGroupIdentifier);
  if (Array.isArray(b.logGroupIdentifiers) && typeof b.logGroupIdentifiers[0] === 'string') {
    return groupNameOf(b.logGroupIdentifiers[0]);
  }
  return undefined;
}

export function requiredGroup(b: Json): string {
  const name = groupOf(b);
  if (!name) throw new LogsError('InvalidParameterException', 'Either logGroupName or logGroupIdentifier is required.');
  return name;
}

export function requiredString(b: Json, name: string): string {
  const v = b[name];
  if (typeof v !== 'string' || v === '') {
    throw new LogsError(
      'InvalidParameterException',
      `1 validation error detected: Value at '${name}' failed to satisfy constraint: Member must not be null`,
    );
  }
  return v;
}

export function optionalString(b: Json, name: string): string | undefined {
  const v = b[name];
  return typeof v === 'string' ? v : undefined;
}

export function optionalNumber(b: Json, name: string): number | undefined {
  const v = b[name];
  return typeof v === 'number' ? v : undefined;
}
