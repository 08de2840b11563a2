// Ready-made Logs Insights queries over the agent's log lines (`YYYY-MM-DD HH:MM:SS<TAB>LEVEL: message`, in
// Spanish or English: agent catalogue). Each run writes to its instance stream (`i-...`) and to the general
// stream; the queries read the instance streams only, so a run counts once.
// Syntax: CWL_QuerySyntax (fields, filter, parse, stats ... by bin(), sort, limit).
import { tIn, type Lang, type MessageKey } from './i18n';

interface ReadyQuery {
  name: string;
  title: MessageKey;
  query: string;
}

/**
 * The agent's "step finished" line (`machine.stepDone`, written by agent/processDay.ts through StepTimer) as the
 * regular expression the step-durations query parses, in every language the agent logs in: built from the
 * catalogue itself, so rewording the message cannot silently empty the query. Named groups `step` (the step's
 * id: executable, chooseInputs, download, unpack, par, run, pack, publish) and `seconds`. Failed steps
 * (`machine.stepFailed`) are left out: their time is not the step's duration.
 */
export function stepDonePattern(languages: readonly Lang[] = STEP_LINE_LANGUAGES): string {
  const STEP = '\u0000step\u0000';
  const SECONDS = '\u0000seconds\u0000';
  const before = new Set<string>();
  const between = new Set<string>();
  const after = new Set<string>();
  for (const lang of languages) {
    const text = tIn(lang, 'machine.stepDone', { step: STEP, seconds: SECONDS });
    const [head, rest] = text.split(STEP);
    const [middle, tail] = (rest ?? '').split(SECONDS);
    if (head === undefined || middle === undefined || tail === undefined)
      throw new Error(`machine.stepDone (${lang}) must name {step} before {seconds}`);
    before.add(regexLiteral(head));
    between.add(regexLiteral(middle));
    after.add(regexLiteral(tail));
  }
  const anyOf = (parts: Set<string>): string => (parts.size === 1 ? [...parts][0] : `(?:${[...parts].join('|')})`);
  return `INFO: ${anyOf(before)}(?<step>[A-Za-z]+)${anyOf(between)}(?<seconds>\\d+(?:\\.\\d+)?)${anyOf(after)}$`;
}

const STEP_LINE_LANGUAGES: readonly Lang[] = ['es', 'en'];

/** Text as a regular expression matching exactly it; `/` escaped too, the query's delimiter. */
function regexLiteral(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

export const READY_QUERIES: readonly ReadyQuery[] = [
  {
    name: 'failed-runs',
    title: 'logsearch.query.failedRuns',
    query: [
      'fields @timestamp, @logStream, @message',
      '| filter @logStream like /^i-/ and @message like /ERROR: /',
      '| parse @message /(?:Proceso ADATRAP para|ADATRAP process for) (?<date>\\d{4}-\\d{2}-\\d{2}) (?:falló en la instancia|failed on instance) (?<instance>[^:]+): (?<reason>.+)$/',
      '| filter ispresent(reason)',
      '| stats count(*) as failures, count_distinct(date) as days by reason',
      '| sort failures desc',
    ].join('\n'),
  },
  {
    name: 'step-durations',
    title: 'logsearch.query.stepDurations',
    query: [
      'fields @timestamp, @message',
      '| filter @logStream like /^i-/',
      `| parse @message /${stepDonePattern()}/`,
      '| filter ispresent(seconds)',
      '| stats count(*) as times, avg(seconds) as avg_s, max(seconds) as max_s by bin(1d) as day, step',
      '| sort day desc',
    ].join('\n'),
  },
  {
    name: 'exe-warnings',
    title: 'logsearch.query.exeWarnings',
    query: [
      'fields @timestamp, @logStream, @message',
      '| filter @logStream like /^i-/ and @message like /(?i)(advertencia|warning|\\bwarn\\b)/',
      '| sort @timestamp desc',
      '| limit 500',
    ].join('\n'),
  },
  {
    name: 'errors',
    title: 'logsearch.query.errors',
    query: [
      'fields @timestamp, @logStream, @message',
      '| filter @message like /\\tERROR: /',
      '| sort @timestamp desc',
      '| limit 1000',
    ].join('\n'),
  },
];

export function readyQuery(name: string): ReadyQuery | undefined {
  return READY_QUERIES.find((q) => q.name === name);
}

export const READY_QUERY_NAMES = READY_QUERIES.map((q) => q.name);

const INSIGHTS_TIME = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2})\.\d{3}$/;

/** Insights writes @timestamp as `YYYY-MM-DD HH:MM:SS.mmm` in UTC; the instant it names, or undefined. */
export function insightsInstant(value: string): number | undefined {
  const m = INSIGHTS_TIME.exec(value);
  return m ? Date.parse(`${m[1]}T${m[2]}Z`) : undefined;
}

/** CSV with the quoting RFC 4180 asks for (a cell with a comma, quote or line break is quoted). */
export function toCsv(fields: readonly string[], rows: ReadonlyArray<Record<string, string>>): string {
  const cell = (v: string): string => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  return (
    [fields, ...rows.map((r) => fields.map((f) => r[f] ?? ''))].map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n'
  );
}
