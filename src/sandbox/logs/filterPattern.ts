// CloudWatch Logs filter patterns, as FilterLogEvents, StartLiveTail (logEventFilterPattern) and metric filters
// read them. Semantics from "Filter pattern syntax for metric filters, subscription filters, filter log events,
// and Live Tail" (https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/FilterAndPatternSyntax.html) and the
// FilterLogEvents `filterPattern` examples ("ERROR", "ERROR Exception", "?ERROR ?Exception", "-ERROR"):
// - an empty pattern matches every event;
// - terms are case-sensitive and must all appear (AND); `"a phrase"` is one term;
// - `?term` terms are alternatives: at least one of them must appear;
// - `-term` (or `-"a phrase"`) must not appear;
// - a term with characters other than letters, digits and `_` must be in double quotes (the service refuses it
//   otherwise: "Invalid character(s) in term");
// - `%regex%` matches a regular expression (only the documented characters; no `(...)` groups, at most two);
// - `{ $.field OP value }` compares fields of a JSON message (`=`/`!=` with strings and `*` wildcards, numeric
//   `= != < <= > >=`, `IS TRUE|FALSE|NULL`, `NOT EXISTS`, joined with `&&`/`||`, parentheses).
// Space-delimited `[a, b, ...]` patterns are not emulated: the sandbox refuses them (README, sandbox section).
import { LogsError } from './store';

export type Matcher = (message: string) => boolean;

/** Filter patterns with regular expressions may hold at most two of them (FilterAndPatternSyntax, quotas). */
const MAX_REGEX_PER_PATTERN = 2;
/** FilterLogEvents / StartLiveTail: `filterPattern` is at most 1024 characters (API reference). */
const MAX_PATTERN_LENGTH = 1024;

export function compileFilterPattern(pattern: string): Matcher {
  if (pattern.length > MAX_PATTERN_LENGTH)
    invalid(`The filter pattern is longer than ${MAX_PATTERN_LENGTH} characters.`);
  const text = pattern.trim();
  if (text === '') return () => true;
  if (text.startsWith('{')) return compileJson(text);
  if (text.startsWith('[')) invalid('Space-delimited filter patterns ([w1, w2, ...]) are not emulated by the sandbox.');
  return compileTerms(text);
}

// ---- terms, phrases, alternatives, exclusions, regex -------------------------------------------------------

const PLAIN_TERM = /^[\p{L}\p{N}_]+$/u;
const REGEX_ALLOWED = /^[A-Za-z0-9:_#=@/;,\-^$?[\]{}|\\*+. ]+$/;

function compileTerms(text: string): Matcher {
  const required: Matcher[] = [];
  const optional: Matcher[] = [];
  const excluded: Matcher[] = [];
  let regexCount = 0;
  let i = 0;
  while (i < text.length) {
    if (/\s/.test(text[i] as string)) {
      i++;
      continue;
    }
    let kind: 'required' | 'optional' | 'excluded' = 'required';
    if (text[i] === '?') kind = 'optional';
    else if (text[i] === '-') kind = 'excluded';
    if (kind !== 'required') i++;
    let matcher: Matcher;
    const c = text[i];
    if (c === '"') {
      const end = text.indexOf('"', i + 1);
      if (end < 0) invalid('Unbalanced quotation marks in the filter pattern.');
      const phrase = text.slice(i + 1, end);
      matcher = (m) => m.includes(phrase);
      i = end + 1;
    } else if (c === '%') {
      const end = text.indexOf('%', i + 1);
      if (end < 0) invalid('Unbalanced % in the filter pattern (a regular expression is written %regex%).');
      const source = text.slice(i + 1, end);
      regexCount++;
      if (regexCount > MAX_REGEX_PER_PATTERN) {
        invalid(`A filter pattern may hold at most ${MAX_REGEX_PER_PATTERN} regular expressions.`);
      }
      matcher = compileRegex(source);
      i = end + 1;
    } else {
      let end = i;
      while (end < text.length && !/\s/.test(text[end] as string)) end++;
      const term = text.slice(i, end);
      if (term === '') invalid('A ? or - must be followed by a term.');
      if (!PLAIN_TERM.test(term)) invalid(`Invalid character(s) in term '${term}'`);
      matcher = (m) => m.includes(term);
      i = end;
    }
    (kind === 'required' ? required : kind === 'optional' ? optional : excluded).push(matcher);
  }
  return (m) =>
    required.every((f) => f(m)) && (optional.length === 0 || optional.some((f) => f(m))) && !excluded.some((f) => f(m));
}

function compileRegex(source: string): Matcher {
  if (source === '' || !REGEX_ALLOWED.test(source) || /[()]/.test(source)) {
    invalid(`Invalid regular expression %${source}% in the filter pattern.`);
  }
  let re: RegExp;
  try {
    re = new RegExp(source);
  } catch {
    invalid(`Invalid regular expression %${source}% in the filter pattern.`);
  }
  return (m) => re.test(m);
}

// ---- JSON selectors ----------------------------------------------------------------------------------------

type Json = unknown;
type JsonTest = (doc: Json) => boolean;

function compileJson(text: string): Matcher {
  if (!text.endsWith('}')) invalid('A JSON filter pattern must end with }.');
  const parser = new JsonPatternParser(text.slice(1, -1));
  const test = parser.parse();
  return (m) => {
    let doc: Json;
    try {
      doc = JSON.parse(m);
    } catch {
      return false;
    }
    return typeof doc === 'object' && doc !== null && test(doc);
  };
}

class JsonPatternParser {
  private i = 0;
  constructor(private readonly s: string) {}

  parse(): JsonTest {
    const test = this.or();
    this.skip();
    if (this.i < this.s.length) invalid(`Unexpected '${this.s.slice(this.i)}' in the JSON filter pattern.`);
    return test;
  }

  private or(): JsonTest {
    let left = this.and();
    while (this.eat('||')) {
      const a = left;
      const b = this.and();
      left = (d) => a(d) || b(d);
    }
    return left;
  }

  private and(): JsonTest {
    let left = this.term();
    while (this.eat('&&')) {
      const a = left;
      const b = this.term();
      left = (d) => a(d) && b(d);
    }
    return left;
  }

  private term(): JsonTest {
    if (this.eat('(')) {
      const inner = this.or();
      if (!this.eat(')')) invalid('Unbalanced parentheses in the JSON filter pattern.');
      return inner;
    }
    this.skip();
    const path = /^\$((?:\.[A-Za-z_@][\w@-]*|\[\d+\])+)/.exec(this.s.slice(this.i));
    if (!path) invalid('A JSON filter pattern compares selectors written $.field.');
    this.i += path[0].length;
    const get = selector(path[1] as string);
    this.skip();
    const rest = this.s.slice(this.i);
    const keyword = /^(IS\s+(TRUE|FALSE|NULL)|NOT\s+EXISTS)\b/i.exec(rest);
    if (keyword) {
      this.i += keyword[0].length;
      const k = keyword[0].replace(/\s+/g, ' ').toUpperCase();
      if (k === 'IS TRUE') return (d) => get(d) === true;
      if (k === 'IS FALSE') return (d) => get(d) === false;
      if (k === 'IS NULL') return (d) => get(d) === null;
      return (d) => get(d) === undefined;
    }
    const op = /^(!=|<=|>=|=|<|>)/.exec(rest);
    if (!op) invalid('Expected =, !=, <, <=, >, >= or IS after a JSON selector.');
    this.i += (op[1] as string).length;
    this.skip();
    const value = this.value();
    return comparison(get, op[1] as string, value);
  }

  private value(): { kind: 'number'; n: number } | { kind: 'string'; re: RegExp } {
    const rest = this.s.slice(this.i);
    const quoted = /^"((?:[^"\\]|\\.)*)"/.exec(rest);
    const bare = quoted ? undefined : /^[^\s&|()]+/.exec(rest);
    const raw = quoted ? (quoted[1] as string) : bare?.[0];
    if (raw === undefined) invalid('A JSON comparison needs a value.');
    this.i += (quoted ?? bare)?.[0].length ?? 0;
    if (!quoted && /^-?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(raw)) return { kind: 'number', n: Number(raw) };
    const escaped = raw.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*');
    return { kind: 'string', re: new RegExp(`^${escaped}$`) };
  }

  private eat(token: string): boolean {
    this.skip();
    if (!this.s.startsWith(token, this.i)) return false;
    this.i += token.length;
    return true;
  }

  private skip(): void {
    while (this.i < this.s.length && /\s/.test(this.s[this.i] as string)) this.i++;
  }
}

function selector(path: string): (doc: Json) => Json {
  const steps = [...path.matchAll(/\.([A-Za-z_@][\w@-]*)|\[(\d+)\]/g)].map((m) => m[1] ?? Number(m[2]));
  return (doc) => {
    let at: Json = doc;
    for (const step of steps) {
      if (typeof at !== 'object' || at === null) return undefined;
      at = (at as Record<string | number, Json>)[step];
    }
    return at;
  };
}

function comparison(
  get: (d: Json) => Json,
  op: string,
  value: { kind: 'number'; n: number } | { kind: 'string'; re: RegExp },
): JsonTest {
  if (value.kind === 'string') {
    if (op !== '=' && op !== '!=') invalid(`${op} compares numbers only in a JSON filter pattern.`);
    const re = value.re;
    return (d) => {
      const v = get(d);
      if (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean') return false;
      return re.test(String(v)) === (op === '=');
    };
  }
  const n = value.n;
  return (d) => {
    const v = get(d);
    if (typeof v !== 'number') return false;
    switch (op) {
      case '=':
        return v === n;
      case '!=':
        return v !== n;
      case '<':
        return v < n;
      case '<=':
        return v <= n;
      case '>':
        return v > n;
      default:
        return v >= n;
    }
  };
}

function invalid(message: string): never {
  throw new LogsError('InvalidParameterException', message);
}
