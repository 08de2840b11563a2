// Read-only documents of a log stream: every page, oldest to newest. The text is cached per URI while the
// document is open (closing it frees the memory); "Load Newer Log Events" reads only what came after the last
// event shown and appends it.
import * as vscode from 'vscode';
import type { LogEvent, Logs } from '../../aws/logs';
import { eventLine } from '../../core/logFormat';
import { fromLogUri, LOG_SCHEME } from './logUri';
import { logTimeZone } from './logTimeZone';

const DOCUMENT_UPDATE_TIMEOUT_MS = 30_000;

interface LoadedStream {
  text: string;
  eventCount: number;
  /** Timestamp of the newest event shown, and the messages shown at that instant (re-reads start there). */
  lastTimestamp?: number;
  atLastTimestamp: Map<string, number>;
}

export class LogDocumentProvider implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly loaded = new Map<string, LoadedStream>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [this.changed];

  constructor(private readonly logs: () => Logs) {
    this.disposables.push(
      vscode.workspace.registerTextDocumentContentProvider(LOG_SCHEME, this),
      vscode.workspace.onDidCloseTextDocument((doc) => {
        if (doc.uri.scheme !== LOG_SCHEME) return;
        const key = doc.uri.toString();
        // VS Code reports a language change (setTextDocumentLanguage to adatrap-log) as a close followed by an
        // open of the same document, which stays in textDocuments: only a real close frees the cached text.
        if (vscode.workspace.textDocuments.some((open) => open.uri.toString() === key)) return;
        this.loaded.delete(key);
      }),
    );
  }

  async provideTextDocumentContent(uri: vscode.Uri, token: vscode.CancellationToken): Promise<string> {
    const cached = this.loaded.get(uri.toString());
    if (cached) return cached.text;
    const stream: LoadedStream = { text: '', eventCount: 0, atLastTimestamp: new Map() };
    await this.readInto(uri, stream, undefined, token);
    this.loaded.set(uri.toString(), stream);
    return stream.text;
  }

  /** Appends the events that arrived since the document was read; resolves with how many once it shows them. */
  async loadNewer(uri: vscode.Uri, token?: vscode.CancellationToken): Promise<number> {
    const stream = this.loaded.get(uri.toString());
    if (!stream) return 0;
    const before = stream.eventCount;
    await this.readInto(uri, stream, stream.lastTimestamp, token);
    const added = stream.eventCount - before;
    if (added > 0) {
      // VS Code asks for the new text after the change event and diffs it in a worker (slow on a large log):
      // wait until the document holds all of it, so callers can reveal the end.
      const shown = documentReaches(uri, stream.text, DOCUMENT_UPDATE_TIMEOUT_MS);
      this.changed.fire(uri);
      await shown;
    }
    return added;
  }

  eventCount(uri: vscode.Uri): number {
    return this.loaded.get(uri.toString())?.eventCount ?? 0;
  }

  private async readInto(
    uri: vscode.Uri,
    stream: LoadedStream,
    from: number | undefined,
    token?: vscode.CancellationToken,
  ): Promise<void> {
    const ref = fromLogUri(uri);
    const start = from ?? ref.start;
    // Re-reading from the last timestamp returns again the events already shown at that instant, in an order
    // the service does not promise: skip them by content (as a multiset, so repeated lines stay distinct).
    const toSkip = from !== undefined ? new Map(stream.atLastTimestamp) : new Map<string, number>();
    const lines: string[] = [];
    for await (const event of this.logs().read(ref.group, ref.stream, { start, end: ref.end })) {
      if (token?.isCancellationRequested) throw new vscode.CancellationError();
      const pending = event.timestamp === from ? (toSkip.get(event.message) ?? 0) : 0;
      if (pending > 0) {
        toSkip.set(event.message, pending - 1);
        continue;
      }
      lines.push(renderEvent(event));
      stream.eventCount += 1;
      if (event.timestamp !== stream.lastTimestamp) {
        stream.lastTimestamp = event.timestamp;
        stream.atLastTimestamp = new Map();
      }
      stream.atLastTimestamp.set(event.message, (stream.atLastTimestamp.get(event.message) ?? 0) + 1);
    }
    if (lines.length) stream.text += `${lines.join('\n')}\n`;
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
    this.loaded.clear();
  }
}

function documentReaches(uri: vscode.Uri, text: string, timeoutMs: number): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      listener.dispose();
      resolve();
    };
    const listener = vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.document.uri.toString() === uri.toString() && e.document.getText().length === text.length) done();
    });
    const timer = setTimeout(done, timeoutMs);
  });
}

/**
 * The agent writes "YYYY-MM-DD HH:MM:SS<TAB>LEVEL: message" in Santiago time; other writers' events get the time
 * in front. With `adatrap.logs.timeZone` = utc every line starts with its UTC time instead (core eventLine).
 */
export function renderEvent(event: LogEvent): string {
  return eventLine(event, logTimeZone());
}
