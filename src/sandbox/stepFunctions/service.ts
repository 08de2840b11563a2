// The Step Functions API over the interpreter: state machines, executions, task tokens. Shapes, defaults and
// errors follow the Step Functions API Reference (https://docs.aws.amazon.com/step-functions/latest/apireference/):
// names 1-80 characters without whitespace, brackets, wildcards or special characters (InvalidName); ARNs checked
// (InvalidArn); definitions validated (InvalidDefinition); ListExecutions / GetExecutionHistory page with
// maxResults (default 100, at most 1000) and nextToken (tied to its call, expiring after 24 h: PageTokens);
// execution input at most 256 KiB.
import { randomUUID } from 'node:crypto';
import { invalidDefinitionMessage, validateDefinition, type Diagnostic } from './definition';
import {
  ExecutionRun,
  MAX_PAYLOAD_BYTES,
  type ExecutionHost,
  type HistoryEvent,
  type PendingTask,
} from './interpreter';
import type { Json, JsonObject } from './jsonPath';
import type { SdkResource } from './resource';

export class SfnError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

type Body = Record<string, unknown>;

interface StateMachine {
  arn: string;
  name: string;
  definitionText: string;
  definition: JsonObject;
  roleArn: string;
  type: 'STANDARD';
  creationDate: Date;
  updateDate?: Date;
  revisionId: string;
  tags: Array<{ key: string; value: string }>;
}

interface SfnServiceOptions {
  region: string;
  accountId: string;
  /** Real milliseconds per definition second (Wait, Retry delays, TimeoutSeconds, HeartbeatSeconds). */
  msPerSecond: number;
  host: Pick<ExecutionHost, 'callSdk'>;
  random?: () => number;
  actionExists?: (resource: SdkResource) => boolean;
  /** The clock pagination tokens expire by (24 h); tests move it. */
  now?: () => number;
}

// eslint-disable-next-line no-control-regex -- AWS refuses control characters in names
const NAME = /^[^\s<>{}[\]?*"#%\\^|~`$&,;:/\u0000-\u001f\u007f-\u009f]{1,80}$/;

export class SfnService {
  private readonly machines = new Map<string, StateMachine>();
  private readonly executions = new Map<string, ExecutionRun>();
  private readonly tasks = new Map<string, PendingTask>();
  private readonly closedTokens = new Set<string>();
  private readonly tokens: PageTokens;

  constructor(private readonly opts: SfnServiceOptions) {
    this.tokens = new PageTokens(opts.now ?? Date.now);
  }

  /** Every execution (newest last), for the sandbox state and tests. */
  allExecutions(): ExecutionRun[] {
    return [...this.executions.values()];
  }

  execution(arn: string): ExecutionRun | undefined {
    return this.executions.get(arn);
  }

  /** Stops every running execution (sandbox close). */
  stopAll(): void {
    for (const run of this.executions.values()) run.stop('Sandbox.Closed', 'The sandbox was closed.');
  }

  // One entry an operation, as the S3, Logs and EC2 handlers dispatch: a new operation is a line here.
  private readonly operations: Readonly<Record<string, (b: Body) => Body>> = {
    CreateStateMachine: (b) => this.createStateMachine(b),
    UpdateStateMachine: (b) => this.updateStateMachine(b),
    DescribeStateMachine: (b) => this.describeStateMachine(b),
    ListStateMachines: (b) => this.listStateMachines(b),
    DeleteStateMachine: (b) => {
      this.machines.delete(this.machine(b.stateMachineArn).arn);
      return {};
    },
    ValidateStateMachineDefinition: (b) => this.validate(b),
    StartExecution: (b) => this.startExecution(b),
    DescribeExecution: (b) => describeExecution(this.run(b.executionArn)),
    ListExecutions: (b) => this.listExecutions(b),
    StopExecution: (b) => this.stopExecution(b),
    GetExecutionHistory: (b) => this.history(b),
    SendTaskSuccess: (b) => this.sendTaskSuccess(b),
    SendTaskFailure: (b) => this.sendTaskFailure(b),
    SendTaskHeartbeat: (b) => {
      this.task(b.taskToken).heartbeat();
      return {};
    },
    // The sandbox keeps the tags a machine was created with: (un)tagging checks the machine exists, changes nothing.
    TagResource: (b) => this.checkedResource(b),
    UntagResource: (b) => this.checkedResource(b),
    ListTagsForResource: (b) => ({ tags: this.machine(b.resourceArn).tags }),
  };

  private checkedResource(b: Body): Body {
    this.machine(b.resourceArn);
    return {};
  }

  dispatch(operation: string, b: Body): Body {
    const run = Object.hasOwn(this.operations, operation) ? this.operations[operation] : undefined;
    if (!run) throw new SfnError('UnknownOperationException', `The sandbox does not implement ${operation}.`);
    return run(b);
  }

  // ---- state machines -----------------------------------------------------------------------------------------

  private createStateMachine(b: Body): Body {
    const name = required(b, 'name');
    if (!NAME.test(name)) throw new SfnError('InvalidName', `Invalid Name: '${name}'`);
    const roleArn = roleArnOf(required(b, 'roleArn'));
    const type = optional(b, 'type') ?? 'STANDARD';
    if (type !== 'STANDARD') {
      throw new SfnError('StateMachineTypeNotSupported', `The sandbox runs STANDARD state machines only, not ${type}.`);
    }
    const definitionText = required(b, 'definition');
    const definition = checkedDefinition(definitionText, this.opts.actionExists);
    const arn = `arn:aws:states:${this.opts.region}:${this.opts.accountId}:stateMachine:${name}`;
    const existing = this.machines.get(arn);
    if (existing) {
      // Idempotent when everything matches, as on AWS; otherwise the name is taken.
      if (existing.definitionText === definitionText && existing.roleArn === roleArn) {
        return { stateMachineArn: arn, creationDate: seconds(existing.creationDate) };
      }
      throw new SfnError('StateMachineAlreadyExists', `State Machine Already Exists: '${arn}'`);
    }
    const machine: StateMachine = {
      arn,
      name,
      definitionText,
      definition,
      roleArn,
      type: 'STANDARD',
      creationDate: new Date(),
      revisionId: randomUUID(),
      tags: Array.isArray(b.tags) ? (b.tags as Array<{ key: string; value: string }>) : [],
    };
    this.machines.set(arn, machine);
    return { stateMachineArn: arn, creationDate: seconds(machine.creationDate) };
  }

  private updateStateMachine(b: Body): Body {
    const machine = this.machine(b.stateMachineArn);
    const definitionText = optional(b, 'definition');
    const roleArn = optional(b, 'roleArn');
    if (
      definitionText === undefined &&
      roleArn === undefined &&
      b.loggingConfiguration === undefined &&
      b.tracingConfiguration === undefined
    ) {
      throw new SfnError(
        'MissingRequiredParameter',
        'Either the definition, the roleArn, the loggingConfiguration or the tracingConfiguration must be specified',
      );
    }
    if (definitionText !== undefined) {
      machine.definition = checkedDefinition(definitionText, this.opts.actionExists);
      machine.definitionText = definitionText;
    }
    if (roleArn !== undefined) machine.roleArn = roleArnOf(roleArn);
    machine.updateDate = new Date();
    machine.revisionId = randomUUID();
    // Running executions keep the definition they started with.
    return { updateDate: seconds(machine.updateDate), revisionId: machine.revisionId };
  }

  private describeStateMachine(b: Body): Body {
    const m = this.machine(b.stateMachineArn);
    return {
      stateMachineArn: m.arn,
      name: m.name,
      status: 'ACTIVE',
      definition: m.definitionText,
      roleArn: m.roleArn,
      type: m.type,
      creationDate: seconds(m.creationDate),
      loggingConfiguration: { level: 'OFF', includeExecutionData: false },
      tracingConfiguration: { enabled: false },
      revisionId: m.revisionId,
    };
  }

  private listStateMachines(b: Body): Body {
    const all = [...this.machines.values()].sort((x, y) => x.name.localeCompare(y.name));
    const { page, nextToken } = this.tokens.paginate(all, b, 'state machines');
    return {
      stateMachines: page.map((m) => ({
        stateMachineArn: m.arn,
        name: m.name,
        type: m.type,
        creationDate: seconds(m.creationDate),
      })),
      ...(nextToken ? { nextToken } : {}),
    };
  }

  private validate(b: Body): Body {
    const { diagnostics } = validateDefinition(required(b, 'definition'), this.opts.actionExists);
    return {
      result: diagnostics.length === 0 ? 'OK' : 'FAIL',
      diagnostics: diagnostics.map((d: Diagnostic) => ({
        severity: 'ERROR',
        code: d.code,
        message: d.message,
        location: d.location,
      })),
      truncated: false,
    };
  }

  // ---- executions ---------------------------------------------------------------------------------------------

  private startExecution(b: Body): Body {
    const machine = this.machine(b.stateMachineArn);
    const name = optional(b, 'name') ?? randomUUID();
    if (!NAME.test(name)) throw new SfnError('InvalidName', `Invalid Name: '${name}'`);
    const input = optional(b, 'input') ?? '{}';
    if (Buffer.byteLength(input, 'utf8') > MAX_PAYLOAD_BYTES) {
      throw new SfnError(
        'ValidationException',
        `1 validation error detected: Value at 'input' failed to satisfy constraint: Member must have length less than or equal to ${MAX_PAYLOAD_BYTES}`,
      );
    }
    try {
      JSON.parse(input);
    } catch {
      throw new SfnError(
        'InvalidExecutionInput',
        `Invalid State Machine Execution Input: 'Unexpected character in the input'`,
      );
    }
    const arn = `arn:aws:states:${this.opts.region}:${this.opts.accountId}:execution:${machine.name}:${name}`;
    const existing = this.executions.get(arn);
    if (existing) {
      // A running execution with the same name and input is the same request: AWS answers with it (idempotency).
      if (existing.status === 'RUNNING' && existing.input === input) {
        return { executionArn: arn, startDate: seconds(existing.startDate) };
      }
      throw new SfnError('ExecutionAlreadyExists', `Execution Already Exists: '${arn}'`);
    }
    const run = new ExecutionRun(
      {
        executionArn: arn,
        stateMachineArn: machine.arn,
        stateMachineName: machine.name,
        name,
        roleArn: machine.roleArn,
      },
      machine.definition,
      input,
      {
        region: this.opts.region,
        msPerSecond: this.opts.msPerSecond,
        callSdk: (r, p, s) => this.opts.host.callSdk(r, p, s),
        openTask: (token, task) => this.tasks.set(token, task),
        closeTask: (token) => {
          this.tasks.delete(token);
          this.closedTokens.add(token);
        },
        random: this.opts.random ?? Math.random,
      },
    );
    this.executions.set(arn, run);
    return { executionArn: arn, startDate: seconds(run.startDate) };
  }

  private listExecutions(b: Body): Body {
    const machineArn = b.stateMachineArn;
    const machine = typeof machineArn === 'string' ? this.machine(machineArn) : undefined;
    if (!machine) throw new SfnError('ValidationException', 'Must provide a StateMachine ARN or a MapRun ARN');
    const status = optional(b, 'statusFilter');
    const statuses = ['RUNNING', 'SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED', 'PENDING_REDRIVE'];
    if (status !== undefined && !statuses.includes(status)) {
      throw new SfnError(
        'ValidationException',
        `1 validation error detected: Value '${status}' at 'statusFilter' failed to satisfy constraint: Member must satisfy enum value set: [${statuses.join(', ')}]`,
      );
    }
    const all = [...this.executions.values()]
      .filter((e) => e.id.stateMachineArn === machine.arn && (status === undefined || e.status === status))
      .reverse();
    const { page, nextToken } = this.tokens.paginate(all, b, `executions ${machine.arn} ${status ?? ''}`);
    return {
      executions: page.map(executionSummary),
      ...(nextToken ? { nextToken } : {}),
    };
  }

  private stopExecution(b: Body): Body {
    const run = this.run(b.executionArn);
    const error = optional(b, 'error');
    const cause = optional(b, 'cause');
    if (error !== undefined && error.length > 256)
      throw new SfnError('ValidationException', 'error is longer than 256 characters');
    if (cause !== undefined && cause.length > 32_768)
      throw new SfnError('ValidationException', 'cause is longer than 32768 characters');
    run.stop(error, cause);
    return { stopDate: seconds(run.stopDate ?? new Date()) };
  }

  private history(b: Body): Body {
    const run = this.run(b.executionArn);
    const includeData = b.includeExecutionData !== false;
    const reverse = b.reverseOrder === true;
    const max = pageSize(b);
    // Ids run 1..n in order (events[id - 1]). The token holds the next id to return, not an offset, so events
    // recorded between two pages neither repeat nor shift a newest-first read.
    const events = run.events;
    const scope = `history ${run.id.executionArn} ${reverse}`;
    const from = b.nextToken === undefined ? (reverse ? events.length : 1) : this.tokens.read(b.nextToken, scope);
    const page = reverse
      ? events.slice(Math.max(0, from - max), from).reverse()
      : events.slice(from - 1, from - 1 + max);
    const last = page.at(-1)?.id;
    const next = last === undefined ? undefined : reverse ? last - 1 : last + 1;
    const more = next !== undefined && (reverse ? next >= 1 : next <= events.length);
    return {
      events: page.map((e) => wireEvent(e, includeData)),
      ...(more ? { nextToken: this.tokens.issue(scope, next) } : {}),
    };
  }

  // ---- task tokens --------------------------------------------------------------------------------------------

  private sendTaskSuccess(b: Body): Body {
    const task = this.task(b.taskToken);
    const output = required(b, 'output');
    if (Buffer.byteLength(output, 'utf8') > MAX_PAYLOAD_BYTES) {
      throw new SfnError(
        'ValidationException',
        `Value at 'output' failed to satisfy constraint: Member must have length less than or equal to ${MAX_PAYLOAD_BYTES}`,
      );
    }
    let parsed: Json;
    try {
      parsed = JSON.parse(output) as Json;
    } catch {
      throw new SfnError('InvalidOutput', `Invalid Output: 'The output is not valid JSON'`);
    }
    task.succeed(parsed);
    return {};
  }

  private sendTaskFailure(b: Body): Body {
    const task = this.task(b.taskToken);
    const error = optional(b, 'error') ?? '';
    const cause = optional(b, 'cause') ?? '';
    if (error.length > 256)
      throw new SfnError(
        'ValidationException',
        "Value at 'error' failed to satisfy constraint: Member must have length less than or equal to 256",
      );
    if (cause.length > 32_768)
      throw new SfnError(
        'ValidationException',
        "Value at 'cause' failed to satisfy constraint: Member must have length less than or equal to 32768",
      );
    task.fail(error, cause);
    return {};
  }

  private task(token: unknown): PendingTask {
    if (typeof token !== 'string' || token.length === 0 || token.length > 2048 || !/^[A-Za-z0-9+/=_-]+$/.test(token)) {
      throw new SfnError('InvalidToken', "Invalid Token: 'Invalid token'");
    }
    const task = this.tasks.get(token);
    if (task) return task;
    if (this.closedTokens.has(token)) {
      throw new SfnError('TaskTimedOut', "Task Timed Out: 'Provided task does not exist anymore'");
    }
    if (!token.startsWith('AQ')) throw new SfnError('InvalidToken', "Invalid Token: 'Invalid token'");
    throw new SfnError('TaskDoesNotExist', 'Task does not exist.');
  }

  // ---- lookups ------------------------------------------------------------------------------------------------

  private machine(arn: unknown): StateMachine {
    if (typeof arn !== 'string') throw new SfnError('ValidationException', 'stateMachineArn is required');
    if (!/^arn:aws:states:[a-z0-9-]+:\d{12}:stateMachine:[^:]+$/.test(arn))
      throw new SfnError('InvalidArn', `Invalid Arn: '${arn}'`);
    const m = this.machines.get(arn);
    if (!m) throw new SfnError('StateMachineDoesNotExist', `State Machine Does Not Exist: '${arn}'`);
    return m;
  }

  private run(arn: unknown): ExecutionRun {
    if (typeof arn !== 'string') throw new SfnError('ValidationException', 'executionArn is required');
    if (!/^arn:aws:states:[a-z0-9-]+:\d{12}:execution:[^:]+:[^:]+$/.test(arn))
      throw new SfnError('InvalidArn', `Invalid Arn: '${arn}'`);
    const run = this.executions.get(arn);
    if (!run) throw new SfnError('ExecutionDoesNotExist', `Execution Does Not Exist: '${arn}'`);
    return run;
  }
}

function checkedDefinition(text: string, actionExists?: (resource: SdkResource) => boolean): JsonObject {
  // "Maximum definition size: 1,048,576 characters" (CreateStateMachine, definition length constraint).
  if (text.length > 1_048_576)
    throw new SfnError('InvalidDefinition', 'Invalid State Machine Definition: definition too large');
  const { definition, diagnostics } = validateDefinition(text, actionExists);
  if (!definition) throw new SfnError('InvalidDefinition', invalidDefinitionMessage(diagnostics));
  return definition;
}

function roleArnOf(arn: string): string {
  if (!/^arn:aws:iam::\d{12}:role\/[\w+=,.@/-]+$/.test(arn))
    throw new SfnError('InvalidArn', `Invalid Arn: 'Role ARN is not valid: ${arn}'`);
  return arn;
}

/** An execution as ListExecutions lists it (ExecutionListItem); DescribeExecution adds its input and output. */
function executionSummary(e: ExecutionRun): Body {
  return {
    executionArn: e.id.executionArn,
    stateMachineArn: e.id.stateMachineArn,
    name: e.id.name,
    status: e.status,
    startDate: seconds(e.startDate),
    ...(e.stopDate ? { stopDate: seconds(e.stopDate) } : {}),
  };
}

function describeExecution(e: ExecutionRun): Body {
  return {
    ...executionSummary(e),
    input: e.input,
    inputDetails: { included: true },
    ...(e.output !== undefined ? { output: e.output, outputDetails: { included: true } } : {}),
    ...(e.error !== undefined ? { error: e.error } : {}),
    ...(e.cause !== undefined ? { cause: e.cause } : {}),
    redriveCount: 0,
    redriveStatus: 'NOT_REDRIVABLE',
  };
}

function wireEvent(e: HistoryEvent, includeData: boolean): Body {
  const { timestamp, ...rest } = e;
  const out: Body = { ...rest, timestamp: seconds(timestamp) };
  if (!includeData) {
    for (const [key, value] of Object.entries(out)) {
      if (!key.endsWith('EventDetails') || typeof value !== 'object' || value === null) continue;
      const d = { ...(value as Body) };
      for (const field of ['input', 'output', 'parameters']) delete d[field];
      out[key] = d;
    }
  }
  return out;
}

function pageSize(b: Body): number {
  const max = b.maxResults === undefined || b.maxResults === 0 ? 100 : b.maxResults;
  if (typeof max !== 'number' || !Number.isInteger(max) || max < 0 || max > 1000) {
    throw new SfnError(
      'ValidationException',
      "Value at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 1000",
    );
  }
  return max;
}

/**
 * Pagination tokens as the API reference describes them (ListExecutions, GetExecutionHistory, ListStateMachines:
 * "Make the call again using the returned token to retrieve the next page. Keep all other arguments unchanged.
 * Each pagination token expires after 24 hours. Using an expired pagination token will return an HTTP 400
 * InvalidToken error."). A token is only returned while more results remain, so it never reaches events recorded
 * after the last page: a reader wanting new events asks again (src/aws/batches.ts reads newest first down to the
 * last id it saw). A token names the call it continues (another execution, order or filter: InvalidToken).
 */
const TOKEN_LIFETIME_MS = 24 * 60 * 60 * 1000;

class PageTokens {
  constructor(private readonly now: () => number) {}

  issue(scope: string, position: number): string {
    const body = JSON.stringify({ s: scope, p: position, t: this.now() });
    return `sbx-${Buffer.from(body, 'utf8').toString('base64url')}`;
  }

  /** The position a token continues from; InvalidToken when it is not ours, for another call, or expired. */
  read(token: unknown, scope: string): number {
    const invalid = (why: string): SfnError => new SfnError('InvalidToken', `Invalid Token: '${why}'`);
    const text = typeof token === 'string' && token.startsWith('sbx-') ? token.slice(4) : undefined;
    if (text === undefined) throw invalid('Invalid pagination token');
    let parsed: { s?: unknown; p?: unknown; t?: unknown };
    try {
      parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as typeof parsed;
    } catch {
      throw invalid('Invalid pagination token');
    }
    const { s, p, t } = parsed;
    if (typeof p !== 'number' || !Number.isInteger(p) || typeof t !== 'number')
      throw invalid('Invalid pagination token');
    if (s !== scope) throw invalid('The pagination token is for a different request');
    if (this.now() - t > TOKEN_LIFETIME_MS) throw invalid('The pagination token has expired');
    return p;
  }

  /** Offset pages of a list that exists whole at each call (state machines, executions). */
  paginate<T>(all: T[], b: Body, scope: string): { page: T[]; nextToken?: string } {
    const max = pageSize(b);
    const start = b.nextToken === undefined ? 0 : this.read(b.nextToken, scope);
    const page = all.slice(start, start + max);
    const end = start + page.length;
    return { page, ...(end < all.length ? { nextToken: this.issue(scope, end) } : {}) };
  }
}

function seconds(d: Date): number {
  return d.getTime() / 1000;
}

function required(b: Body, key: string): string {
  const v = b[key];
  if (typeof v !== 'string')
    throw new SfnError(
      'ValidationException',
      `1 validation error detected: Value null at '${key}' failed to satisfy constraint: Member must not be null`,
    );
  return v;
}

function optional(b: Body, key: string): string | undefined {
  const v = b[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw new SfnError('ValidationException', `Value at '${key}' must be a string`);
  return v;
}
