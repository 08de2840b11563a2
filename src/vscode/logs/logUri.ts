// `adatrap-log:` URIs carry everything needed to read a stream (the aws-cwl: idea of the AWS Toolkit), so a
// document can be reopened or reloaded without any other state. The path ends in the stream name and `.log`
// for a readable tab title and the log language.
import * as vscode from 'vscode';

export const LOG_SCHEME = 'adatrap-log';

export interface LogStreamRef {
  readonly group: string;
  readonly stream: string;
  /** Milliseconds since the epoch, inclusive. */
  readonly start?: number;
  /** Milliseconds since the epoch, exclusive. */
  readonly end?: number;
}

export function toLogUri(ref: LogStreamRef): vscode.Uri {
  const query = new URLSearchParams({ group: ref.group, stream: ref.stream });
  if (ref.start !== undefined) query.set('start', String(ref.start));
  if (ref.end !== undefined) query.set('end', String(ref.end));
  return vscode.Uri.from({
    scheme: LOG_SCHEME,
    path: `/${ref.stream.replace(/[/\\]/g, '_')}.log`,
    query: query.toString(),
  });
}

export function fromLogUri(uri: vscode.Uri): LogStreamRef {
  const query = new URLSearchParams(uri.query);
  const group = query.get('group');
  const stream = query.get('stream');
  if (uri.scheme !== LOG_SCHEME || !group || !stream) throw new Error(`not an ${LOG_SCHEME} URI: ${uri.toString()}`);
  const number = (name: string): number | undefined => {
    const value = query.get(name);
    return value === null || value === '' || Number.isNaN(Number(value)) ? undefined : Number(value);
  };
  return { group, stream, start: number('start'), end: number('end') };
}
