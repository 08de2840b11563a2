// The text of every log event the CLI and the agent write: `YYYY-MM-DD HH:MM:SS<TAB>INFO: message`, in
// Santiago's wall-clock time (the users' time, whatever the machine's zone), as the existing log readers expect.
import { santiagoTimestamp } from './santiagoTime';

export type LogLevel = 'INFO' | 'ERROR';

interface ParsedLogLine {
  /** Santiago wall-clock date, YYYY-MM-DD. */
  date: string;
  /** Santiago wall-clock time, HH:MM:SS. */
  time: string;
  level: LogLevel;
  message: string;
}

const LINE = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2})\t(INFO|ERROR): ([\s\S]*)$/;

export function formatLogLine(level: LogLevel, message: string, when: Date): string {
  return `${santiagoTimestamp(when)}\t${level}: ${message}`;
}

/** The parts of a line written by formatLogLine; undefined for any other text (e.g. raw executable output). */
export function parseLogLine(line: string): ParsedLogLine | undefined {
  const m = LINE.exec(line);
  if (!m) return undefined;
  return { date: m[1], time: m[2], level: m[3] as LogLevel, message: m[4] };
}

export type LogTimeZone = 'santiago' | 'utc';

const WRITER_TIMESTAMP = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\t/;

/** An instant as the user reads it: `YYYY-MM-DD HH:MM:SS` in Santiago time, or `2020-06-30T12:00:01Z` in UTC. */
export function zoneTimestamp(ms: number, zone: LogTimeZone): string {
  return zone === 'utc' ? new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z') : santiagoTimestamp(new Date(ms));
}

/**
 * One event as a readable line: its time in front, in Santiago time (the writers' own lines stay as written:
 * they already start with it) or in UTC (`2020-06-30T12:00:01Z`, replacing the writer's Santiago prefix).
 */
export function eventLine(event: { timestamp: number; message: string }, zone: LogTimeZone = 'santiago'): string {
  const message = escapeControl(event.message.replace(/\r?\n$/, ''));
  const own = WRITER_TIMESTAMP.test(message);
  if (zone === 'santiago') return own ? message : `${santiagoTimestamp(new Date(event.timestamp))}\t${message}`;
  return `${zoneTimestamp(event.timestamp, 'utc')}\t${own ? message.replace(WRITER_TIMESTAMP, '') : message}`;
}

// C0 controls but tab and newline, DEL, and C1 controls (U+0080-U+009F: U+009B is a one-character CSI to many
// terminals). A run can write anything into its log and tags; a terminal or an editor must not obey it.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /\r\n|[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

/**
 * The one way text a machine wrote (log events, tags) is shown: every control character becomes `\xHH`
 * (ESC -> `\x1b`, BEL -> `\x07`, NUL -> `\x00`, U+009B -> `\x9b`). Tab and newline stay; a Windows CRLF is a
 * newline; a lone CR (which would overwrite the line) is escaped.
 */
export function escapeControl(text: string): string {
  return text.replace(CONTROL, (c) => (c === '\r\n' ? '\n' : `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`));
}

const JSON_UNESCAPED_CONTROL = /[\u007f-\u009f]/g;

/**
 * JSON.stringify for a terminal: it escapes C0 itself but leaves DEL and C1 raw; these become `\u00XX`
 * (still valid JSON, and the same string once parsed).
 */
export function terminalJson(value: unknown, space?: number): string {
  return (JSON.stringify(value, null, space) ?? 'null').replace(
    JSON_UNESCAPED_CONTROL,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
