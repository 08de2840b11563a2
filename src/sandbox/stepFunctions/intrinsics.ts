// Intrinsic functions of the Amazon States Language (JSONPath): parsed when the state machine is created (an
// unknown function or a wrong argument count is an InvalidDefinition, as on AWS), evaluated at run time (a bad
// argument is States.IntrinsicFailure). Reference: "Intrinsic functions for JSONPath states in Step Functions",
// https://docs.aws.amazon.com/step-functions/latest/dg/intrinsic-functions.html
import { createHash, randomUUID } from 'node:crypto';
import { isObject, parsePath, readPath, type Json, type ParsedPath } from './jsonPath';
import { seededRandom } from '../faults';

type Arg =
  | { kind: 'literal'; value: Json; raw?: string }
  | { kind: 'path'; path: ParsedPath }
  | { kind: 'call'; call: IntrinsicCall };

interface IntrinsicCall {
  name: string;
  args: Arg[];
}

class IntrinsicSyntaxError extends Error {}
export class IntrinsicFailure extends Error {}

/** Accepted argument counts per function: [min, max]. */
const ARITY: Record<string, [number, number]> = {
  'States.Format': [1, Infinity],
  'States.StringToJson': [1, 1],
  'States.JsonToString': [1, 1],
  'States.Array': [0, Infinity],
  'States.ArrayPartition': [2, 2],
  'States.ArrayContains': [2, 2],
  'States.ArrayRange': [3, 3],
  'States.ArrayGetItem': [2, 2],
  'States.ArrayLength': [1, 1],
  'States.ArrayUnique': [1, 1],
  'States.Base64Encode': [1, 1],
  'States.Base64Decode': [1, 1],
  'States.Hash': [2, 2],
  'States.JsonMerge': [3, 3],
  'States.MathRandom': [2, 3],
  'States.MathAdd': [2, 2],
  'States.StringSplit': [2, 2],
  'States.UUID': [0, 0],
};

export function isIntrinsic(text: string): boolean {
  return /^States\.[A-Za-z0-9]+\s*\(/.test(text.trim());
}

export function parseIntrinsic(text: string): IntrinsicCall {
  const parser = new Parser(text.trim());
  const call = parser.call();
  if (!parser.done()) throw new IntrinsicSyntaxError(`unexpected text after the call in '${text}'`);
  return call;
}

class Parser {
  private i = 0;
  constructor(private readonly s: string) {}

  done(): boolean {
    this.space();
    return this.i >= this.s.length;
  }

  call(): IntrinsicCall {
    this.space();
    const m = /^States\.[A-Za-z0-9]+/.exec(this.s.slice(this.i));
    if (!m) throw new IntrinsicSyntaxError(`expected an intrinsic function at '${this.s.slice(this.i)}'`);
    const name = m[0];
    const arity = ARITY[name];
    if (!arity) throw new IntrinsicSyntaxError(`the intrinsic function ${name} does not exist`);
    this.i += name.length;
    this.space();
    this.expect('(');
    const args: Arg[] = [];
    this.space();
    if (this.s[this.i] === ')') this.i++;
    else {
      for (;;) {
        args.push(this.arg());
        this.space();
        if (this.s[this.i] === ',') {
          this.i++;
          continue;
        }
        this.expect(')');
        break;
      }
    }
    if (args.length < arity[0] || args.length > arity[1]) {
      throw new IntrinsicSyntaxError(`${name} takes ${arityText(arity)} argument(s), got ${args.length}`);
    }
    return { name, args };
  }

  private arg(): Arg {
    this.space();
    const c = this.s[this.i];
    if (c === "'") return this.stringLiteral();
    if (c === '$') return { kind: 'path', path: this.path() };
    if (this.s.startsWith('States.', this.i)) return { kind: 'call', call: this.call() };
    const m = /^(-?\d+(\.\d+)?([eE][+-]?\d+)?|true|false|null)/.exec(this.s.slice(this.i));
    if (!m) throw new IntrinsicSyntaxError(`invalid argument at '${this.s.slice(this.i)}'`);
    this.i += m[0].length;
    return { kind: 'literal', value: JSON.parse(m[0]) as Json };
  }

  private stringLiteral(): Arg {
    let raw = '';
    this.i++;
    while (this.i < this.s.length && this.s[this.i] !== "'") {
      if (this.s[this.i] === '\\') {
        raw += this.s.slice(this.i, this.i + 2);
        this.i += 2;
      } else raw += this.s[this.i++];
    }
    if (this.s[this.i] !== "'") throw new IntrinsicSyntaxError('unterminated string literal');
    this.i++;
    return { kind: 'literal', value: unescape(raw), raw };
  }

  private path(): ParsedPath {
    const start = this.i;
    let depth = 0;
    let quote: string | undefined;
    while (this.i < this.s.length) {
      const c = this.s[this.i] as string;
      if (quote) {
        if (c === quote) quote = undefined;
      } else if (c === "'" || c === '"') quote = c;
      else if (c === '[') depth++;
      else if (c === ']') depth--;
      else if (depth === 0 && (c === ',' || c === ')' || c === ' ')) break;
      this.i++;
    }
    try {
      return parsePath(this.s.slice(start, this.i));
    } catch (e) {
      throw new IntrinsicSyntaxError((e as Error).message);
    }
  }

  private space(): void {
    while (this.s[this.i] === ' ') this.i++;
  }

  private expect(c: string): void {
    if (this.s[this.i] !== c) throw new IntrinsicSyntaxError(`expected '${c}' at position ${this.i} of '${this.s}'`);
    this.i++;
  }
}

function arityText([min, max]: [number, number]): string {
  if (min === max) return String(min);
  return max === Infinity ? `at least ${min}` : `${min} to ${max}`;
}

/** `\'`, `\{`, `\}` and `\\` are the escapes of an intrinsic string literal. */
function unescape(raw: string): string {
  return raw.replace(/\\(.)/g, '$1');
}

interface IntrinsicScope {
  input: Json;
  context: Json;
}

export function evaluateIntrinsic(call: IntrinsicCall, scope: IntrinsicScope): Json {
  const values = call.args.map((a) => argValue(a, scope));
  const fn = FUNCTIONS[call.name];
  if (!fn) throw new IntrinsicFailure(`The intrinsic function ${call.name} does not exist.`);
  return fn(values, call);
}

function argValue(arg: Arg, scope: IntrinsicScope): Json {
  if (arg.kind === 'literal') return arg.value;
  if (arg.kind === 'call') return evaluateIntrinsic(arg.call, scope);
  try {
    return readPath(arg.path, scope.input, scope.context);
  } catch {
    throw new IntrinsicFailure(`The JsonPath argument '${arg.path.text}' could not be found in the input.`);
  }
}

type Fn = (args: Json[], call: IntrinsicCall) => Json;

const MAX_STRING = 10_000;

const FUNCTIONS: Record<string, Fn> = {
  'States.Format': (args, call) => {
    const template = args[0];
    const first = call.args[0];
    if (typeof template !== 'string') fail('States.Format', 'the first argument must be a string');
    // A literal template keeps its escapes: `\{` is a brace, `{}` a placeholder.
    const raw = first?.kind === 'literal' && first.raw !== undefined ? first.raw : template;
    const rest = args.slice(1);
    let out = '';
    let used = 0;
    for (let i = 0; i < raw.length; i++) {
      const c = raw[i];
      if (c === '\\') out += raw[++i] ?? '';
      else if (c === '{' && raw[i + 1] === '}') {
        if (used >= rest.length) fail('States.Format', 'more placeholders than arguments');
        out += formatValue(rest[used++] as Json);
        i++;
      } else out += c;
    }
    if (used !== rest.length) fail('States.Format', 'more arguments than placeholders');
    return out;
  },
  'States.StringToJson': ([s]) => {
    if (typeof s !== 'string') fail('States.StringToJson', 'the argument must be a string');
    try {
      return JSON.parse(s) as Json;
    } catch {
      return fail('States.StringToJson', 'the argument is not valid JSON');
    }
  },
  'States.JsonToString': ([v]) => JSON.stringify(v),
  'States.Array': (args) => args,
  'States.ArrayPartition': ([arr, size]) => {
    const a = array('States.ArrayPartition', arr);
    if (!isPositiveInteger(size)) fail('States.ArrayPartition', 'the chunk size must be a positive integer');
    const out: Json[] = [];
    for (let i = 0; i < a.length; i += size) out.push(a.slice(i, i + size));
    return out;
  },
  'States.ArrayContains': ([arr, v]) => array('States.ArrayContains', arr).some((x) => deepEqual(x, v as Json)),
  'States.ArrayRange': ([start, end, step]) => {
    if (!Number.isInteger(start) || !Number.isInteger(end) || !Number.isInteger(step) || step === 0) {
      fail('States.ArrayRange', 'start, end and a non-zero step must be integers');
    }
    const out: number[] = [];
    const [s, e, st] = [start as number, end as number, step as number];
    for (let x = s; st > 0 ? x <= e : x >= e; x += st) {
      out.push(x);
      // The documented limit of the generated array.
      if (out.length > 1000) fail('States.ArrayRange', 'the array would hold more than 1000 items');
    }
    return out;
  },
  'States.ArrayGetItem': ([arr, index]) => {
    const a = array('States.ArrayGetItem', arr);
    if (!Number.isInteger(index) || (index as number) < 0 || (index as number) >= a.length) {
      fail('States.ArrayGetItem', `index ${JSON.stringify(index)} is out of bounds`);
    }
    return a[index as number] as Json;
  },
  'States.ArrayLength': ([arr]) => array('States.ArrayLength', arr).length,
  'States.ArrayUnique': ([arr]) => {
    const out: Json[] = [];
    for (const x of array('States.ArrayUnique', arr)) if (!out.some((y) => deepEqual(x, y))) out.push(x);
    return out;
  },
  'States.Base64Encode': ([s]) => {
    const text = boundedString('States.Base64Encode', s);
    return Buffer.from(text, 'utf8').toString('base64');
  },
  'States.Base64Decode': ([s]) => {
    const text = boundedString('States.Base64Decode', s);
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text)) fail('States.Base64Decode', 'the argument is not base64');
    return Buffer.from(text, 'base64').toString('utf8');
  },
  'States.Hash': ([data, algorithm]) => {
    const algorithms: Record<string, string> = {
      MD5: 'md5',
      'SHA-1': 'sha1',
      'SHA-256': 'sha256',
      'SHA-384': 'sha384',
      'SHA-512': 'sha512',
    };
    const algo = typeof algorithm === 'string' ? algorithms[algorithm] : undefined;
    if (!algo) fail('States.Hash', 'the algorithm must be MD5, SHA-1, SHA-256, SHA-384 or SHA-512');
    const text = typeof data === 'string' ? data : JSON.stringify(data);
    if (text.length > MAX_STRING) fail('States.Hash', `the data is longer than ${MAX_STRING} characters`);
    return createHash(algo).update(text, 'utf8').digest('hex');
  },
  'States.JsonMerge': ([a, b, deep]) => {
    if (!isObject(a) || !isObject(b)) fail('States.JsonMerge', 'both arguments must be JSON objects');
    // AWS documents the deep merge flag but only supports false (shallow).
    if (deep !== false) fail('States.JsonMerge', 'only a shallow merge (false) is supported');
    return { ...a, ...b };
  },
  'States.MathRandom': ([start, end, seed]) => {
    if (!Number.isInteger(start) || !Number.isInteger(end) || (end as number) <= (start as number)) {
      fail('States.MathRandom', 'start and end must be integers with start < end');
    }
    if (seed !== undefined && !Number.isInteger(seed)) fail('States.MathRandom', 'the seed must be an integer');
    const r = seed === undefined ? Math.random() : seededRandom(seed as number)();
    return (start as number) + Math.floor(r * ((end as number) - (start as number)));
  },
  'States.MathAdd': ([a, b]) => {
    if (!Number.isInteger(a) || !Number.isInteger(b)) fail('States.MathAdd', 'both arguments must be integers');
    return (a as number) + (b as number);
  },
  'States.StringSplit': ([s, delimiters]) => {
    if (typeof s !== 'string' || typeof delimiters !== 'string') {
      fail('States.StringSplit', 'both arguments must be strings');
    }
    if (delimiters === '') return [s];
    const out: string[] = [];
    let piece = '';
    for (const c of s) {
      if (delimiters.includes(c)) {
        if (piece !== '') out.push(piece);
        piece = '';
      } else piece += c;
    }
    if (piece !== '') out.push(piece);
    return out;
  },
  'States.UUID': () => randomUUID(),
};

function formatValue(v: Json): string {
  if (typeof v === 'string') return v;
  if (v === null || typeof v === 'number' || typeof v === 'boolean') return String(v);
  return fail('States.Format', 'arguments must be strings, numbers, booleans or null');
}

function fail(name: string, why: string): never {
  throw new IntrinsicFailure(`Invalid arguments in ${name}: ${why}.`);
}

function array(name: string, v: Json | undefined): Json[] {
  if (!Array.isArray(v)) fail(name, 'the first argument must be an array');
  return v;
}

function boundedString(name: string, v: Json | undefined): string {
  if (typeof v !== 'string') fail(name, 'the argument must be a string');
  if (v.length > MAX_STRING) fail(name, `the argument is longer than ${MAX_STRING} characters`);
  return v;
}

function isPositiveInteger(v: Json | undefined): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v > 0;
}

function deepEqual(a: Json, b: Json): boolean {
  return JSON.stringify(sortKeys(a)) === JSON.stringify(sortKeys(b));
}

function sortKeys(v: Json): Json {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (isObject(v))
    return Object.fromEntries(
      Object.keys(v)
        .sort()
        .map((k) => [k, sortKeys(v[k] as Json)]),
    );
  return v;
}
