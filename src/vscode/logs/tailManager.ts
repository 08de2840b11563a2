// Live tails, one LogOutputChannel per stream. The adapter's tail() does StartLiveTail with a polling fallback
// and never repeats itself within a session; the cursor kept here across stop/resume makes a resumed tail
// start where the last one ended, so nothing shows twice and nothing is skipped.
import * as vscode from 'vscode';
import { awsErrorName } from '../../aws/awsErrors';
import type { LogEvent, Logs } from '../../aws/logs';
import { TailCursor } from '../../aws/tailCursor';
import { eventLine } from '../../core/logFormat';
import { describeFailure } from '../notify';
import { logTimeZone } from './logTimeZone';
import type { StreamActivity } from './streamActivity';
import { delay as sleep } from '../../core/delay';

const MISSING_STREAM_RETRY_MS = 3000;

interface Tail {
  readonly group: string;
  readonly stream: string;
  readonly channel: vscode.LogOutputChannel;
  readonly cursor: TailCursor;
  controller?: AbortController;
  eventCount: number;
}

interface TailTarget {
  group: string;
  stream: string;
  /** Events from this time on (ms); later resumes continue from the last event shown. */
  startTime: number;
}

export class TailManager implements StreamActivity, vscode.Disposable {
  private readonly tails = new Map<string, Tail>();
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;

  /** `logs` gives the adapter of the current configuration, asked again at each (re)connection. */
  constructor(private readonly logs: () => Logs) {}

  isTailing(stream: string): boolean {
    return [...this.tails.values()].some((t) => t.stream === stream && t.controller !== undefined);
  }

  channelOf(group: string, stream: string): vscode.LogOutputChannel | undefined {
    return this.tails.get(key(group, stream))?.channel;
  }

  /** Events shown so far in the stream's channel (for tests and the status of a tail). */
  eventCount(group: string, stream: string): number {
    return this.tails.get(key(group, stream))?.eventCount ?? 0;
  }

  /** Starts (or resumes) following the stream and shows its channel. */
  start(target: TailTarget): vscode.LogOutputChannel {
    const k = key(target.group, target.stream);
    let tail = this.tails.get(k);
    if (!tail) {
      tail = {
        group: target.group,
        stream: target.stream,
        channel: vscode.window.createOutputChannel(vscode.l10n.t('ADATRAP log {0}', target.stream), { log: true }),
        cursor: new TailCursor(target.startTime),
        eventCount: 0,
      };
      this.tails.set(k, tail);
    }
    tail.channel.show(true);
    if (!tail.controller) {
      tail.controller = new AbortController();
      void this.follow(tail, tail.controller.signal);
      this.updateContext();
    }
    return tail.channel;
  }

  stop(stream: string, group?: string): boolean {
    let stopped = false;
    for (const tail of this.tails.values()) {
      if (tail.stream !== stream || (group && tail.group !== group) || !tail.controller) continue;
      tail.controller.abort();
      tail.controller = undefined;
      tail.channel.info(
        vscode.l10n.t('Stopped following {0}. Run "Tail Log Stream" again to resume where it stopped.', stream),
      );
      stopped = true;
    }
    if (stopped) this.updateContext();
    return stopped;
  }

  /** After a configuration change: every live tail reconnects with the new clients, from where it was. */
  reconnectAll(): void {
    for (const tail of this.tails.values()) {
      if (!tail.controller) continue;
      tail.controller.abort();
      tail.controller = new AbortController();
      void this.follow(tail, tail.controller.signal);
    }
  }

  tailedStreams(): string[] {
    return [...this.tails.values()].filter((t) => t.controller).map((t) => t.stream);
  }

  private async follow(tail: Tail, signal: AbortSignal): Promise<void> {
    tail.channel.info(vscode.l10n.t('Following {0} in log group {1}…', tail.stream, tail.group));
    let saidWaiting = false;
    while (!signal.aborted) {
      tail.cursor.newPass();
      try {
        for await (const item of this.logs().tail(tail.group, tail.stream, {
          startTime: tail.cursor.resumeFrom(),
          signal,
        })) {
          if (signal.aborted) return;
          if (item.kind === 'event') this.show(tail, item.event);
          else if (item.kind === 'mode' && item.mode === 'polling')
            tail.channel.info(
              vscode.l10n.t(
                'Live tail is not available here ({0}): polling every few seconds instead.',
                item.reason ?? '—',
              ),
            );
          else if (item.kind === 'mode') tail.channel.info(vscode.l10n.t('Live tail connected.'));
          else
            tail.channel.warn(vscode.l10n.t('Connection lost ({0}); reconnecting without losing events…', item.reason));
        }
        return;
      } catch (e) {
        if (signal.aborted) return;
        if (awsErrorName(e) === 'ResourceNotFoundException') {
          // A run's stream appears a moment after its machine starts: wait for it rather than give up.
          if (!saidWaiting) tail.channel.info(vscode.l10n.t('Waiting for the log stream {0} to appear…', tail.stream));
          saidWaiting = true;
          await sleep(MISSING_STREAM_RETRY_MS, signal);
          continue;
        }
        tail.channel.error(describeFailure(e));
        tail.controller = undefined;
        this.updateContext();
        void vscode.window.showErrorMessage(
          vscode.l10n.t('Stopped following {0}: {1}', tail.stream, describeFailure(e)),
        );
        return;
      }
    }
  }

  private show(tail: Tail, event: LogEvent): void {
    if (!tail.cursor.accept(event)) return;
    tail.eventCount += 1;
    // LogOutputChannel levels (vscode.d.ts: error/warn/info) colour the lines and let the user filter by level;
    // the channel adds its own local-time stamp, the line keeps the event's (Santiago or UTC: the setting).
    const line = eventLine(event, logTimeZone());
    if (/\bERROR:/.test(event.message)) tail.channel.error(line);
    else if (/\b(WARN(ING)?|ADVERTENCIA):/.test(event.message)) tail.channel.warn(line);
    else tail.channel.info(line);
  }

  private updateContext(): void {
    void vscode.commands.executeCommand('setContext', 'adatrap.tailing', this.tailedStreams().length > 0);
    this.changed.fire();
  }

  dispose(): void {
    for (const tail of this.tails.values()) {
      tail.controller?.abort();
      tail.channel.dispose();
    }
    this.tails.clear();
    this.changed.dispose();
  }
}

function key(group: string, stream: string): string {
  return `${group}\u0000${stream}`;
}
