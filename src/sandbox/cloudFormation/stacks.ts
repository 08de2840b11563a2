// CloudFormation stacks over the sandbox's own services (CloudFormation API Reference, 2010-05-15): JSON
// templates with Parameters, Ref / Fn::GetAtt / Fn::Sub / Fn::Join and the AWS:: pseudo parameters, Outputs;
// statuses and events as AWS (CREATE_IN_PROGRESS -> CREATE_COMPLETE, UPDATE_*, DELETE_*, ROLLBACK_* when a
// resource fails); "No updates are to be performed."; InsufficientCapabilitiesException for IAM resources
// without CAPABILITY_IAM / CAPABILITY_NAMED_IAM; TemplateBody at most 51,200 bytes (CloudFormation quotas).
// Resource types: AWS::Logs::LogGroup/LogStream (real sandbox log groups), AWS::IAM::Role/InstanceProfile/
// Policy/ManagedPolicy (a registry: RunInstances accepts the instance profiles created here),
// AWS::StepFunctions::StateMachine (a real sandbox state machine), AWS::Scheduler::ScheduleGroup (recorded).
import { randomUUID } from 'node:crypto';
import type { LogsStore } from '../logs/store';
import type { SfnService } from '../stepFunctions/service';

export class CfnError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

type J = null | boolean | number | string | J[] | { [k: string]: J };
type Obj = { [k: string]: J };

const TEMPLATE_BODY_LIMIT = 51_200;
const SUPPORTED = [
  'AWS::Logs::LogGroup',
  'AWS::Logs::LogStream',
  'AWS::IAM::Role',
  'AWS::IAM::InstanceProfile',
  'AWS::IAM::Policy',
  'AWS::IAM::ManagedPolicy',
  'AWS::StepFunctions::StateMachine',
  'AWS::Scheduler::ScheduleGroup',
];

interface StackEvent {
  eventId: string;
  logicalId: string;
  physicalId: string;
  type: string;
  status: string;
  reason?: string;
  timestamp: Date;
}

interface Resource {
  logicalId: string;
  type: string;
  physicalId: string;
  attributes: Record<string, string>;
  status: string;
  properties: Obj;
}

export interface Stack {
  stackId: string;
  name: string;
  status: string;
  reason?: string;
  templateBody: string;
  parameters: Record<string, string>;
  capabilities: string[];
  resources: Map<string, Resource>;
  outputs: Array<{ key: string; value: string; description?: string }>;
  events: StackEvent[];
  creationTime: Date;
  lastUpdatedTime?: Date;
  tags: Array<{ Key: string; Value: string }>;
}

interface StackDeps {
  region: string;
  accountId: string;
  logs: LogsStore;
  stepFunctions: SfnService;
  /** Instance profile names RunInstances accepts (shared with the EC2 handler). */
  instanceProfiles: string[];
  /** Delay between resource operations (ms), so progress is visible as on AWS. */
  stepMs: number;
}

export class Stacks {
  readonly stacks = new Map<string, Stack>();
  /** Role name -> the service principals its trust policy names. */
  private readonly roles = new Map<string, string[]>();

  constructor(private readonly deps: StackDeps) {}

  /** Whether a stack made this role and it trusts the service (EventBridge Scheduler asks for its own). */
  roleTrusts(name: string, service: string): boolean {
    return this.roles.get(name)?.includes(service) === true;
  }

  /** Whether a live stack made this resource (the Scheduler asks for schedule groups). */
  hasResource(type: string, physicalId: string): boolean {
    for (const stack of this.stacks.values()) {
      if (stack.status === 'DELETE_COMPLETE') continue;
      for (const r of stack.resources.values()) if (r.type === type && r.physicalId === physicalId) return true;
    }
    return false;
  }

  values(): IterableIterator<Stack> {
    return this.stacks.values();
  }

  find(nameOrId: string): Stack {
    const s = [...this.stacks.values()].find((x) => x.name === nameOrId || x.stackId === nameOrId);
    if (!s || (s.status === 'DELETE_COMPLETE' && s.name === nameOrId)) {
      throw new CfnError('ValidationError', `Stack with id ${nameOrId} does not exist`);
    }
    return s;
  }

  create(name: string, body: string, params: Record<string, string>, caps: string[], tags: Stack['tags']): Stack {
    if (!/^[A-Za-z][A-Za-z0-9-]{0,127}$/.test(name)) {
      throw new CfnError(
        'ValidationError',
        `1 validation error detected: Value '${name}' at 'stackName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z][-a-zA-Z0-9]*`,
      );
    }
    const live = [...this.stacks.values()].find((s) => s.name === name && s.status !== 'DELETE_COMPLETE');
    if (live) throw new CfnError('AlreadyExistsException', `Stack [${name}] already exists`);
    const template = this.validate(body);
    const parameters = resolveParameters(template, params);
    checkCapabilities(template, caps);
    const stack: Stack = {
      stackId: `arn:aws:cloudformation:${this.deps.region}:${this.deps.accountId}:stack/${name}/${randomUUID()}`,
      name,
      status: 'CREATE_IN_PROGRESS',
      templateBody: body,
      parameters,
      capabilities: caps,
      resources: new Map(),
      outputs: [],
      events: [],
      creationTime: new Date(),
      tags,
    };
    this.stacks.set(stack.stackId, stack);
    this.event(stack, stack.name, stack.stackId, 'AWS::CloudFormation::Stack', 'CREATE_IN_PROGRESS', 'User Initiated');
    void this.apply(stack, template, 'CREATE');
    return stack;
  }

  update(nameOrId: string, body: string | undefined, params: Record<string, string>, caps: string[]): Stack {
    const stack = this.find(nameOrId);
    if (stack.status.endsWith('_IN_PROGRESS')) {
      throw new CfnError(
        'ValidationError',
        `Stack:${stack.stackId} is in ${stack.status} state and can not be updated.`,
      );
    }
    if (stack.status === 'ROLLBACK_COMPLETE' || stack.status === 'CREATE_FAILED') {
      throw new CfnError(
        'ValidationError',
        `Stack:${stack.stackId} is in ${stack.status} state and can not be updated.`,
      );
    }
    const text = body ?? stack.templateBody;
    const template = this.validate(text);
    const parameters = resolveParameters(template, params);
    checkCapabilities(template, caps);
    if (text === stack.templateBody && JSON.stringify(parameters) === JSON.stringify(stack.parameters)) {
      throw new CfnError('ValidationError', 'No updates are to be performed.');
    }
    stack.templateBody = text;
    stack.parameters = parameters;
    stack.status = 'UPDATE_IN_PROGRESS';
    stack.lastUpdatedTime = new Date();
    this.event(stack, stack.name, stack.stackId, 'AWS::CloudFormation::Stack', 'UPDATE_IN_PROGRESS', 'User Initiated');
    void this.apply(stack, template, 'UPDATE');
    return stack;
  }

  delete(nameOrId: string): void {
    let stack: Stack;
    try {
      stack = this.find(nameOrId);
    } catch {
      return; // DeleteStack of a stack that does not exist succeeds, as on AWS.
    }
    if (stack.status === 'DELETE_COMPLETE' || stack.status === 'DELETE_IN_PROGRESS') return;
    stack.status = 'DELETE_IN_PROGRESS';
    this.event(stack, stack.name, stack.stackId, 'AWS::CloudFormation::Stack', 'DELETE_IN_PROGRESS', 'User Initiated');
    void (async () => {
      await this.removeAll(stack, 'DELETE');
      stack.status = 'DELETE_COMPLETE';
      this.event(stack, stack.name, stack.stackId, 'AWS::CloudFormation::Stack', 'DELETE_COMPLETE');
    })();
  }

  validate(body: string): Obj {
    if (Buffer.byteLength(body, 'utf8') > TEMPLATE_BODY_LIMIT) {
      throw new CfnError(
        'ValidationError',
        `1 validation error detected: Value at 'templateBody' failed to satisfy constraint: Member must have length less than or equal to ${TEMPLATE_BODY_LIMIT}`,
      );
    }
    let t: unknown;
    try {
      t = JSON.parse(body);
    } catch {
      throw new CfnError(
        'ValidationError',
        'Template format error: the sandbox reads JSON templates only (YAML is not emulated)',
      );
    }
    if (!isObj(t as J) || !isObj((t as Obj).Resources ?? null)) {
      throw new CfnError('ValidationError', 'Template format error: At least one Resources member must be defined.');
    }
    const template = t as Obj;
    const resources = template.Resources as Obj;
    const unknown = Object.values(resources)
      .map((r) => (isObj(r) ? String(r.Type) : 'undefined'))
      .filter((type) => !SUPPORTED.includes(type));
    if (unknown.length) {
      throw new CfnError(
        'ValidationError',
        `Template format error: Unrecognized resource types: [${[...new Set(unknown)].join(', ')}]`,
      );
    }
    return template;
  }

  private async apply(stack: Stack, template: Obj, mode: 'CREATE' | 'UPDATE'): Promise<void> {
    const resources = template.Resources as Obj;
    const order = dependencyOrder(resources);
    const wanted = new Set(order);
    try {
      for (const logicalId of order) {
        await sleep(this.deps.stepMs);
        const r = resources[logicalId] as Obj;
        const properties = this.resolve((r.Properties ?? {}) as J, stack) as Obj;
        const existing = stack.resources.get(logicalId);
        if (
          existing &&
          existing.type === r.Type &&
          JSON.stringify(existing.properties) === JSON.stringify(properties)
        ) {
          continue;
        }
        const verb = existing ? 'UPDATE' : 'CREATE';
        this.event(stack, logicalId, existing?.physicalId ?? '', String(r.Type), `${verb}_IN_PROGRESS`);
        try {
          if (existing) this.destroy(existing);
          const made = this.make(stack, logicalId, String(r.Type), properties);
          stack.resources.set(logicalId, made);
          made.status = `${verb}_COMPLETE`;
          this.event(stack, logicalId, made.physicalId, made.type, `${verb}_COMPLETE`);
        } catch (e) {
          const reason = e instanceof Error ? e.message : String(e);
          this.event(stack, logicalId, '', String(r.Type), `${verb}_FAILED`, reason);
          throw new CfnError(
            'ResourceFailed',
            `The following resource(s) failed to ${verb.toLowerCase()}: [${logicalId}]. `,
          );
        }
      }
      for (const [logicalId, r] of stack.resources) {
        if (wanted.has(logicalId)) continue;
        this.event(stack, logicalId, r.physicalId, r.type, 'DELETE_IN_PROGRESS');
        this.destroy(r);
        stack.resources.delete(logicalId);
        this.event(stack, logicalId, r.physicalId, r.type, 'DELETE_COMPLETE');
      }
      stack.outputs = this.outputs(template, stack);
      stack.status = `${mode}_COMPLETE`;
      stack.reason = undefined;
      this.event(stack, stack.name, stack.stackId, 'AWS::CloudFormation::Stack', stack.status);
    } catch (e) {
      const reason = e instanceof Error ? e.message : String(e);
      const rollback = mode === 'CREATE' ? 'ROLLBACK' : 'UPDATE_ROLLBACK';
      stack.status = `${rollback}_IN_PROGRESS`;
      stack.reason = reason;
      this.event(stack, stack.name, stack.stackId, 'AWS::CloudFormation::Stack', stack.status, reason);
      // The sandbox rolls a failed create back by deleting what it made; a failed update keeps what exists.
      if (mode === 'CREATE') await this.removeAll(stack, 'DELETE');
      stack.status = `${rollback}_COMPLETE`;
      this.event(stack, stack.name, stack.stackId, 'AWS::CloudFormation::Stack', stack.status);
    }
  }

  private async removeAll(stack: Stack, _verb: 'DELETE'): Promise<void> {
    for (const r of [...stack.resources.values()].reverse()) {
      await sleep(this.deps.stepMs);
      this.event(stack, r.logicalId, r.physicalId, r.type, 'DELETE_IN_PROGRESS');
      this.destroy(r);
      stack.resources.delete(r.logicalId);
      this.event(stack, r.logicalId, r.physicalId, r.type, 'DELETE_COMPLETE');
    }
  }

  private make(stack: Stack, logicalId: string, type: string, p: Obj): Resource {
    const { region, accountId } = this.deps;
    const generated = `${stack.name}-${logicalId}-${randomUUID().replace(/-/g, '').slice(0, 12).toUpperCase()}`;
    const base = { logicalId, type, properties: p, status: '' };
    switch (type) {
      case 'AWS::Logs::LogGroup': {
        const name = str(p.LogGroupName) ?? generated;
        if (this.deps.logs.allGroups().some((g) => g.name === name)) this.deps.logs.deleteGroup(name);
        this.deps.logs.createGroup(name);
        return {
          ...base,
          physicalId: name,
          attributes: { Arn: `arn:aws:logs:${region}:${accountId}:log-group:${name}:*` },
        };
      }
      case 'AWS::Logs::LogStream': {
        const group = str(p.LogGroupName);
        if (!group) throw new Error('Property LogGroupName cannot be empty.');
        const name = str(p.LogStreamName) ?? generated;
        this.deps.logs.createStream(group, name);
        return { ...base, physicalId: name, attributes: {} };
      }
      case 'AWS::IAM::Role': {
        const name = str(p.RoleName) ?? generated;
        if (!isObj(p.AssumeRolePolicyDocument ?? null))
          throw new Error('Property AssumeRolePolicyDocument cannot be empty.');
        if (this.roles.has(name)) throw new Error(`${name} already exists in stack`);
        this.roles.set(name, trustedServices(p.AssumeRolePolicyDocument));
        return {
          ...base,
          physicalId: name,
          attributes: { Arn: `arn:aws:iam::${accountId}:role/${name}`, RoleId: `AROA${hexId()}` },
        };
      }
      case 'AWS::IAM::InstanceProfile': {
        const name = str(p.InstanceProfileName) ?? generated;
        const roles = Array.isArray(p.Roles) ? p.Roles : [];
        for (const role of roles)
          if (!this.roles.has(String(role))) throw new Error(`The role with name ${String(role)} cannot be found.`);
        if (!this.deps.instanceProfiles.includes(name)) this.deps.instanceProfiles.push(name);
        return { ...base, physicalId: name, attributes: { Arn: `arn:aws:iam::${accountId}:instance-profile/${name}` } };
      }
      case 'AWS::IAM::Policy':
      case 'AWS::IAM::ManagedPolicy': {
        if (!isObj(p.PolicyDocument ?? null)) throw new Error('Property PolicyDocument cannot be empty.');
        const name = str(p.PolicyName) ?? str(p.ManagedPolicyName) ?? generated;
        const arn = `arn:aws:iam::${accountId}:policy/${name}`;
        return { ...base, physicalId: type === 'AWS::IAM::ManagedPolicy' ? arn : name, attributes: { PolicyArn: arn } };
      }
      case 'AWS::StepFunctions::StateMachine': {
        let definition =
          str(p.DefinitionString) ?? (p.Definition !== undefined ? JSON.stringify(p.Definition) : undefined);
        if (definition === undefined) throw new Error('Property DefinitionString or Definition is required.');
        if (isObj(p.DefinitionSubstitutions ?? null)) {
          for (const [k, v] of Object.entries(p.DefinitionSubstitutions as Obj))
            definition = definition.split(`\${${k}}`).join(String(v));
        }
        const out = this.deps.stepFunctions.dispatch('CreateStateMachine', {
          name: str(p.StateMachineName) ?? generated.slice(0, 80),
          definition,
          roleArn: str(p.RoleArn),
          type: str(p.StateMachineType) ?? 'STANDARD',
        });
        const arn = String(out.stateMachineArn);
        return { ...base, physicalId: arn, attributes: { Arn: arn, Name: arn.split(':').pop() ?? '' } };
      }
      case 'AWS::Scheduler::ScheduleGroup': {
        const name = str(p.Name) ?? generated;
        return {
          ...base,
          physicalId: name,
          attributes: { Arn: `arn:aws:scheduler:${region}:${accountId}:schedule-group/${name}` },
        };
      }
      default:
        throw new Error(`Unrecognized resource type ${type}`);
    }
  }

  private destroy(r: Resource): void {
    try {
      if (r.type === 'AWS::Logs::LogGroup') this.deps.logs.deleteGroup(r.physicalId);
      if (r.type === 'AWS::IAM::Role') this.roles.delete(r.physicalId);
      if (r.type === 'AWS::IAM::InstanceProfile') {
        const i = this.deps.instanceProfiles.indexOf(r.physicalId);
        if (i >= 0) this.deps.instanceProfiles.splice(i, 1);
      }
      if (r.type === 'AWS::StepFunctions::StateMachine') {
        this.deps.stepFunctions.dispatch('DeleteStateMachine', { stateMachineArn: r.physicalId });
      }
    } catch {
      // Already gone: deleting what does not exist is a success for CloudFormation.
    }
  }

  private outputs(template: Obj, stack: Stack): Stack['outputs'] {
    const outs = isObj(template.Outputs ?? null) ? (template.Outputs as Obj) : {};
    return Object.entries(outs).map(([key, o]) => {
      const out = o as Obj;
      return { key, value: String(this.resolve(out.Value ?? '', stack)), description: str(out.Description) };
    });
  }

  private pseudo(stack: Stack): Record<string, string> {
    return {
      'AWS::Region': this.deps.region,
      'AWS::AccountId': this.deps.accountId,
      'AWS::Partition': 'aws',
      'AWS::StackName': stack.name,
      'AWS::StackId': stack.stackId,
      'AWS::URLSuffix': 'amazonaws.com',
    };
  }

  private ref(name: string, stack: Stack): string {
    const pseudo = this.pseudo(stack)[name];
    if (pseudo !== undefined) return pseudo;
    if (name in stack.parameters) return stack.parameters[name] as string;
    const r = stack.resources.get(name);
    if (!r) throw new Error(`Template error: instance of Fn::GetAtt/Ref references undefined resource ${name}`);
    return r.physicalId;
  }

  private resolve(v: J, stack: Stack): J {
    if (Array.isArray(v)) return v.map((x) => this.resolve(x, stack));
    if (!isObj(v)) return v;
    const keys = Object.keys(v);
    if (keys.length === 1) {
      const [k] = keys as [string];
      const arg = v[k] as J;
      if (k === 'Ref') return this.ref(String(arg), stack);
      if (k === 'Fn::GetAtt') {
        const [id, attr] = Array.isArray(arg) ? arg.map(String) : String(arg).split('.');
        const r = stack.resources.get(id ?? '');
        const value = r?.attributes[attr ?? ''];
        if (value === undefined)
          throw new Error(
            `Template error: resource ${id ?? ''} does not support attribute type ${attr ?? ''} in Fn::GetAtt`,
          );
        return value;
      }
      if (k === 'Fn::Join') {
        const [sep, list] = arg as [string, J[]];
        return (this.resolve(list, stack) as J[]).map(String).join(sep);
      }
      if (k === 'Fn::Sub') {
        const [text, vars] = Array.isArray(arg) ? (arg as [string, Obj]) : [String(arg), {}];
        const local = isObj(vars) ? (this.resolve(vars, stack) as Obj) : {};
        return text.replace(/\$\{(!?)([^}]+)\}/g, (_m, bang: string, name: string) => {
          if (bang) return `\${${name}}`;
          if (name in local) return String(local[name]);
          if (name.includes('.') && !name.startsWith('AWS::')) {
            const [id, attr] = name.split('.');
            const value = stack.resources.get(id ?? '')?.attributes[attr ?? ''];
            if (value === undefined) throw new Error(`Template error: ${name} in Fn::Sub cannot be resolved`);
            return value;
          }
          return this.ref(name, stack);
        });
      }
    }
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, this.resolve(x, stack)]));
  }

  private event(
    stack: Stack,
    logicalId: string,
    physicalId: string,
    type: string,
    status: string,
    reason?: string,
  ): void {
    stack.events.push({ eventId: randomUUID(), logicalId, physicalId, type, status, reason, timestamp: new Date() });
  }
}

function resolveParameters(template: Obj, given: Record<string, string>): Record<string, string> {
  const declared = isObj(template.Parameters ?? null) ? (template.Parameters as Obj) : {};
  for (const name of Object.keys(given)) {
    if (!(name in declared))
      throw new CfnError('ValidationError', `Parameters: [${name}] do not exist in the template`);
  }
  const out: Record<string, string> = {};
  const missing: string[] = [];
  for (const [name, spec] of Object.entries(declared)) {
    const def = isObj(spec) ? spec.Default : undefined;
    const value = given[name] ?? (def === undefined ? undefined : String(def));
    if (value === undefined) missing.push(name);
    else {
      const allowed = isObj(spec) && Array.isArray(spec.AllowedValues) ? spec.AllowedValues.map(String) : undefined;
      if (allowed && !allowed.includes(value)) {
        throw new CfnError('ValidationError', `Parameter '${name}' must be one of AllowedValues`);
      }
      out[name] = value;
    }
  }
  if (missing.length) throw new CfnError('ValidationError', `Parameters: [${missing.join(', ')}] must have values`);
  return out;
}

function checkCapabilities(template: Obj, caps: string[]): void {
  const resources = Object.values(template.Resources as Obj).filter(isObj);
  const iam = resources.filter((r) => String(r.Type).startsWith('AWS::IAM::'));
  if (iam.length === 0) return;
  const named = iam.some((r) => {
    const p = isObj(r.Properties ?? null) ? (r.Properties as Obj) : {};
    return p.RoleName !== undefined || p.InstanceProfileName !== undefined || p.ManagedPolicyName !== undefined;
  });
  if (named && !caps.includes('CAPABILITY_NAMED_IAM')) {
    throw new CfnError('InsufficientCapabilitiesException', 'Requires capabilities : [CAPABILITY_NAMED_IAM]');
  }
  if (!named && !caps.includes('CAPABILITY_IAM') && !caps.includes('CAPABILITY_NAMED_IAM')) {
    throw new CfnError('InsufficientCapabilitiesException', 'Requires capabilities : [CAPABILITY_IAM]');
  }
}

/** Resources in an order where each comes after those it Refs / GetAtts / Subs / DependsOn. */
function dependencyOrder(resources: Obj): string[] {
  const ids = Object.keys(resources);
  const deps = new Map(ids.map((id) => [id, new Set<string>()]));
  const scan = (v: J, into: Set<string>): void => {
    if (Array.isArray(v)) return v.forEach((x) => scan(x, into));
    if (!isObj(v)) return;
    for (const [k, x] of Object.entries(v)) {
      if (k === 'Ref' && typeof x === 'string' && ids.includes(x)) into.add(x);
      else if (k === 'Fn::GetAtt') {
        const id = Array.isArray(x) ? String(x[0]) : String(x).split('.')[0];
        if (id && ids.includes(id)) into.add(id);
      } else if (k === 'Fn::Sub') {
        const text = Array.isArray(x) ? String(x[0]) : String(x);
        for (const m of text.matchAll(/\$\{([^!}][^}.]*)/g)) if (ids.includes(m[1] ?? '')) into.add(m[1] as string);
        scan(x, into);
      } else scan(x, into);
    }
  };
  for (const id of ids) {
    const r = resources[id] as Obj;
    const into = deps.get(id) as Set<string>;
    scan((r.Properties ?? {}) as J, into);
    const dependsOn = r.DependsOn;
    for (const d of Array.isArray(dependsOn) ? dependsOn : dependsOn ? [dependsOn] : []) {
      if (!ids.includes(String(d)))
        throw new CfnError(
          'ValidationError',
          `Template format error: Unresolved resource dependencies [${String(d)}] in the Resources block of the template`,
        );
      into.add(String(d));
    }
  }
  const out: string[] = [];
  const state = new Map<string, number>();
  const visit = (id: string): void => {
    if (state.get(id) === 2) return;
    if (state.get(id) === 1)
      throw new CfnError('ValidationError', `Template format error: Circular dependency between resources: [${id}]`);
    state.set(id, 1);
    for (const d of deps.get(id) ?? []) visit(d);
    state.set(id, 2);
    out.push(id);
  };
  ids.forEach(visit);
  return out;
}

function isObj(v: J | undefined): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function str(v: J | undefined): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

function hexId(): string {
  return randomUUID().replace(/-/g, '').slice(0, 17).toUpperCase();
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** The `Service` principals of an AssumeRolePolicyDocument's Allow statements. */
function trustedServices(document: unknown): string[] {
  const statements = (document as { Statement?: unknown }).Statement;
  const list = Array.isArray(statements) ? statements : [statements];
  return list.flatMap((st) => {
    const s = st as { Effect?: unknown; Principal?: { Service?: unknown } } | undefined;
    if (s?.Effect !== 'Allow') return [];
    const service = s.Principal?.Service;
    return (Array.isArray(service) ? service : [service]).filter((v): v is string => typeof v === 'string');
  });
}
