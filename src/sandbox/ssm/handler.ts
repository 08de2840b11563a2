// Systems Manager Parameter Store, the part ADATRAP uses: GetParameter (JSON 1.1, `X-Amz-Target:
// AmazonSSM.GetParameter`) over the public Windows AMI aliases, which point at the sandbox image. AWS Systems
// Manager API Reference, GetParameter: Name is the parameter name or ARN with an optional `:version` or `:label`
// selector; an unknown name is `ParameterNotFound`, an unknown version `ParameterVersionNotFound` (400).
// Public parameters under /aws/service/ami-windows-latest/ (EC2 User Guide, "Find the latest Windows AMI").
import { AwsJsonProtocol } from '../awsJson';
import type { ErrorKind, Exchange, WireError } from '../exchange';
import type { Faults } from '../faults';

export const SSM_TARGET = 'AmazonSSM.';
const PROTOCOL = new AwsJsonProtocol('1.1');

/** The aliases the README documents, each resolving to the sandbox's Windows image. */
const WINDOWS_AMI_ALIASES = [
  '/aws/service/ami-windows-latest/Windows_Server-2022-English-Full-Base',
  '/aws/service/ami-windows-latest/Windows_Server-2025-English-Full-Base',
  '/aws/service/ami-windows-latest/Windows_Server-2019-English-Full-Base',
];

export class SsmHandler {
  private readonly parameters = new Map<string, string>();
  private readonly modified = new Date();

  constructor(
    private readonly faults: Faults,
    private readonly region: string,
    imageId: string,
  ) {
    for (const name of WINDOWS_AMI_ALIASES) this.parameters.set(name, imageId);
  }

  async handle(ex: Exchange, operation: string): Promise<void> {
    const body = await PROTOCOL.readRequest(ex);
    if (!body) return;
    if (!(await ex.admit(this.faults, { service: 'ssm', operation }, ssmErrorReply))) return;
    if (operation !== 'GetParameter')
      return PROTOCOL.sendError(ex, 400, 'UnknownOperationException', `The sandbox does not implement ${operation}.`);
    const requested = typeof body.Name === 'string' ? body.Name : '';
    if (requested.length < 1 || requested.length > 2048)
      return PROTOCOL.sendError(ex, 400, 'ValidationException', 'Name must be between 1 and 2048 characters.');
    const arn = /^arn:aws[\w-]*:ssm:[a-z0-9-]+:(\d{12})?:parameter(\/.*)$/.exec(requested);
    const withSelector = arn ? (arn[2] ?? '') : requested;
    const m = /^(.*?)(?::([A-Za-z0-9_.-]+))?$/.exec(withSelector);
    const name = m?.[1] ?? withSelector;
    const selector = m?.[2];
    const value = this.parameters.get(name);
    if (value === undefined) return PROTOCOL.sendError(ex, 400, 'ParameterNotFound', `Parameter ${name} not found.`);
    if (selector !== undefined && selector !== '1')
      return PROTOCOL.sendError(
        ex,
        400,
        'ParameterVersionNotFound',
        `Version ${selector} of parameter ${name} not found.`,
      );
    return PROTOCOL.send(ex, 200, {
      Parameter: {
        Name: name,
        Type: 'String',
        Value: value,
        Version: 1,
        ...(selector !== undefined ? { Selector: `:${selector}` } : {}),
        LastModifiedDate: this.modified.getTime() / 1000,
        ARN: `arn:aws:ssm:${this.region}::parameter${name}`,
        DataType: 'aws:ec2:image',
      },
    });
  }
}

function ssmErrorReply(kind: ErrorKind): WireError {
  return PROTOCOL.faultReply(kind, {
    denied: 'User is not authorized to perform ssm:GetParameter (sandbox fault).',
    internal: ['InternalServerError', 'An internal error occurred.'],
  });
}
