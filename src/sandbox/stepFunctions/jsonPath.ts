// The JSONPath subset of the Amazon States Language (JSONPath query language): `$`, `.name`, `['name']`, `[n]`,
// `[*]`, `.*`, `[a:b]` and `[n,m]`. A *reference path* (ResultPath, the Variable of a Choice rule) may only name
// fields and indexes. ASL spec, "Paths" and "Reference Paths": https://states-language.net/spec.html#path
// A path the sandbox cannot parse is refused at CreateStateMachine, so nothing here is more permissive than AWS.
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

type Step =
  | { kind: 'field'; name: string }
  | { kind: 'index'; index: number }
  | { kind: 'wildcard' }
  | { kind: 'slice'; start?: number; end?: number }
  | { kind: 'union'; indexes: number[] };

export interface ParsedPath {
  text: string;
  /** '$' paths read the effective input; '$$' the context object. */
  root: '$' | '$$';
  steps: Step[];
  /** True when the path names exactly one value (no wildcard, slice or union). */
  definite: boolean;
}

class PathSyntaxError extends Error {}

const NAME = /^[A-Za-z_$@\u0080-\uffff][\w$@\-\u0080-\uffff]*/;

export function parsePath(text: string): ParsedPath {
  let root: '$' | '$$';
  let rest: string;
  if (text.startsWith('$$')) {
    root = '$$';
    rest = text.slice(2);
  } else if (text.startsWith('$')) {
    root = '$';
    rest = text.slice(1);
  } else {
    throw new PathSyntaxError(`'${text}' is not a JSONPath: it must start with '$'`);
  }
  const steps: Step[] = [];
  while (rest.length > 0) {
    if (rest.startsWith('..')) throw new PathSyntaxError(`'${text}': deep scan '..' is not supported by the sandbox`);
    if (rest.startsWith('.*')) {
      steps.push({ kind: 'wildcard' });
      rest = rest.slice(2);
      continue;
    }
    if (rest.startsWith('.')) {
      const m = NAME.exec(rest.slice(1));
      if (!m) throw new PathSyntaxError(`'${text}' has an invalid field name after '.'`);
      steps.push({ kind: 'field', name: m[0] });
      rest = rest.slice(1 + m[0].length);
      continue;
    }
    if (rest.startsWith('[')) {
      const close = bracketEnd(rest, text);
      steps.push(parseBracket(rest.slice(1, close).trim(), text));
      rest = rest.slice(close + 1);
      continue;
    }
    throw new PathSyntaxError(`'${text}' is not a valid JSONPath near '${rest}'`);
  }
  const definite = steps.every((s) => s.kind === 'field' || s.kind === 'index');
  return { text, root, steps, definite };
}

function bracketEnd(rest: string, text: string): number {
  let quote: string | undefined;
  for (let i = 1; i < rest.length; i++) {
    const c = rest[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = undefined;
    } else if (c === "'" || c === '"') quote = c;
    else if (c === ']') return i;
  }
  throw new PathSyntaxError(`'${text}' has an unclosed '['`);
}

function parseBracket(inner: string, text: string): Step {
  if (inner === '*') return { kind: 'wildcard' };
  const quoted = /^(['"])((?:\\.|(?!\1).)*)\1$/.exec(inner);
  if (quoted) return { kind: 'field', name: (quoted[2] ?? '').replace(/\\(.)/g, '$1') };
  if (/^-?\d+$/.test(inner)) return { kind: 'index', index: Number(inner) };
  const slice = /^(-?\d+)?:(-?\d+)?$/.exec(inner);
  if (slice) {
    return {
      kind: 'slice',
      start: slice[1] === undefined ? undefined : Number(slice[1]),
      end: slice[2] === undefined ? undefined : Number(slice[2]),
    };
  }
  if (/^-?\d+(\s*,\s*-?\d+)+$/.test(inner)) return { kind: 'union', indexes: inner.split(',').map((s) => Number(s)) };
  if (inner.startsWith('?'))
    throw new PathSyntaxError(`'${text}': filter expressions are not supported by the sandbox`);
  throw new PathSyntaxError(`'${text}' has an invalid bracket expression '[${inner}]'`);
}

/** A reference path: definite and rooted at '$' (ResultPath, Choice Variable). */
export function parseReferencePath(text: string): ParsedPath {
  const p = parsePath(text);
  if (!p.definite) throw new PathSyntaxError(`'${text}' is not a reference path: it must name a single value`);
  return p;
}

export class PathNotFound extends Error {}

/** Reads a path; a definite path returns the value, an indefinite one the array of matches. */
export function readPath(path: ParsedPath, input: Json, context: Json): Json {
  let current: Json[] = [path.root === '$$' ? context : input];
  for (const step of path.steps) {
    const next: Json[] = [];
    for (const value of current) {
      switch (step.kind) {
        case 'field':
          if (isObject(value) && Object.prototype.hasOwnProperty.call(value, step.name)) {
            next.push(value[step.name] as Json);
          } else if (path.definite) throw new PathNotFound(path.text);
          break;
        case 'index': {
          const i = Array.isArray(value) && step.index < 0 ? value.length + step.index : step.index;
          if (Array.isArray(value) && i >= 0 && i < value.length) next.push(value[i] as Json);
          else if (path.definite) throw new PathNotFound(path.text);
          break;
        }
        case 'wildcard':
          if (Array.isArray(value)) next.push(...value);
          else if (isObject(value)) next.push(...Object.values(value));
          break;
        case 'slice':
          if (Array.isArray(value)) next.push(...value.slice(step.start, step.end));
          break;
        case 'union':
          if (Array.isArray(value)) {
            for (const raw of step.indexes) {
              const i = raw < 0 ? value.length + raw : raw;
              if (i >= 0 && i < value.length) next.push(value[i] as Json);
            }
          }
          break;
      }
    }
    current = next;
  }
  return path.definite ? (current[0] as Json) : current;
}

/** Writes `value` at a reference path inside a copy of `target` (ResultPath), creating missing objects. */
export function writePath(path: ParsedPath, target: Json, value: Json): Json {
  if (path.steps.length === 0) return value;
  const root: Json = structuredClone(target);
  if (!isObject(root) && !Array.isArray(root)) throw new PathNotFound(path.text);
  let node: Json = root;
  path.steps.forEach((step, i) => {
    const last = i === path.steps.length - 1;
    if (step.kind === 'field') {
      if (!isObject(node)) throw new PathNotFound(path.text);
      if (last) node[step.name] = value;
      else {
        const child: Json | undefined = node[step.name];
        if (child === undefined || child === null) node[step.name] = {};
        else if (!isObject(child) && !Array.isArray(child)) throw new PathNotFound(path.text);
        node = node[step.name] as Json;
      }
    } else if (step.kind === 'index') {
      if (!Array.isArray(node) || step.index < 0 || step.index >= node.length) throw new PathNotFound(path.text);
      if (last) node[step.index] = value;
      else node = node[step.index] as Json;
    } else throw new PathNotFound(path.text);
  });
  return root;
}

export function isObject(value: Json | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
