// CloudFormation Query API 2010-05-15 (form POST, `Version=2010-05-15`), XML answers in the service's namespace,
// errors as `<ErrorResponse><Error><Type>Sender</Type><Code>ValidationError</Code>…`.
import type { ErrorKind, Exchange, WireError } from '../exchange';
import { queryErrorXml, queryFaultReply } from '../awsQuery';
import type { Faults } from '../faults';
import { toXml, xmlDocument, type XmlNode } from '../xml';
import { CfnError, type Stack, type Stacks } from './stacks';

export const CFN_VERSION = '2010-05-15';
const NS = 'http://cloudformation.amazonaws.com/doc/2010-05-15/';

export class CfnHandler {
  constructor(
    private readonly stacks: Stacks,
    private readonly faults: Faults,
  ) {}

  async handle(ex: Exchange, params: URLSearchParams): Promise<void> {
    const action = params.get('Action') ?? '';
    if (!(await ex.admit(this.faults, { service: 'cloudformation', operation: action }, cfnErrorReply))) return;
    try {
      const result = this.dispatch(action, params);
      const body =
        (result === undefined ? '' : toXml({ [`${action}Result`]: result })) +
        toXml({ ResponseMetadata: { RequestId: ex.requestId } });
      await ex.send(200, { 'content-type': 'text/xml' }, xmlDocument(`${action}Response`, body, NS));
    } catch (e) {
      const [code, message] =
        e instanceof CfnError ? [e.code, e.message] : ['InternalFailure', 'An internal error occurred.'];
      await ex.send(
        e instanceof CfnError ? 400 : 500,
        { 'content-type': 'text/xml' },
        queryErrorXml(code, message, ex.requestId, NS),
      );
    }
  }

  private dispatch(action: string, q: URLSearchParams): XmlNode | undefined {
    switch (action) {
      case 'CreateStack': {
        const stack = this.stacks.create(
          required(q, 'StackName'),
          templateBody(q),
          parameters(q),
          members(q, 'Capabilities'),
          tags(q),
        );
        return { StackId: stack.stackId };
      }
      case 'UpdateStack': {
        const usePrevious = q.get('UsePreviousTemplate') === 'true';
        const body = usePrevious ? undefined : templateBody(q);
        const stack = this.stacks.update(
          required(q, 'StackName'),
          body,
          parameters(q, required(q, 'StackName')),
          members(q, 'Capabilities'),
        );
        return { StackId: stack.stackId };
      }
      case 'DeleteStack':
        this.stacks.delete(required(q, 'StackName'));
        return undefined;
      case 'DescribeStacks': {
        const name = q.get('StackName');
        const list = name
          ? [this.stacks.find(name)]
          : [...this.stacks.values()].filter((s) => s.status !== 'DELETE_COMPLETE');
        return { Stacks: list.map((s) => ({ member: describe(s) })) };
      }
      case 'DescribeStackEvents': {
        const s = this.stacks.find(required(q, 'StackName'));
        return {
          StackEvents: [...s.events].reverse().map((e) => ({
            member: {
              StackId: s.stackId,
              EventId: e.eventId,
              StackName: s.name,
              LogicalResourceId: e.logicalId,
              PhysicalResourceId: e.physicalId,
              ResourceType: e.type,
              Timestamp: e.timestamp.toISOString(),
              ResourceStatus: e.status,
              ResourceStatusReason: e.reason,
            },
          })),
        };
      }
      case 'DescribeStackResources': {
        const s = this.stacks.find(required(q, 'StackName'));
        return {
          StackResources: [...s.resources.values()].map((r) => ({
            member: {
              StackId: s.stackId,
              StackName: s.name,
              LogicalResourceId: r.logicalId,
              PhysicalResourceId: r.physicalId,
              ResourceType: r.type,
              Timestamp: (s.lastUpdatedTime ?? s.creationTime).toISOString(),
              ResourceStatus: r.status,
            },
          })),
        };
      }
      case 'GetTemplate': {
        const s = this.stacks.find(required(q, 'StackName'));
        return { TemplateBody: s.templateBody, StagesAvailable: [{ member: 'Original' }, { member: 'Processed' }] };
      }
      case 'ValidateTemplate': {
        const t = this.stacks.validate(templateBody(q));
        const declared = (t.Parameters ?? {}) as Record<string, Record<string, unknown>>;
        const iam = Object.values(t.Resources as Record<string, { Type?: string }>).some((r) =>
          String(r.Type).startsWith('AWS::IAM::'),
        );
        return {
          Parameters: Object.entries(declared).map(([k, p]) => ({
            member: {
              ParameterKey: k,
              DefaultValue: p.Default === undefined ? undefined : String(p.Default),
              NoEcho: p.NoEcho === true || p.NoEcho === 'true',
              Description: typeof p.Description === 'string' ? p.Description : undefined,
            },
          })),
          Description: typeof t.Description === 'string' ? t.Description : undefined,
          Capabilities: iam ? [{ member: 'CAPABILITY_IAM' }] : undefined,
          CapabilitiesReason: iam ? 'The following resource(s) require capabilities: [AWS::IAM::Role]' : undefined,
        };
      }
      default:
        throw new CfnError('InvalidAction', `The action ${action} is not valid for this web service.`);
    }
  }
}

function describe(s: Stack): XmlNode {
  return {
    StackId: s.stackId,
    StackName: s.name,
    CreationTime: s.creationTime.toISOString(),
    LastUpdatedTime: s.lastUpdatedTime?.toISOString(),
    StackStatus: s.status,
    StackStatusReason: s.reason,
    DisableRollback: false,
    Parameters: Object.entries(s.parameters).map(([k, v]) => ({ member: { ParameterKey: k, ParameterValue: v } })),
    Outputs: s.outputs.map((o) => ({ member: { OutputKey: o.key, OutputValue: o.value, Description: o.description } })),
    Capabilities: s.capabilities.map((c) => ({ member: c })),
    Tags: s.tags.map((t) => ({ member: t })),
  };
}

function required(q: URLSearchParams, name: string): string {
  const v = q.get(name);
  if (!v)
    throw new CfnError(
      'ValidationError',
      `1 validation error detected: Value null at '${name.charAt(0).toLowerCase()}${name.slice(1)}' failed to satisfy constraint: Member must not be null`,
    );
  return v;
}

function templateBody(q: URLSearchParams): string {
  if (q.get('TemplateURL'))
    throw new CfnError('ValidationError', 'The sandbox takes TemplateBody only (TemplateURL is not emulated).');
  const body = q.get('TemplateBody');
  if (!body) throw new CfnError('ValidationError', 'Either Template URL or Template Body must be specified.');
  return body;
}

function members(q: URLSearchParams, prefix: string): string[] {
  const out: string[] = [];
  for (let i = 1; q.has(`${prefix}.member.${i}`); i++) out.push(q.get(`${prefix}.member.${i}`) ?? '');
  return out;
}

function parameters(q: URLSearchParams, _stack?: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 1; q.has(`Parameters.member.${i}.ParameterKey`); i++) {
    const key = q.get(`Parameters.member.${i}.ParameterKey`) ?? '';
    const value = q.get(`Parameters.member.${i}.ParameterValue`);
    if (value !== null) out[key] = value;
  }
  return out;
}

function tags(q: URLSearchParams): Array<{ Key: string; Value: string }> {
  const out: Array<{ Key: string; Value: string }> = [];
  for (let i = 1; q.has(`Tags.member.${i}.Key`); i++) {
    out.push({ Key: q.get(`Tags.member.${i}.Key`) ?? '', Value: q.get(`Tags.member.${i}.Value`) ?? '' });
  }
  return out;
}

function cfnErrorReply(kind: ErrorKind): WireError {
  return queryFaultReply(kind, 'User is not authorized to perform this CloudFormation action (sandbox fault).', NS);
}
