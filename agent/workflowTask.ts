// What a machine launched by the batch workflow owes it: heartbeats while it works, then one SendTaskSuccess or
// SendTaskFailure with the task token from its user data (ADATRAP_TASK_TOKEN). And the Spot interruption
// notice: IMDSv2 `spot/instance-action` answers 404 until EC2 decides to reclaim the machine, then JSON
// {"action":"terminate","time":…} about two minutes ahead (EC2 User Guide, "Spot Instance interruption notices");
// the day is then reported as Adatrap.Interrupted, which the workflow retries, not as a failed run.
import type { SFNClient } from '@aws-sdk/client-sfn';
import { sfnSdk } from '../src/aws/sdk';
import { WORKFLOW_ERRORS } from '../src/core/workflowDefinition';
import { errorMessage } from '../src/core/errors';

/** SendTaskFailure: error at most 256 characters, cause at most 32,768 (Step Functions API reference). */
const ERROR_MAX = 256;
const CAUSE_MAX = 32_768;
const DEFAULT_HEARTBEAT_MS = 60_000;

interface DayReport {
  date: string;
  instanceId?: string;
  status: string;
  zipKey?: string;
  manifestKey?: string;
  startedAt?: string;
  finishedAt?: string;
}

export class WorkflowTask {
  private timer: NodeJS.Timeout | undefined;
  private ended = false;
  /** Set when Step Functions says the task is over (timed out, stopped): nothing more is sent. */
  gone: string | undefined;

  constructor(
    private readonly sfn: SFNClient,
    private readonly token: string,
    private readonly heartbeatMs = DEFAULT_HEARTBEAT_MS,
    private readonly onProblem: (detail: string) => void = () => undefined,
  ) {}

  start(): void {
    void this.beat();
    this.timer = setInterval(() => void this.beat(), this.heartbeatMs);
    this.timer.unref();
  }

  private async beat(): Promise<void> {
    if (this.ended || this.gone) return;
    try {
      await this.sfn.send(new (sfnSdk().SendTaskHeartbeatCommand)({ taskToken: this.token }));
    } catch (e) {
      this.noteError(e);
    }
  }

  private noteError(e: unknown): void {
    const name = (e as { name?: string }).name ?? '';
    // The workflow has moved on (deadline, missed heartbeats, batch stopped): heartbeating is pointless.
    if (['TaskTimedOut', 'TaskDoesNotExist', 'InvalidToken'].includes(name)) {
      this.gone = name;
      this.stop();
    }
    this.onProblem(`${name}: ${errorMessage(e)}`);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  async succeed(report: DayReport): Promise<void> {
    const output = JSON.stringify(report);
    await this.finish(() => this.sfn.send(new (sfnSdk().SendTaskSuccessCommand)({ taskToken: this.token, output })));
  }

  async fail(error: string, cause: string): Promise<void> {
    await this.finish(() =>
      this.sfn.send(
        new (sfnSdk().SendTaskFailureCommand)({
          taskToken: this.token,
          error: error.slice(0, ERROR_MAX),
          cause: cause.slice(0, CAUSE_MAX),
        }),
      ),
    );
  }

  private async finish(send: () => Promise<unknown>): Promise<void> {
    this.stop();
    if (this.ended || this.gone) return;
    this.ended = true;
    try {
      await send();
    } catch (e) {
      this.noteError(e);
    }
  }
}

/** The error the workflow acts on for a day that ended without success. */
export function failureError(interrupted: boolean): string {
  return interrupted ? WORKFLOW_ERRORS.interrupted : WORKFLOW_ERRORS.runFailed;
}

export interface InterruptionNotice {
  action: string;
  time: string;
}

/** Polls IMDSv2 for the Spot interruption notice; `notice` settles when one comes (never otherwise). */
export class InterruptionWatch {
  private timer: NodeJS.Timeout | undefined;
  private token: { value: string; until: number } | undefined;
  readonly notice: Promise<InterruptionNotice>;
  private resolve: (n: InterruptionNotice) => void = () => undefined;

  constructor(
    private readonly base = imdsBase(),
    private readonly pollMs = 5000,
  ) {
    this.notice = new Promise((r) => (this.resolve = r));
  }

  start(): void {
    const poll = async () => {
      const found = await this.check().catch(() => undefined);
      if (found) {
        this.stop();
        this.resolve(found);
      }
    };
    void poll();
    this.timer = setInterval(() => void poll(), this.pollMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  async check(): Promise<InterruptionNotice | undefined> {
    const now = Date.now();
    if (!this.token || this.token.until < now) {
      const res = await fetch(`${this.base}/latest/api/token`, {
        method: 'PUT',
        headers: { 'X-aws-ec2-metadata-token-ttl-seconds': '21600' },
        signal: AbortSignal.timeout(2000),
      });
      if (!res.ok) return undefined;
      this.token = { value: await res.text(), until: now + 6 * 3600_000 - 60_000 };
    }
    const res = await fetch(`${this.base}/latest/meta-data/spot/instance-action`, {
      headers: { 'X-aws-ec2-metadata-token': this.token.value },
      signal: AbortSignal.timeout(2000),
    });
    if (res.status === 404 || !res.ok) return undefined;
    const body = JSON.parse(await res.text()) as Partial<InterruptionNotice>;
    return { action: String(body.action ?? 'terminate'), time: String(body.time ?? '') };
  }
}

/** IMDS base URL: AWS_EC2_METADATA_SERVICE_ENDPOINT (what the SDKs honour, and the sandbox sets), else EC2's. */
export function imdsBase(env: NodeJS.ProcessEnv = process.env): string {
  return (env.AWS_EC2_METADATA_SERVICE_ENDPOINT?.trim() || 'http://169.254.169.254').replace(/\/+$/, '');
}
