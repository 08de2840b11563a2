// The CloudWatch Logs Insights query language, the subset our ready-made queries and users' simple queries use
// ("CloudWatch Logs Insights language query syntax", https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/CWL_QuerySyntax.html):
//   fields F [as A], ...        display F, ...
//   filter COND                 (= != < <= > >=, like /re/ | "text", not like, =~ /re/, in [..], ispresent(F),
//                                and / or / not, parentheses; `/(?i).../` is case-insensitive)
//   parse F /re with (?<name>)/ parse F "glob * text *" as a, b
//   stats count(*)|count(F)|count_distinct(F)|sum|avg|min|max(F) [as A], ... [by F [as A] | bin(5m) [as A], ...]
//   sort F [asc|desc], ...      limit N   (N <= 10,000: StartQuery's limit, CWL_QuerySyntax-Limit)
// Anything else is a MalformedQueryException, as the service answers a query it cannot compile.

type Value = string | number | undefined;
type Row = Map<string, Value>;

export class QueryCompileError extends Error {}

type Cond =
  | { kind: 'and' | 'or'; left: Cond; right: Cond }
  | { kind: 'not'; inner: Cond }
  | { kind: 'compare'; op: string; left: Operand; right: Operand }
  | { kind: 'regex'; field: string; re: RegExp; negate: boolean }
  | { kind: 'contains'; field: string; text: string; negate: boolean }
  | { kind: 'in'; field: string; values: Value[]; negate: boolean }
  | { kind: 'present'; field: string };

type Operand = { kind: 'field'; name: string } | { kind: 'literal'; value: Value };

interface Aggregate {
  fn: 'count' | 'count_distinct' | 'sum' | 'avg' | 'min' | 'max';
  field?: string;
  as: string;
}

interface GroupKey {
  field?: string;
  binMs?: number;
  as: string;
}

type Command =
  | { kind: 'fields'; items: Array<{ field: string; as: string }> }
  | { kind: 'display'; fields: string[] }
  | { kind: 'filter'; cond: Cond }
  | { kind: 'parse'; field: string; re: RegExp; names: string[] }
  | { kind: 'stats'; aggregates: Aggregate[]; by: GroupKey[] }
  | { kind: 'sort'; keys: Array<{ field: string; desc: boolean }> }
  | { kind: 'limit'; n: number };

export const MAX_QUERY_LIMIT = 10_000;

// ---- lexer ---------------------------------------------------------------------------------------------------

type Token =
  | { t: 'word'; v: string }
  | { t: 'num'; v: number; raw: string }
  | { t: 'str'; v: string }
  | { t: 're'; v: RegExp; src: string }
  | { t: 'op'; v: string };

const OPS = ['!=', '<=', '>=', '=~', '=', '<', '>', '(', ')', ',', '*', '[', ']', '|'];

function lex(query: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < query.length) {
    const c = query[i] as string;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === '#') {
      while (i < query.length && query[i] !== '\n') i++;
      continue;
    }
    if (c === '"' || c === "'") {
      let j = i + 1;
      let v = '';
      while (j < query.length && query[j] !== c) {
        if (query[j] === '\\' && j + 1 < query.length) j++;
        v += query[j];
        j++;
      }
      if (j >= query.length) fail('unterminated string');
      out.push({ t: 'str', v });
      i = j + 1;
      continue;
    }
    if (c === '/') {
      let j = i + 1;
      while (j < query.length && query[j] !== '/') {
        if (query[j] === '\\') j++;
        j++;
      }
      if (j >= query.length) fail('unterminated regular expression');
      let src = query.slice(i + 1, j);
      let flags = '';
      j++;
      while (j < query.length && /[a-z]/.test(query[j] as string)) flags += query[j++];
      if (src.startsWith('(?i)')) {
        src = src.slice(4);
        flags += 'i';
      }
      try {
        out.push({ t: 're', v: new RegExp(src, [...new Set(flags.replace(/[^ims]/g, ''))].join('')), src });
      } catch {
        fail(`invalid regular expression /${src}/`);
      }
      i = j;
      continue;
    }
    if (c === '`') {
      const j = query.indexOf('`', i + 1);
      if (j < 0) fail('unterminated `field`');
      out.push({ t: 'word', v: query.slice(i + 1, j) });
      i = j + 1;
      continue;
    }
    const num = /^-?\d+(\.\d+)?/.exec(query.slice(i));
    if (num && !/[A-Za-z_]/.test(query[i + num[0].length] ?? '')) {
      out.push({ t: 'num', v: Number(num[0]), raw: num[0] });
      i += num[0].length;
      continue;
    }
    // Names, and periods such as 5m or 1d (bin's argument).
    const word = /^(?:[@A-Za-z_][\w.@-]*|\d+[A-Za-z]+)/.exec(query.slice(i));
    if (word) {
      out.push({ t: 'word', v: word[0] });
      i += word[0].length;
      continue;
    }
    const op = OPS.find((o) => query.startsWith(o, i));
    if (!op) fail(`unexpected character '${c}'`);
    out.push({ t: 'op', v: op });
    i += op.length;
  }
  return out;
}

function fail(message: string): never {
  throw new QueryCompileError(message);
}

// ---- parser --------------------------------------------------------------------------------------------------

class Parser {
  private i = 0;
  constructor(private readonly tokens: Token[]) {}

  commands(): Command[] {
    const out: Command[] = [];
    for (;;) {
      out.push(this.command());
      if (this.done()) return out;
      this.expectOp('|');
    }
  }

  private command(): Command {
    const name = this.word().toLowerCase();
    switch (name) {
      case 'fields':
        return { kind: 'fields', items: this.list(() => this.fieldItem()) };
      case 'display':
        return { kind: 'display', fields: this.list(() => this.word()) };
      case 'filter':
        return { kind: 'filter', cond: this.or() };
      case 'parse':
        return this.parse();
      case 'stats':
        return this.stats();
      case 'sort':
        return {
          kind: 'sort',
          keys: this.list(() => {
            const field = this.fieldName();
            const dir = this.peekWord()?.toLowerCase();
            if (dir === 'asc' || dir === 'desc') this.i++;
            return { field, desc: dir === 'desc' };
          }),
        };
      case 'limit': {
        const tok = this.next();
        if (tok?.t !== 'num' || !Number.isInteger(tok.v) || tok.v < 1 || tok.v > MAX_QUERY_LIMIT) {
          fail(`limit takes a whole number from 1 to ${MAX_QUERY_LIMIT}`);
        }
        return { kind: 'limit', n: tok.v };
      }
      default:
        return fail(`unknown command '${name}'`);
    }
  }

  private fieldItem(): { field: string; as: string } {
    const field = this.word();
    return { field, as: this.alias() ?? field };
  }

  private parse(): Command {
    const field = this.word();
    const tok = this.next();
    if (tok?.t === 're') {
      const names = [...tok.src.matchAll(/\(\?<([A-Za-z_]\w*)>/g)].map((m) => m[1] as string);
      if (names.length === 0) fail('parse with a regular expression needs named groups (?<name>...)');
      return { kind: 'parse', field, re: tok.v, names };
    }
    if (tok?.t !== 'str') return fail('parse takes a "glob * pattern" or a /regular expression/');
    if (this.word().toLowerCase() !== 'as') fail('parse "pattern" needs `as` and field names');
    const names = this.list(() => this.word());
    const parts = tok.v.split('*');
    if (parts.length - 1 !== names.length) fail('parse: as many names as * in the pattern');
    const escaped = parts.map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&'));
    return { kind: 'parse', field, re: new RegExp(escaped.join('(.*?)') + (parts.at(-1) === '' ? '$' : '')), names };
  }

  private stats(): Command {
    const aggregates = this.list((): Aggregate => {
      const fn = this.word().toLowerCase();
      if (!['count', 'count_distinct', 'sum', 'avg', 'min', 'max'].includes(fn)) fail(`unknown function ${fn}()`);
      this.expectOp('(');
      let field: string | undefined;
      if (this.peekOp('*')) this.i++;
      else field = this.word();
      this.expectOp(')');
      const label = `${fn}(${field ?? '*'})`;
      if (!field && fn !== 'count') fail(`${fn}() needs a field`);
      return { fn: fn as Aggregate['fn'], field, as: this.alias() ?? label };
    });
    const by: GroupKey[] = [];
    if (this.peekWord()?.toLowerCase() === 'by') {
      this.i++;
      by.push(
        ...this.list((): GroupKey => {
          const name = this.word();
          if (name.toLowerCase() === 'bin') {
            this.expectOp('(');
            const tok = this.next();
            const period = tok?.t === 'word' ? tok.v : tok?.t === 'num' ? tok.raw : '';
            this.expectOp(')');
            const m = /^(\d+)(ms|s|m|h|d|w)$/.exec(period) ?? /^(\d+)$/.exec(period);
            if (!m) fail(`bin() takes a period such as 5m, 1h or 1d, not ${period}`);
            const unit =
              { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 }[m[2] ?? 's'] ?? 1000;
            return { binMs: Number(m[1]) * unit, as: this.alias() ?? `bin(${period})` };
          }
          return { field: name, as: this.alias() ?? name };
        }),
      );
    }
    return { kind: 'stats', aggregates, by };
  }

  private or(): Cond {
    let left = this.and();
    while (this.peekWord()?.toLowerCase() === 'or') {
      this.i++;
      left = { kind: 'or', left, right: this.and() };
    }
    return left;
  }

  private and(): Cond {
    let left = this.not();
    while (this.peekWord()?.toLowerCase() === 'and') {
      this.i++;
      left = { kind: 'and', left, right: this.not() };
    }
    return left;
  }

  private not(): Cond {
    if (this.peekWord()?.toLowerCase() === 'not') {
      this.i++;
      return { kind: 'not', inner: this.not() };
    }
    if (this.peekOp('(')) {
      this.i++;
      const inner = this.or();
      this.expectOp(')');
      return inner;
    }
    return this.comparison();
  }

  private comparison(): Cond {
    if (this.peekWord()?.toLowerCase() === 'ispresent') {
      this.i++;
      this.expectOp('(');
      const field = this.word();
      this.expectOp(')');
      return { kind: 'present', field };
    }
    const left = this.operand();
    let negate = false;
    if (this.peekWord()?.toLowerCase() === 'not') {
      this.i++;
      negate = true;
    }
    const tok = this.next();
    const field = left.kind === 'field' ? left.name : undefined;
    if (tok?.t === 'word' && (tok.v.toLowerCase() === 'like' || tok.v.toLowerCase() === 'in')) {
      if (!field) fail(`${tok.v} needs a field on its left`);
      if (tok.v.toLowerCase() === 'in') {
        this.expectOp('[');
        const values = this.list(() => this.literal());
        this.expectOp(']');
        return { kind: 'in', field, values, negate };
      }
      const pattern = this.next();
      if (pattern?.t === 're') return { kind: 'regex', field, re: pattern.v, negate };
      if (pattern?.t === 'str') return { kind: 'contains', field, text: pattern.v, negate };
      return fail('like takes /regex/ or "text"');
    }
    if (negate) fail('not must come before like or in');
    if (tok?.t === 'op' && tok.v === '=~') {
      const pattern = this.next();
      if (!field || pattern?.t !== 're') return fail('=~ takes a field and a /regex/');
      return { kind: 'regex', field, re: pattern.v, negate: false };
    }
    if (tok?.t !== 'op' || !['=', '!=', '<', '<=', '>', '>='].includes(tok.v)) return fail('expected a comparison');
    return { kind: 'compare', op: tok.v, left, right: this.operand() };
  }

  private operand(): Operand {
    const tok = this.tokens[this.i];
    if (tok?.t === 'word') {
      this.i++;
      return { kind: 'field', name: tok.v };
    }
    return { kind: 'literal', value: this.literal() };
  }

  private literal(): Value {
    const tok = this.next();
    if (tok?.t === 'num' || tok?.t === 'str') return tok.v;
    return fail('expected a number or a "string"');
  }

  private alias(): string | undefined {
    if (this.peekWord()?.toLowerCase() !== 'as') return undefined;
    this.i++;
    return this.word();
  }

  private fieldName(): string {
    return this.word();
  }

  private list<T>(item: () => T): T[] {
    const out = [item()];
    while (this.peekOp(',')) {
      this.i++;
      out.push(item());
    }
    return out;
  }

  private word(): string {
    const tok = this.next();
    if (tok?.t !== 'word') return fail(`expected a name${tok ? '' : ' at the end of the query'}`);
    return tok.v;
  }

  private peekWord(): string | undefined {
    const tok = this.tokens[this.i];
    return tok?.t === 'word' ? tok.v : undefined;
  }

  private peekOp(op: string): boolean {
    const tok = this.tokens[this.i];
    return tok?.t === 'op' && tok.v === op;
  }

  private expectOp(op: string): void {
    if (!this.peekOp(op)) fail(`expected '${op}'`);
    this.i++;
  }

  private next(): Token | undefined {
    return this.tokens[this.i++];
  }

  private done(): boolean {
    return this.i >= this.tokens.length;
  }
}

export function compileQuery(query: string): Command[] {
  const tokens = lex(query);
  if (tokens.length === 0) fail('the query is empty');
  return new Parser(tokens).commands();
}

// ---- evaluation ----------------------------------------------------------------------------------------------

export interface QueryInput {
  timestamp: number;
  message: string;
  ingestionTime: number;
  logStream: string;
  log: string;
}

export interface QueryOutput {
  rows: Array<Array<{ field: string; value: string }>>;
  recordsMatched: number;
  recordsScanned: number;
  bytesScanned: number;
}

export function runQuery(commands: Command[], events: Iterable<QueryInput>, limit = MAX_QUERY_LIMIT): QueryOutput {
  let rows: Row[] = [];
  let scanned = 0;
  let bytes = 0;
  for (const e of events) {
    scanned++;
    bytes += Buffer.byteLength(e.message, 'utf8');
    rows.push(
      new Map<string, Value>([
        ['@timestamp', e.timestamp],
        ['@message', e.message],
        ['@logStream', e.logStream],
        ['@log', e.log],
        ['@ingestionTime', e.ingestionTime],
      ]),
    );
  }
  let output: string[] | undefined;
  let aggregated = false;
  let sorted = false;
  let matched: number | undefined;
  for (const c of commands) {
    switch (c.kind) {
      case 'fields':
        for (const r of rows) for (const item of c.items) r.set(item.as, r.get(item.field));
        output = [...(output ?? []), ...c.items.map((item) => item.as)];
        break;
      case 'display':
        output = c.fields;
        break;
      case 'filter':
        rows = rows.filter((r) => test(c.cond, r));
        break;
      case 'parse':
        for (const r of rows) {
          const m = c.re.exec(String(r.get(c.field) ?? ''));
          c.names.forEach((name, i) => r.set(name, m ? (m.groups?.[name] ?? m[i + 1]) : undefined));
        }
        break;
      case 'stats':
        matched ??= rows.length;
        rows = aggregate(c, rows);
        output = [...c.by.map((b) => b.as), ...c.aggregates.map((a) => a.as)];
        aggregated = true;
        break;
      case 'sort':
        rows.sort((a, b) => {
          for (const k of c.keys) {
            const d = compareValues(a.get(k.field), b.get(k.field));
            if (d !== 0) return k.desc ? -d : d;
          }
          return 0;
        });
        sorted = true;
        break;
      case 'limit':
        rows = rows.slice(0, c.n);
        break;
    }
  }
  // Without a sort the service promises no order; newest first is what its console shows.
  if (!sorted && !aggregated) rows.sort((a, b) => Number(b.get('@timestamp')) - Number(a.get('@timestamp')));
  const fields = output ?? ['@timestamp', '@message', '@logStream', '@log'];
  const out = rows.slice(0, limit).map((r, index) => {
    const cells = fields
      .filter((f) => r.get(f) !== undefined)
      .map((f) => ({ field: f, value: formatValue(f, r.get(f)) }));
    // Every event row carries a pointer (GetLogRecord); aggregated rows have none.
    if (!aggregated) cells.push({ field: '@ptr', value: Buffer.from(`ptr:${index}`).toString('base64') });
    return cells;
  });
  return { rows: out, recordsMatched: matched ?? rows.length, recordsScanned: scanned, bytesScanned: bytes };
}

function test(c: Cond, r: Row): boolean {
  switch (c.kind) {
    case 'and':
      return test(c.left, r) && test(c.right, r);
    case 'or':
      return test(c.left, r) || test(c.right, r);
    case 'not':
      return !test(c.inner, r);
    case 'present':
      return r.get(c.field) !== undefined && r.get(c.field) !== '';
    case 'regex': {
      const v = r.get(c.field);
      return v !== undefined && c.re.test(String(v)) !== c.negate;
    }
    case 'contains': {
      const v = r.get(c.field);
      return v !== undefined && String(v).includes(c.text) !== c.negate;
    }
    case 'in': {
      const v = r.get(c.field);
      return v !== undefined && c.values.some((x) => compareValues(v, x) === 0) !== c.negate;
    }
    case 'compare': {
      const left = c.left.kind === 'field' ? r.get(c.left.name) : c.left.value;
      const right = c.right.kind === 'field' ? r.get(c.right.name) : c.right.value;
      if (left === undefined || right === undefined) return false;
      const d = compareValues(left, right);
      return c.op === '='
        ? d === 0
        : c.op === '!='
          ? d !== 0
          : c.op === '<'
            ? d < 0
            : c.op === '<='
              ? d <= 0
              : c.op === '>'
                ? d > 0
                : d >= 0;
    }
  }
}

function aggregate(c: Extract<Command, { kind: 'stats' }>, rows: Row[]): Row[] {
  const groups = new Map<string, { key: Value[]; rows: Row[] }>();
  for (const r of rows) {
    const key = c.by.map((b) =>
      b.binMs !== undefined ? Math.floor(Number(r.get('@timestamp')) / b.binMs) * b.binMs : r.get(b.field ?? ''),
    );
    // A row without a group-by field belongs to no group (as the service drops it).
    if (key.some((k) => k === undefined)) continue;
    const id = JSON.stringify(key);
    let g = groups.get(id);
    if (!g) groups.set(id, (g = { key, rows: [] }));
    g.rows.push(r);
  }
  if (c.by.length === 0 && !groups.size) groups.set('[]', { key: [], rows: [] });
  return [...groups.values()].map((g) => {
    const row: Row = new Map();
    c.by.forEach((b, i) => row.set(b.as, b.binMs !== undefined ? formatValue('@timestamp', g.key[i]) : g.key[i]));
    for (const a of c.aggregates) row.set(a.as, applyAggregate(a, g.rows));
    return row;
  });
}

function applyAggregate(a: Aggregate, rows: Row[]): Value {
  if (a.fn === 'count') return a.field ? rows.filter((r) => r.get(a.field ?? '') !== undefined).length : rows.length;
  const values = rows.map((r) => r.get(a.field ?? '')).filter((v) => v !== undefined);
  if (a.fn === 'count_distinct') return new Set(values.map(String)).size;
  const numbers = values.map(Number).filter((n) => !Number.isNaN(n));
  if (numbers.length === 0) return undefined;
  switch (a.fn) {
    case 'sum':
      return numbers.reduce((s, n) => s + n, 0);
    case 'avg':
      return numbers.reduce((s, n) => s + n, 0) / numbers.length;
    // reduce, not Math.min(...): a spread of 10,000+ values overflows the call stack.
    case 'min':
      return numbers.reduce((m, n) => (n < m ? n : m));
    case 'max':
      return numbers.reduce((m, n) => (n > m ? n : m));
  }
}

function compareValues(a: Value, b: Value): number {
  if (a === undefined || b === undefined) return a === b ? 0 : a === undefined ? 1 : -1;
  const x = Number(a);
  const y = Number(b);
  if (a !== '' && b !== '' && !Number.isNaN(x) && !Number.isNaN(y)) return x - y;
  const s = String(a);
  const t = String(b);
  return s < t ? -1 : s > t ? 1 : 0;
}

/** Insights shows times as `YYYY-MM-DD HH:MM:SS.mmm` (UTC) and every value as a string. */
function formatValue(field: string, v: Value): string {
  if ((field === '@timestamp' || field === '@ingestionTime') && typeof v === 'number') {
    return new Date(v).toISOString().replace('T', ' ').replace('Z', '');
  }
  return String(v);
}
