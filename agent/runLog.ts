// The run's two CloudWatch streams: the instance's own (named after its id) and the project's general stream.
// Lines are batched (LogBatcher) and echoed on stdout, which the machine keeps in its user-data transcript.
// Logging is a witness, never a reason to stop: a stream that fails is reported on the other one and dropped,
// and closing gives up after a timeout so termination always follows.
import { logsSdk } from '../src/aws/sdk';
import type { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { LogBatcher, type PendingEvent } from '../src/aws/logBatcher';
import { formatLogLine, type LogLevel } from '../src/core/logFormat';
import { tIn, type Lang } from '../src/core/i18n';
import { awsErrorDetail } from './runFailure';

interface RunLogTarget {
  logs: CloudWatchLogsClient;
  group: string;
  instanceStream: string;
  generalStream: string;
  language: Lang;
  /** Where lines are echoed; stdout by default. */
  echo?: (line: string) => void;
  /** The machine's clock (tests set a wrong one). */
  clock?: () => number;
}

type Where = 'instance' | 'both';

class StreamWriter {
  private broken: string | undefined;
  private readonly batcher: LogBatcher;

  constructor(
    private readonly target: RunLogTarget,
    readonly stream: string,
    private readonly onBroken: (writer: StreamWriter, detail: string) => void,
    private readonly onRejected: (writer: StreamWriter, count: number) => void = () => undefined,
  ) {
    this.batcher = new LogBatcher((events) => this.send(events), {
      flushAfterMs: 1000,
      maxRetries: 3,
      onError: (e) => this.markBroken(e),
    });
  }

  get failure(): string | undefined {
    return this.broken;
  }

  async ensure(): Promise<void> {
    try {
      await this.target.logs.send(
        new (logsSdk().CreateLogStreamCommand)({ logGroupName: this.target.group, logStreamName: this.stream }),
      );
    } catch {
      // Already there (the launcher made it), or refused: a policy may allow PutLogEvents on an existing stream
      // and not CreateLogStream. Either way the stream is tried; only a failed PutLogEvents drops it.
    }
  }

  add(line: string, timestamp: number): void {
    if (!this.broken) this.batcher.add(line, timestamp);
  }

  async close(): Promise<void> {
    if (this.broken) return;
    try {
      await this.batcher.close();
    } catch (e) {
      this.markBroken(e);
    }
  }

  private async send(events: PendingEvent[]): Promise<void> {
    const reply = await this.target.logs.send(
      new (logsSdk().PutLogEventsCommand)({
        logGroupName: this.target.group,
        logStreamName: this.stream,
        logEvents: events,
      }),
    );
    // A 200 can still drop events (too old, too new, expired): say how many, on the other stream.
    const info = reply.rejectedLogEventsInfo;
    if (!info) return;
    const tooOld = info.tooOldLogEventEndIndex ?? 0;
    const expired = info.expiredLogEventEndIndex ?? 0;
    const tooNew = info.tooNewLogEventStartIndex !== undefined ? events.length - info.tooNewLogEventStartIndex : 0;
    const count = Math.max(tooOld, expired) + tooNew;
    if (count > 0) this.onRejected(this, count);
  }

  private markBroken(e: unknown): void {
    if (this.broken) return;
    this.broken = awsErrorDetail(e);
    this.onBroken(this, this.broken);
  }
}

export class RunLog {
  private readonly instance: StreamWriter;
  private readonly general: StreamWriter;
  private readonly echo: (line: string) => void;
  private readonly clock: () => number;

  constructor(target: RunLogTarget) {
    this.clock = target.clock ?? Date.now;
    this.echo = target.echo ?? ((line) => process.stdout.write(`${line}\n`));
    const report = (writer: StreamWriter, detail: string) => {
      const other = writer === this.instance ? this.general : this.instance;
      const line = formatLogLine(
        'ERROR',
        tIn(target.language, 'agent.logFailed', { reason: `${writer.stream}: ${detail}` }),
        new Date(),
      );
      this.echo(line);
      other.add(line, Date.now());
    };
    const rejected = (writer: StreamWriter, count: number) => {
      const other = writer === this.instance ? this.general : this.instance;
      const line = formatLogLine(
        'ERROR',
        tIn(target.language, 'machine.logRejected', { count, stream: writer.stream }),
        new Date(),
      );
      this.echo(line);
      other.add(line, Date.now());
    };
    this.instance = new StreamWriter(target, target.instanceStream, report, rejected);
    this.general =
      target.generalStream === target.instanceStream
        ? this.instance
        : new StreamWriter(target, target.generalStream, report, rejected);
  }

  /** Creates both streams (the instance stream usually exists already: the launcher made it). */
  async open(timeoutMs = 15_000): Promise<void> {
    await withTimeout(
      Promise.all([this.instance.ensure(), this.general.ensure()]).then(() => undefined),
      timeoutMs,
    );
  }

  info(message: string, where: Where = 'instance'): void {
    this.write('INFO', message, where);
  }

  error(message: string, where: Where = 'instance'): void {
    this.write('ERROR', message, where);
  }

  /** Problems met while logging, e.g. `i-123: AccessDeniedException`; empty when every line went out. */
  get failures(): string[] {
    return [this.instance.failure, this.general.failure].filter((f): f is string => f !== undefined);
  }

  /** Sends what is pending; gives up after `timeoutMs` so a dead endpoint cannot hold the machine. */
  async close(timeoutMs = 30_000): Promise<void> {
    // The instance stream first: when its last batch is refused, the report of it still reaches the general
    // stream. Closed together, a fast run's only batch failed after the general stream had sent its own.
    const closing = async () => {
      await this.instance.close();
      if (this.general !== this.instance) await this.general.close();
    };
    await withTimeout(closing(), timeoutMs);
  }

  private write(level: LogLevel, message: string, where: Where): void {
    const now = this.clock();
    const line = formatLogLine(level, message, new Date(now));
    this.echo(line);
    this.instance.add(line, now);
    if (where === 'both' && this.general !== this.instance) this.general.add(line, now);
  }
}

/** Resolves when `work` settles or after `ms`, whichever comes first; never rejects. */
export async function withTimeout(work: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, ms);
  });
  try {
    await Promise.race([work.catch(() => undefined), timeout]);
  } finally {
    if (timer) clearTimeout(timer);
  }
}
