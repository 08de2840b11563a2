// The tags of a run, read as what they are: text anyone with ec2:CreateTags on the machine (the agent, a script,
// a person in the console) may have written. Each is parsed strictly; a value that does not parse is dropped
// and named, so the run shows "unknown" instead of a wrong date, a bogus deadline or a path built from junk.
import { isIsoDate } from './dates';
import { TAG } from './launchPlan';
import { escapeControl } from './logFormat';

/** The tag keys whose values are parsed, not just shown. */
export type ParsedTag = 'date' | 'deadline' | 'status';

interface RunTags {
  /** YYYY-MM-DD, a real calendar day. */
  date?: string;
  /** A real instant, as an ISO 8601 string with its zone (what launchPlan writes: toISOString()). */
  deadline?: string;
  /** `running`, `succeeded`, `failed` or `failed: <reason>` (the reason shown escaped). */
  status?: string;
  version?: string;
  name?: string;
  /** Tags that were there but did not parse: the run shows these as unknown. */
  unknown: ParsedTag[];
}

/** EC2 tag values are at most 256 Unicode characters (EC2 User Guide, "Tag restrictions"). */
const TAG_VALUE_MAX = 256;

// Date, time, optional fraction, and a zone: Z or ±HH:MM. Date.parse alone accepts "2020", "June 29" and more.
const INSTANT = /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d{1,9})?(Z|[+-](0\d|1[0-4]):[0-5]\d)$/;

/** A real instant written the way a machine writes one (`2020-06-30T04:00:00.000Z`), else undefined. */
export function parseInstant(text: string): Date | undefined {
  const m = INSTANT.exec(text);
  if (!m || !isIsoDate(m[1] ?? '')) return undefined;
  const ms = Date.parse(text);
  return Number.isFinite(ms) ? new Date(ms) : undefined;
}

/** The agent's outcome vocabulary; anything else is not trusted. */
export function parseStatus(text: string): string | undefined {
  if (text === 'running' || text === 'succeeded' || text === 'failed') return text;
  const failed = /^failed: ?([\s\S]*)$/.exec(text);
  return failed ? shown(`failed: ${failed[1] ?? ''}`) : undefined;
}

/** Free text from a tag, safe to show: control characters escaped, never longer than a tag can be. */
function shown(text: string): string {
  const escaped = escapeControl(text).replace(/\n/g, ' ');
  return escaped.length <= TAG_VALUE_MAX ? escaped : `${escaped.slice(0, TAG_VALUE_MAX - 1)}…`;
}

export function parseRunTags(
  tags: ReadonlyMap<string, string>,
  keys: Record<ParsedTag | 'version' | 'name', string> = TAG,
): RunTags {
  const out: RunTags = { unknown: [] };
  const date = tags.get(keys.date);
  if (date !== undefined) {
    if (isIsoDate(date)) out.date = date;
    else out.unknown.push('date');
  }
  const deadline = tags.get(keys.deadline);
  if (deadline !== undefined) {
    if (parseInstant(deadline)) out.deadline = deadline;
    else out.unknown.push('deadline');
  }
  const status = tags.get(keys.status);
  if (status !== undefined) {
    const parsed = parseStatus(status);
    if (parsed !== undefined) out.status = parsed;
    else out.unknown.push('status');
  }
  const version = tags.get(keys.version);
  if (version !== undefined) out.version = shown(version);
  const name = tags.get(keys.name);
  if (name !== undefined) out.name = shown(name);
  return out;
}
