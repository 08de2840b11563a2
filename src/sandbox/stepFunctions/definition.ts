// Validation of an Amazon States Language definition (JSONPath query language), the way CreateStateMachine
// refuses one: each problem is a diagnostic `CODE: message at /States/<name>/<field>`, and AWS words the error as
// "Invalid State Machine Definition: '<diagnostic>', ..." (InvalidDefinition). The spec:
// https://states-language.net/spec.html and https://docs.aws.amazon.com/step-functions/latest/dg/concepts-amazon-states-language.html
// What the sandbox cannot run (JSONata, variables, Distributed Map, non-SDK resources) is refused here too, so
// a definition that the sandbox accepts runs; the README lists those limits.
import { isIntrinsic, parseIntrinsic } from './intrinsics';
import { isObject, parsePath, parseReferencePath, type Json, type JsonObject } from './jsonPath';
import { parseResource, type SdkResource } from './resource';

export interface Diagnostic {
  code: string;
  message: string;
  location: string;
}

export const CHOICE_COMPARATORS = [
  'StringEquals',
  'StringLessThan',
  'StringGreaterThan',
  'StringLessThanEquals',
  'StringGreaterThanEquals',
  'StringMatches',
  'NumericEquals',
  'NumericLessThan',
  'NumericGreaterThan',
  'NumericLessThanEquals',
  'NumericGreaterThanEquals',
  'BooleanEquals',
  'TimestampEquals',
  'TimestampLessThan',
  'TimestampGreaterThan',
  'TimestampLessThanEquals',
  'TimestampGreaterThanEquals',
  'IsNull',
  'IsPresent',
  'IsNumeric',
  'IsString',
  'IsBoolean',
  'IsTimestamp',
] as const;

const PATH_COMPARATORS = CHOICE_COMPARATORS.filter((c) => !c.startsWith('Is') && c !== 'StringMatches').map(
  (c) => `${c}Path`,
);

// The field groups of the spec's "State type fields" table, each named once.
const COMMON = ['Type', 'Comment'];
const IO = ['InputPath', 'OutputPath'];
const TRANSITION = ['Next', 'End'];
/** A state that moves on to another: everything but Choice (which picks its Next), Succeed and Fail. */
const FLOWING = [...COMMON, ...IO, ...TRANSITION];
/** Parameters shapes the effective input, ResultPath places the result in the output (Pass has no ResultSelector). */
const RESULT = ['ResultPath', 'Parameters'];
/** A state that does work: its result reshaped by ResultSelector, its errors retried or caught. */
const WORKING = [...FLOWING, ...RESULT, 'ResultSelector', 'Retry', 'Catch'];
const FIELDS: Record<string, string[]> = {
  Pass: [...FLOWING, ...RESULT, 'Result'],
  Task: [...WORKING, 'Resource', 'TimeoutSeconds', 'TimeoutSecondsPath', 'HeartbeatSeconds', 'HeartbeatSecondsPath'],
  Choice: [...COMMON, ...IO, 'Choices', 'Default'],
  Wait: [...FLOWING, 'Seconds', 'Timestamp', 'SecondsPath', 'TimestampPath'],
  Succeed: [...COMMON, ...IO],
  Fail: [...COMMON, 'Error', 'Cause', 'ErrorPath', 'CausePath'],
  Parallel: [...WORKING, 'Branches'],
  Map: [...WORKING, 'ItemSelector', 'ItemsPath', 'ItemProcessor', 'Iterator', 'MaxConcurrency', 'MaxConcurrencyPath'],
};
/** Fields AWS accepts that the sandbox does not emulate: refused with a message saying so. */
const NOT_EMULATED = [
  'Assign',
  'Arguments',
  'Output',
  'QueryLanguage',
  'Credentials',
  'ItemReader',
  'ItemBatcher',
  'ResultWriter',
  'ToleratedFailurePercentage',
  'ToleratedFailureCount',
  'ToleratedFailurePercentagePath',
  'ToleratedFailureCountPath',
  'Label',
];

class DefinitionChecker {
  readonly diagnostics: Diagnostic[] = [];

  /** `actionExists` tells whether an SDK integration's action exists (the SDK is the sandbox's API model). */
  constructor(private readonly actionExists?: (resource: SdkResource) => boolean) {}

  check(text: string): JsonObject | undefined {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (e) {
      this.add('INVALID_JSON_DESCRIPTION', `Definition is not valid JSON: ${(e as Error).message}`, '');
      return undefined;
    }
    if (!isObject(parsed as Json)) {
      this.add('SCHEMA_VALIDATION_FAILED', 'The definition must be a JSON object', '');
      return undefined;
    }
    const root = parsed as JsonObject;
    if (root.QueryLanguage !== undefined && root.QueryLanguage !== 'JSONPath') {
      this.add('SCHEMA_VALIDATION_FAILED', 'The sandbox runs only the JSONPath query language', '/QueryLanguage');
    }
    this.fields(root, ['StartAt', 'States', 'Comment', 'Version', 'TimeoutSeconds', 'QueryLanguage'], '');
    if (root.TimeoutSeconds !== undefined) this.positiveInteger(root.TimeoutSeconds, '/TimeoutSeconds');
    this.machine(root, '');
    return this.diagnostics.length === 0 ? root : undefined;
  }

  private machine(m: JsonObject, at: string): void {
    const states = m.States;
    if (typeof m.StartAt !== 'string') {
      this.add('SCHEMA_VALIDATION_FAILED', 'The field "StartAt" is required', `${at}`);
    }
    if (!isObject(states) || Object.keys(states).length === 0) {
      this.add('SCHEMA_VALIDATION_FAILED', 'The field "States" must be a non-empty object', `${at}/States`);
      return;
    }
    const names = Object.keys(states);
    if (typeof m.StartAt === 'string' && !names.includes(m.StartAt)) {
      this.add('MISSING_TRANSITION_TARGET', `Missing 'StartAt' target: ${m.StartAt}`, `${at}/StartAt`);
    }
    let terminal = false;
    for (const name of names) {
      const where = `${at}/States/${name}`;
      if (name.length > 80) this.add('SCHEMA_VALIDATION_FAILED', 'State names are at most 80 characters', where);
      const state = states[name];
      if (!isObject(state)) {
        this.add('SCHEMA_VALIDATION_FAILED', 'A state must be a JSON object', where);
        continue;
      }
      if (this.state(state, where, names)) terminal = true;
    }
    if (!terminal) this.add('MISSING_END_STATE', 'Workflow has no terminal state', at || '/');
    if (typeof m.StartAt === 'string' && names.includes(m.StartAt)) {
      const reached = reachable(m.StartAt, states);
      for (const name of names) {
        if (!reached.has(name))
          this.add('UNREACHABLE_STATE', `State "${name}" is not reachable`, `${at}/States/${name}`);
      }
    }
  }

  /** Checks one state; true when it can end the workflow. */
  private state(s: JsonObject, at: string, names: string[]): boolean {
    const type = s.Type;
    if (typeof type !== 'string' || !FIELDS[type]) {
      this.add('SCHEMA_VALIDATION_FAILED', `The field "Type" must be one of ${Object.keys(FIELDS).join(', ')}`, at);
      return false;
    }
    this.fields(s, FIELDS[type] ?? [], at);
    for (const f of ['InputPath', 'OutputPath']) if (s[f] !== undefined && s[f] !== null) this.path(s[f], `${at}/${f}`);
    if (s.ResultPath !== undefined && s.ResultPath !== null) this.referencePath(s.ResultPath, `${at}/ResultPath`);
    for (const f of ['Parameters', 'ResultSelector', 'ItemSelector']) {
      if (s[f] !== undefined) this.template(s[f], `${at}/${f}`);
    }
    if (s.ResultSelector !== undefined && !isObject(s.ResultSelector)) {
      this.add('SCHEMA_VALIDATION_FAILED', 'The field "ResultSelector" must be an object', `${at}/ResultSelector`);
    }
    let ends = false;
    if (type === 'Choice') {
      this.choice(s, at, names);
    } else if (type === 'Succeed' || type === 'Fail') {
      ends = true;
      if (type === 'Fail') {
        this.exclusive(s, ['Error', 'ErrorPath'], at);
        this.exclusive(s, ['Cause', 'CausePath'], at);
        for (const f of ['ErrorPath', 'CausePath']) if (s[f] !== undefined) this.pathOrIntrinsic(s[f], `${at}/${f}`);
      }
    } else {
      ends = this.transition(s, at, names);
    }
    if (type === 'Task') this.task(s, at);
    if (type === 'Wait') {
      const given = ['Seconds', 'Timestamp', 'SecondsPath', 'TimestampPath'].filter((f) => s[f] !== undefined);
      if (given.length !== 1) {
        this.add(
          'SCHEMA_VALIDATION_FAILED',
          'A Wait state needs exactly one of Seconds, Timestamp, SecondsPath, TimestampPath',
          at,
        );
      }
      if (s.Seconds !== undefined) this.nonNegativeInteger(s.Seconds, `${at}/Seconds`);
      if (s.Timestamp !== undefined && !isTimestamp(s.Timestamp)) {
        this.add('SCHEMA_VALIDATION_FAILED', 'The field "Timestamp" must be an RFC3339 timestamp', `${at}/Timestamp`);
      }
      for (const f of ['SecondsPath', 'TimestampPath']) if (s[f] !== undefined) this.referencePath(s[f], `${at}/${f}`);
    }
    if (type === 'Parallel') {
      if (!Array.isArray(s.Branches) || s.Branches.length === 0) {
        this.add('SCHEMA_VALIDATION_FAILED', 'The field "Branches" must be a non-empty array', `${at}/Branches`);
      } else {
        s.Branches.forEach((b, i) => this.subMachine(b, `${at}/Branches[${i}]`, false));
      }
    }
    if (type === 'Map') this.map(s, at);
    if (type === 'Task' || type === 'Parallel' || type === 'Map') this.retryCatch(s, at, names);
    return ends;
  }

  private transition(s: JsonObject, at: string, names: string[]): boolean {
    if (s.End !== undefined && s.End !== true && s.End !== false) {
      this.add('SCHEMA_VALIDATION_FAILED', 'The field "End" must be a boolean', `${at}/End`);
    }
    if (s.Next !== undefined && s.End === true) {
      this.add('SCHEMA_VALIDATION_FAILED', 'A state cannot have both "Next" and "End": true', at);
    }
    if (s.Next === undefined && s.End !== true) {
      this.add('MISSING_TRANSITION_TARGET', 'State must have either an "End" or "Next" field', at);
    }
    if (s.Next !== undefined) this.target(s.Next, `${at}/Next`, names);
    return s.End === true;
  }

  private target(next: Json | undefined, at: string, names: string[]): void {
    if (typeof next !== 'string' || !names.includes(next)) {
      this.add('MISSING_TRANSITION_TARGET', `Missing 'Next' target: ${String(next)}`, at);
    }
  }

  private task(s: JsonObject, at: string): void {
    if (typeof s.Resource !== 'string') {
      this.add('SCHEMA_VALIDATION_FAILED', 'The field "Resource" is required', at);
    } else {
      const { problem, resource } = parseResource(s.Resource);
      if (problem) this.add('INVALID_RESOURCE', problem, `${at}/Resource`);
      else if (resource && this.actionExists && !this.actionExists(resource)) {
        this.add(
          'INVALID_RESOURCE',
          `The resource provided ${s.Resource} is not recognized. The value is not a valid resource ARN, or the resource is not available in this region.`,
          `${at}/Resource`,
        );
      }
    }
    this.exclusive(s, ['TimeoutSeconds', 'TimeoutSecondsPath'], at);
    this.exclusive(s, ['HeartbeatSeconds', 'HeartbeatSecondsPath'], at);
    if (s.TimeoutSeconds !== undefined) this.positiveInteger(s.TimeoutSeconds, `${at}/TimeoutSeconds`);
    if (s.HeartbeatSeconds !== undefined) this.positiveInteger(s.HeartbeatSeconds, `${at}/HeartbeatSeconds`);
    for (const f of ['TimeoutSecondsPath', 'HeartbeatSecondsPath']) {
      if (s[f] !== undefined) this.referencePath(s[f], `${at}/${f}`);
    }
    if (
      typeof s.TimeoutSeconds === 'number' &&
      typeof s.HeartbeatSeconds === 'number' &&
      s.HeartbeatSeconds >= s.TimeoutSeconds
    ) {
      this.add('SCHEMA_VALIDATION_FAILED', 'HeartbeatSeconds must be smaller than TimeoutSeconds', at);
    }
  }

  private map(s: JsonObject, at: string): void {
    this.exclusive(s, ['ItemProcessor', 'Iterator'], at);
    this.exclusive(s, ['ItemSelector', 'Parameters'], at);
    this.exclusive(s, ['MaxConcurrency', 'MaxConcurrencyPath'], at);
    if (s.ItemsPath !== undefined && s.ItemsPath !== null) this.referencePath(s.ItemsPath, `${at}/ItemsPath`);
    if (s.MaxConcurrency !== undefined) this.nonNegativeInteger(s.MaxConcurrency, `${at}/MaxConcurrency`);
    if (s.MaxConcurrencyPath !== undefined) this.referencePath(s.MaxConcurrencyPath, `${at}/MaxConcurrencyPath`);
    const processor = s.ItemProcessor ?? s.Iterator;
    if (processor === undefined) {
      this.add('SCHEMA_VALIDATION_FAILED', 'A Map state needs "ItemProcessor" (or the older "Iterator")', at);
      return;
    }
    this.subMachine(processor, `${at}/${s.ItemProcessor !== undefined ? 'ItemProcessor' : 'Iterator'}`, true);
  }

  private subMachine(m: Json, at: string, isProcessor: boolean): void {
    if (!isObject(m)) {
      this.add('SCHEMA_VALIDATION_FAILED', 'Expected an object with StartAt and States', at);
      return;
    }
    this.fields(
      m,
      isProcessor ? ['StartAt', 'States', 'Comment', 'ProcessorConfig'] : ['StartAt', 'States', 'Comment'],
      at,
    );
    if (m.ProcessorConfig !== undefined) {
      const mode = isObject(m.ProcessorConfig) ? m.ProcessorConfig.Mode : undefined;
      if (mode !== undefined && mode !== 'INLINE') {
        this.add(
          'SCHEMA_VALIDATION_FAILED',
          'The sandbox runs only inline Map states (Mode INLINE)',
          `${at}/ProcessorConfig`,
        );
      }
    }
    this.machine(m, at);
  }

  private retryCatch(s: JsonObject, at: string, names: string[]): void {
    this.eachObject(s, 'Retry', 'A retrier', at, (r, where, last) => {
      this.fields(
        r,
        [
          'ErrorEquals',
          'IntervalSeconds',
          'MaxAttempts',
          'BackoffRate',
          'MaxDelaySeconds',
          'JitterStrategy',
          'Comment',
        ],
        where,
      );
      this.errorEquals(r.ErrorEquals, where, last);
      if (r.IntervalSeconds !== undefined) this.positiveInteger(r.IntervalSeconds, `${where}/IntervalSeconds`);
      if (r.MaxAttempts !== undefined) this.nonNegativeInteger(r.MaxAttempts, `${where}/MaxAttempts`);
      if (r.MaxDelaySeconds !== undefined) this.positiveInteger(r.MaxDelaySeconds, `${where}/MaxDelaySeconds`);
      if (r.BackoffRate !== undefined && !(typeof r.BackoffRate === 'number' && r.BackoffRate >= 1)) {
        this.add('SCHEMA_VALIDATION_FAILED', 'BackoffRate must be a number >= 1.0', `${where}/BackoffRate`);
      }
      if (r.JitterStrategy !== undefined && r.JitterStrategy !== 'FULL' && r.JitterStrategy !== 'NONE') {
        this.add('SCHEMA_VALIDATION_FAILED', 'JitterStrategy must be FULL or NONE', `${where}/JitterStrategy`);
      }
    });
    this.eachObject(s, 'Catch', 'A catcher', at, (c, where, last) => {
      this.fields(c, ['ErrorEquals', 'Next', 'ResultPath', 'Comment'], where);
      this.errorEquals(c.ErrorEquals, where, last);
      this.target(c.Next, `${where}/Next`, names);
      if (c.ResultPath !== undefined && c.ResultPath !== null) this.referencePath(c.ResultPath, `${where}/ResultPath`);
    });
  }

  /** Retry and Catch alike: an optional array of objects, each checked with where it stands and whether it is last. */
  private eachObject(
    s: JsonObject,
    field: 'Retry' | 'Catch',
    noun: string,
    at: string,
    check: (item: JsonObject, where: string, last: boolean) => void,
  ): void {
    const list = s[field];
    if (list === undefined) return;
    if (!Array.isArray(list)) {
      this.add('SCHEMA_VALIDATION_FAILED', `The field "${field}" must be an array`, `${at}/${field}`);
      return;
    }
    list.forEach((item, i) => {
      const where = `${at}/${field}[${i}]`;
      if (!isObject(item)) this.add('SCHEMA_VALIDATION_FAILED', `${noun} must be an object`, where);
      else check(item, where, i === list.length - 1);
    });
  }

  private errorEquals(list: Json | undefined, at: string, last: boolean): void {
    if (!Array.isArray(list) || list.length === 0 || !list.every((e) => typeof e === 'string')) {
      this.add(
        'SCHEMA_VALIDATION_FAILED',
        'The field "ErrorEquals" must be a non-empty array of strings',
        `${at}/ErrorEquals`,
      );
      return;
    }
    if (list.includes('States.ALL') && (list.length > 1 || !last)) {
      this.add(
        'SCHEMA_VALIDATION_FAILED',
        'States.ALL must appear alone in ErrorEquals and in the last retrier or catcher',
        `${at}/ErrorEquals`,
      );
    }
  }

  private choice(s: JsonObject, at: string, names: string[]): void {
    if (!Array.isArray(s.Choices) || s.Choices.length === 0) {
      this.add('SCHEMA_VALIDATION_FAILED', 'The field "Choices" must be a non-empty array', `${at}/Choices`);
    } else {
      s.Choices.forEach((rule, i) => {
        const where = `${at}/Choices[${i}]`;
        if (!isObject(rule)) return this.add('SCHEMA_VALIDATION_FAILED', 'A choice rule must be an object', where);
        this.target(rule.Next, `${where}/Next`, names);
        this.rule(rule, where, true);
      });
    }
    if (s.Default !== undefined) this.target(s.Default, `${at}/Default`, names);
  }

  private rule(rule: JsonObject, at: string, top: boolean): void {
    const allowed = ['Variable', 'And', 'Or', 'Not', 'Comment', ...CHOICE_COMPARATORS, ...PATH_COMPARATORS];
    if (top) allowed.push('Next');
    this.fields(rule, allowed, at);
    const ops = Object.keys(rule).filter((k) => k !== 'Variable' && k !== 'Next' && k !== 'Comment');
    if (ops.length !== 1) {
      this.add('SCHEMA_VALIDATION_FAILED', 'A choice rule needs exactly one comparison or And/Or/Not', at);
      return;
    }
    const op = ops[0] as string;
    if (op === 'And' || op === 'Or') {
      const list = rule[op];
      if (!Array.isArray(list) || list.length === 0) {
        this.add('SCHEMA_VALIDATION_FAILED', `The field "${op}" must be a non-empty array`, `${at}/${op}`);
      } else list.forEach((r, i) => (isObject(r) ? this.rule(r, `${at}/${op}[${i}]`, false) : undefined));
      return;
    }
    if (op === 'Not') {
      if (isObject(rule.Not)) this.rule(rule.Not, `${at}/Not`, false);
      else this.add('SCHEMA_VALIDATION_FAILED', 'The field "Not" must be a choice rule object', `${at}/Not`);
      return;
    }
    if (typeof rule.Variable !== 'string') {
      this.add('SCHEMA_VALIDATION_FAILED', 'The field "Variable" is required', at);
    } else this.referencePathAnyRoot(rule.Variable, `${at}/Variable`);
    const value = rule[op];
    if (op.endsWith('Path')) {
      if (typeof value !== 'string') this.add('SCHEMA_VALIDATION_FAILED', `${op} must be a path`, `${at}/${op}`);
      else this.referencePathAnyRoot(value, `${at}/${op}`);
    } else if (op.startsWith('Is') || op === 'BooleanEquals') {
      if (typeof value !== 'boolean') this.add('SCHEMA_VALIDATION_FAILED', `${op} must be a boolean`, `${at}/${op}`);
    } else if (op.startsWith('Numeric')) {
      if (typeof value !== 'number') this.add('SCHEMA_VALIDATION_FAILED', `${op} must be a number`, `${at}/${op}`);
    } else if (op.startsWith('Timestamp')) {
      if (!isTimestamp(value)) this.add('SCHEMA_VALIDATION_FAILED', `${op} must be a timestamp`, `${at}/${op}`);
    } else if (typeof value !== 'string') {
      this.add('SCHEMA_VALIDATION_FAILED', `${op} must be a string`, `${at}/${op}`);
    }
  }

  /** Parameters / ItemSelector / ResultSelector: keys ending in `.$` hold a path or an intrinsic function. */
  private template(value: Json, at: string): void {
    if (Array.isArray(value)) {
      value.forEach((v, i) => this.template(v, `${at}[${i}]`));
      return;
    }
    if (!isObject(value)) return;
    for (const [key, v] of Object.entries(value)) {
      if (key.endsWith('.$')) {
        if (typeof v !== 'string') {
          this.add('SCHEMA_VALIDATION_FAILED', `The value for the field '${key}' must be a STRING`, `${at}/${key}`);
        } else this.pathOrIntrinsic(v, `${at}/${key}`);
      } else this.template(v, `${at}/${key}`);
    }
  }

  private pathOrIntrinsic(v: Json, at: string): void {
    if (typeof v !== 'string') {
      this.add('SCHEMA_VALIDATION_FAILED', 'Expected a JSONPath or an intrinsic function', at);
      return;
    }
    try {
      if (isIntrinsic(v)) parseIntrinsic(v);
      else parsePath(v);
    } catch (e) {
      this.add(
        'SCHEMA_VALIDATION_FAILED',
        `The value for the field must be a valid JSONPath or a valid intrinsic function call (${(e as Error).message})`,
        at,
      );
    }
  }

  private path(v: Json, at: string): void {
    try {
      if (typeof v !== 'string') throw new Error('a path must be a string');
      if (parsePath(v).root === '$$') throw new Error('the context object cannot be used here');
    } catch (e) {
      this.add('SCHEMA_VALIDATION_FAILED', `Invalid JSONPath: ${(e as Error).message}`, at);
    }
  }

  private referencePath(v: Json, at: string): void {
    try {
      if (typeof v !== 'string') throw new Error('a path must be a string');
      if (parseReferencePath(v).root === '$$') throw new Error('the context object cannot be used here');
    } catch (e) {
      this.add('SCHEMA_VALIDATION_FAILED', `Invalid reference path: ${(e as Error).message}`, at);
    }
  }

  private referencePathAnyRoot(v: string, at: string): void {
    try {
      parseReferencePath(v);
    } catch (e) {
      this.add('SCHEMA_VALIDATION_FAILED', `Invalid reference path: ${(e as Error).message}`, at);
    }
  }

  private fields(o: JsonObject, allowed: string[], at: string): void {
    for (const key of Object.keys(o)) {
      if (allowed.includes(key)) continue;
      const why = NOT_EMULATED.includes(key)
        ? `The field "${key}" is valid on AWS but not emulated by the sandbox`
        : `The field "${key}" is not supported by Step Functions`;
      this.add('SCHEMA_VALIDATION_FAILED', why, `${at}/${key}`);
    }
  }

  private exclusive(o: JsonObject, pair: [string, string], at: string): void {
    if (o[pair[0]] !== undefined && o[pair[1]] !== undefined) {
      this.add('SCHEMA_VALIDATION_FAILED', `The fields "${pair[0]}" and "${pair[1]}" are mutually exclusive`, at);
    }
  }

  private positiveInteger(v: Json, at: string): void {
    if (!(typeof v === 'number' && Number.isInteger(v) && v > 0 && v <= 99_999_999)) {
      this.add('SCHEMA_VALIDATION_FAILED', 'Expected a positive integer', at);
    }
  }

  private nonNegativeInteger(v: Json, at: string): void {
    if (!(typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 99_999_999)) {
      this.add('SCHEMA_VALIDATION_FAILED', 'Expected an integer >= 0', at);
    }
  }

  private add(code: string, message: string, location: string): void {
    this.diagnostics.push({ code, message, location: location || '/' });
  }
}

function reachable(start: string, states: JsonObject): Set<string> {
  const seen = new Set<string>();
  const queue = [start];
  while (queue.length > 0) {
    const name = queue.pop() as string;
    if (seen.has(name)) continue;
    seen.add(name);
    const s = states[name];
    if (!isObject(s)) continue;
    const next: Json[] = [s.Next ?? null, s.Default ?? null];
    if (Array.isArray(s.Choices)) for (const c of s.Choices) if (isObject(c)) next.push(c.Next ?? null);
    if (Array.isArray(s.Catch)) for (const c of s.Catch) if (isObject(c)) next.push(c.Next ?? null);
    for (const n of next) if (typeof n === 'string' && n in states) queue.push(n);
  }
  return seen;
}

export function isTimestamp(v: Json | undefined): v is string {
  return (
    typeof v === 'string' &&
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(v) &&
    !Number.isNaN(Date.parse(v))
  );
}

export function validateDefinition(
  text: string,
  actionExists?: (resource: SdkResource) => boolean,
): { definition?: JsonObject; diagnostics: Diagnostic[] } {
  const checker = new DefinitionChecker(actionExists);
  const definition = checker.check(text);
  return { definition, diagnostics: checker.diagnostics };
}

/** CreateStateMachine's InvalidDefinition message. */
export function invalidDefinitionMessage(diagnostics: Diagnostic[]): string {
  return `Invalid State Machine Definition: ${diagnostics
    .map((d) => `'${d.code}: ${d.message} at ${d.location}'`)
    .join(', ')}`;
}
