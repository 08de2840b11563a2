// "ADATRAP: Search Logs…" (FilterLogEvents over the log group, results grouped by stream, each hit linking to
// its run's log) and "ADATRAP: Run Logs Insights Query…" (a ready-made or typed query, results as a Markdown
// table), both over a picked time range, with progress and cancel (StopQuery for Insights).
import * as vscode from 'vscode';
import { UserError } from '../../core/errors';
import { READY_QUERIES, insightsInstant, readyQuery } from '../../core/insightsQueries';
import { t } from '../../core/i18n';
import { eventLine, zoneTimestamp, type LogTimeZone } from '../../core/logFormat';
import {
  DEFAULT_INSIGHTS_SINCE,
  DEFAULT_SEARCH_SINCE,
  parseTimeBound,
  parseTimeWindow,
  type TimeWindowMs,
} from '../../core/timeRange';
import { CloudWatchLogSearch, type SearchHit } from '../../aws/logSearch';
import { logTimeZone } from '../logs/logTimeZone';
import { toLogUri } from '../logs/logUri';
import type { ResultDocuments, ResultLink } from '../logs/resultDocuments';
import { withCancellableProgress } from '../progress';
import type { AdatrapServices } from '../services';
import { COMMANDS } from './commandIds';
import type { CommandModule } from './commandModule';

/** More hits than this are not shown (the document says so): narrow the pattern or the range. */
const MAX_SHOWN_HITS = 10_000;
const EXAMPLE_PATTERN = 'ERROR';
const INSTANCE_ID = /\bi-[0-9a-f]{8,17}\b/g;

/** Arguments that skip the prompts (other commands and tests). Times as --since/--until take them. */
interface SearchRequest {
  pattern: string;
  since?: string;
  until?: string;
  streams?: string[];
}

interface InsightsRequestArg {
  name?: string;
  query?: string;
  since?: string;
  until?: string;
}

export interface SearchOutcome {
  uri: vscode.Uri;
  hits: number;
  streams: string[];
}

export interface InsightsOutcome {
  uri: vscode.Uri;
  fields: string[];
  rows: number;
}

function isSearchRequest(arg: unknown): arg is SearchRequest {
  return typeof arg === 'object' && arg !== null && typeof (arg as SearchRequest).pattern === 'string';
}

function isInsightsRequest(arg: unknown): arg is InsightsRequestArg {
  const a = arg as InsightsRequestArg | undefined;
  return typeof a === 'object' && a !== null && (typeof a.name === 'string' || typeof a.query === 'string');
}

const RANGES: ReadonlyArray<{ since: string; label: () => string }> = [
  { since: '15m', label: () => vscode.l10n.t('Last 15 minutes') },
  { since: '1h', label: () => vscode.l10n.t('Last hour') },
  { since: '6h', label: () => vscode.l10n.t('Last 6 hours') },
  { since: '1d', label: () => vscode.l10n.t('Last day') },
  { since: '3d', label: () => vscode.l10n.t('Last 3 days') },
  { since: '7d', label: () => vscode.l10n.t('Last 7 days') },
  { since: '30d', label: () => vscode.l10n.t('Last 30 days') },
];

/** The time-range pick: a preset, or Custom… asking for a start and an optional end (any --since form). */
async function pickWindow(title: string): Promise<TimeWindowMs | undefined> {
  const custom = vscode.l10n.t('Custom range…');
  const choice = await vscode.window.showQuickPick(
    [
      ...RANGES.map((r) => ({ label: r.label(), since: r.since as string | undefined })),
      { label: custom, since: undefined },
    ],
    { title, placeHolder: vscode.l10n.t('Time range') },
  );
  if (!choice) return undefined;
  if (choice.since) return parseTimeWindow(choice.since, undefined, choice.since);
  const validate =
    (option: string, bound: 'start' | 'end', optional: boolean) =>
    (text: string): string | undefined => {
      if (optional && text.trim() === '') return undefined;
      try {
        parseTimeBound(text, option, bound);
        return undefined;
      } catch (e) {
        return e instanceof Error ? e.message : String(e);
      }
    };
  const since = await vscode.window.showInputBox({
    title,
    prompt: vscode.l10n.t('From: a date or date-time in Santiago time (2020-06-30, 2020-06-30 08:00), or 2h, 3d back'),
    placeHolder: '2020-06-30 08:00',
    validateInput: validate('--since', 'start', false),
    ignoreFocusOut: true,
  });
  if (since === undefined) return undefined;
  const until = await vscode.window.showInputBox({
    title,
    prompt: vscode.l10n.t('Up to (included): same forms; leave empty for now'),
    validateInput: validate('--until', 'end', true),
    ignoreFocusOut: true,
  });
  if (until === undefined) return undefined;
  return parseTimeWindow(since, until.trim() || undefined, since);
}

function windowText(w: TimeWindowMs, zone: LogTimeZone): string {
  const show = (ms: number): string => zoneTimestamp(ms, zone);
  return `${show(w.start)} .. ${show(w.end - 1)} ${zone === 'utc' ? 'UTC' : vscode.l10n.t('(Santiago time)')}`;
}

/** What to search for and when: from the arguments, or asked (a pattern, then a time range). */
async function searchRequest(arg: unknown): Promise<{ request: SearchRequest; window: TimeWindowMs } | undefined> {
  if (isSearchRequest(arg))
    return { request: arg, window: parseTimeWindow(arg.since, arg.until, DEFAULT_SEARCH_SINCE) };
  const pattern = await vscode.window.showInputBox({
    title: vscode.l10n.t('Search Logs'),
    prompt: vscode.l10n.t(
      'CloudWatch filter pattern: terms that must all appear (case-sensitive), "a phrase", ?either ?or, -excluded. Quote terms with - or : ("i-0abc").',
    ),
    // A pattern, not words: the same in every language.
    placeHolder: EXAMPLE_PATTERN,
    ignoreFocusOut: true,
  });
  if (pattern === undefined) return undefined;
  const window = await pickWindow(vscode.l10n.t('Search Logs: {0}', pattern || '*'));
  return window ? { request: { pattern }, window } : undefined;
}

async function searchLogs(
  services: AdatrapServices,
  docs: ResultDocuments,
  arg: unknown,
): Promise<SearchOutcome | undefined> {
  const session = services.config.aws();
  const asked = await searchRequest(arg);
  if (!asked) return undefined;
  const { request, window } = asked;
  const group = session.config.logGroup;
  const search = new CloudWatchLogSearch(session.clients.logs);
  const hits = await withCancellableProgress(
    vscode.l10n.t('Searching log group {0} for {1}…', group, request.pattern || '*'),
    async ({ signal, report }) => {
      const found: SearchHit[] = [];
      for await (const hit of search.search(group, {
        pattern: request.pattern,
        start: window.start,
        end: window.end,
        streams: request.streams,
        signal,
      })) {
        found.push(hit);
        if (found.length % 500 === 0) report(vscode.l10n.t('{0} events', found.length));
        if (found.length > MAX_SHOWN_HITS) break;
      }
      if (signal.aborted) throw new vscode.CancellationError();
      return found;
    },
  );
  const zone = logTimeZone();
  const { text, links, streams } = renderSearch(group, request.pattern, window, hits, zone);
  const uri = await docs.open(vscode.l10n.t('Search {0}', request.pattern || '*'), 'log', text, links);
  return { uri, hits: Math.min(hits.length, MAX_SHOWN_HITS), streams };
}

/** Groups by stream (the stream with the newest hit first), newest first within each, with links to each run. */
function renderSearch(
  group: string,
  pattern: string,
  window: TimeWindowMs,
  all: readonly SearchHit[],
  zone: LogTimeZone,
): { text: string; links: ResultLink[]; streams: string[] } {
  const truncated = all.length > MAX_SHOWN_HITS;
  const hits = all.slice(0, MAX_SHOWN_HITS);
  const byStream = new Map<string, SearchHit[]>();
  for (const h of hits) {
    let list = byStream.get(h.stream);
    if (!list) byStream.set(h.stream, (list = []));
    list.push(h);
  }
  const lines: string[] = [
    `# ${vscode.l10n.t('Search {0} in log group {1}, {2}', JSON.stringify(pattern), group, windowText(window, zone))}`,
    `# ${vscode.l10n.t('{0} events in {1} streams, newest first.', hits.length, byStream.size)}${
      truncated
        ? ` ${vscode.l10n.t('Only the newest {0} are shown: narrow the pattern or the range.', MAX_SHOWN_HITS)}`
        : ''
    }`,
  ];
  const links: ResultLink[] = [];
  const streamLink = (stream: string, start?: number): vscode.Uri =>
    toLogUri({ group, stream, ...(start !== undefined ? { start } : {}) });
  for (const [stream, list] of byStream) {
    lines.push('');
    const heading = `== ${stream} (${vscode.l10n.t('{0} events', list.length)}) ==`;
    links.push({
      line: lines.length,
      start: 3,
      end: 3 + stream.length,
      target: streamLink(stream),
      tooltip: vscode.l10n.t('Open log stream {0}', stream),
    });
    lines.push(heading);
    for (const h of list) {
      const line = eventLine(h, zone);
      const at = lines.length;
      // The time opens the stream a minute before the hit; an instance id opens that run's stream.
      const timeEnd = line.indexOf('\t') > 0 ? line.indexOf('\t') : 0;
      if (timeEnd > 0)
        links.push({ line: at, start: 0, end: timeEnd, target: streamLink(stream, h.timestamp - 60_000) });
      for (const m of line.matchAll(INSTANCE_ID)) {
        links.push({ line: at, start: m.index ?? 0, end: (m.index ?? 0) + m[0].length, target: streamLink(m[0]) });
      }
      lines.push(line);
    }
  }
  return { text: `${lines.join('\n')}\n`, links, streams: [...byStream.keys()] };
}

/** Which query, under which title, over when: from the arguments (a ready query's name or a query), or asked. */
async function insightsRequest(
  arg: unknown,
): Promise<{ query: string; title: string; window: TimeWindowMs } | undefined> {
  if (isInsightsRequest(arg)) {
    const ready = arg.name !== undefined ? readyQuery(arg.name) : undefined;
    if (arg.name !== undefined && !ready) {
      throw new UserError(
        t('logsearch.insights.unknown', { name: arg.name, names: READY_QUERIES.map((q) => q.name).join(', ') }),
      );
    }
    return {
      query: ready?.query ?? arg.query ?? '',
      title: ready ? t(ready.title) : vscode.l10n.t('Logs Insights query'),
      window: parseTimeWindow(arg.since, arg.until, DEFAULT_INSIGHTS_SINCE),
    };
  }
  const customLabel = vscode.l10n.t('Write a query…');
  const pick = await vscode.window.showQuickPick(
    [
      ...READY_QUERIES.map((q) => ({ label: t(q.title), description: q.name, query: q.query as string | undefined })),
      { label: customLabel, description: '', query: undefined },
    ],
    { title: vscode.l10n.t('Run Logs Insights Query'), placeHolder: vscode.l10n.t('Which query?') },
  );
  if (!pick) return undefined;
  let chosen = pick.query;
  if (chosen === undefined) {
    chosen = await vscode.window.showInputBox({
      title: vscode.l10n.t('Run Logs Insights Query'),
      prompt: vscode.l10n.t('Logs Insights query (fields, filter, parse, stats … by, sort, limit)'),
      value:
        'fields @timestamp, @logStream, @message | filter @message like /ERROR/ | sort @timestamp desc | limit 100',
      ignoreFocusOut: true,
    });
    if (!chosen) return undefined;
  }
  const window = await pickWindow(pick.label);
  if (!window) return undefined;
  return { query: chosen, title: pick.query ? pick.label : vscode.l10n.t('Logs Insights query'), window };
}

async function runInsightsQuery(
  services: AdatrapServices,
  docs: ResultDocuments,
  arg: unknown,
): Promise<InsightsOutcome | undefined> {
  const session = services.config.aws();
  const asked = await insightsRequest(arg);
  if (!asked) return undefined;
  const { query, title, window } = asked;
  const group = session.config.logGroup;
  const result = await withCancellableProgress(vscode.l10n.t('Logs Insights: {0}', title), ({ signal, report }) =>
    new CloudWatchLogSearch(session.clients.logs).insights({
      group,
      query,
      start: window.start,
      end: window.end,
      signal,
      onStatus: report,
    }),
  );
  const zone = logTimeZone();
  const text = renderInsights(title, group, query, window, result.fields, result.rows, zone, {
    matched: result.recordsMatched,
    scanned: result.recordsScanned,
  });
  const uri = await docs.open(title, 'md', text);
  return { uri, fields: result.fields, rows: result.rows.length };
}

/** A Markdown table (cells escaped), event times in the chosen zone, the query and its statistics below. */
function renderInsights(
  title: string,
  group: string,
  query: string,
  window: TimeWindowMs,
  fields: readonly string[],
  rows: ReadonlyArray<Record<string, string>>,
  zone: LogTimeZone,
  stats: { matched: number; scanned: number },
): string {
  const cell = (v: string): string =>
    v
      .replace(/\\/g, '\\\\')
      .replace(/\|/g, '\\|')
      .replace(/\s*\n\s*/g, ' ');
  const shown = (field: string, v: string): string => {
    const instant = field === '@timestamp' || field === '@ingestionTime' ? insightsInstant(v) : undefined;
    return instant === undefined ? v : zoneTimestamp(instant, zone);
  };
  const out = [`# ${title}`, '', vscode.l10n.t('Log group {0}, {1}.', group, windowText(window, zone)), ''];
  if (rows.length === 0) out.push(vscode.l10n.t('No results.'), '');
  else {
    out.push(`| ${fields.map(cell).join(' | ')} |`, `| ${fields.map(() => '---').join(' | ')} |`);
    for (const r of rows) out.push(`| ${fields.map((f) => cell(shown(f, r[f] ?? ''))).join(' | ')} |`);
    out.push('');
  }
  out.push(
    vscode.l10n.t('{0} rows; {1} records matched of {2} scanned.', rows.length, stats.matched, stats.scanned),
    '',
    '```',
    query,
    '```',
    '',
  );
  return out.join('\n');
}

export const searchCommands: CommandModule = {
  commands: (services) => {
    const docs = services.results;
    return {
      [COMMANDS.searchLogs]: (arg?: unknown) => searchLogs(services, docs, arg),
      [COMMANDS.runInsightsQuery]: (arg?: unknown) => runInsightsQuery(services, docs, arg),
    };
  },
};
