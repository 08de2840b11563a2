// Task resources the sandbox runs: the AWS SDK integrations, `arn:aws:states:::aws-sdk:<service>:<action>` with
// the optional `.waitForTaskToken` pattern (SDK integrations support Request Response and Wait for Callback, not
// `.sync`). https://docs.aws.amazon.com/step-functions/latest/dg/supported-services-awssdk.html
// A service the sandbox does not serve is refused at creation (INVALID_RESOURCE) instead of failing mid-run.
export interface SdkResource {
  service: string;
  /** camelCase, as written in the ARN. */
  action: string;
  waitForTaskToken: boolean;
}

/** aws-sdk service name -> how Step Functions names it in errors, and whether its SDK shapes are camelCase. */
export const SDK_SERVICES: Record<string, { errorPrefix: string; camelCaseShapes: boolean }> = {
  ec2: { errorPrefix: 'Ec2', camelCaseShapes: false },
  s3: { errorPrefix: 'S3', camelCaseShapes: false },
  cloudwatchlogs: { errorPrefix: 'CloudWatchLogs', camelCaseShapes: true },
  sts: { errorPrefix: 'Sts', camelCaseShapes: false },
  sfn: { errorPrefix: 'Sfn', camelCaseShapes: true },
};

const PREFIX = 'arn:aws:states:::aws-sdk:';

export function parseResource(arn: string): { resource?: SdkResource; problem?: string } {
  if (!arn.startsWith(PREFIX)) {
    return {
      problem: `The resource '${arn}' is not one the sandbox runs: it emulates AWS SDK integrations (${PREFIX}<service>:<action>) only`,
    };
  }
  const m = /^([a-z0-9]+):([a-z][A-Za-z0-9]*)(\.(\w+))?$/.exec(arn.slice(PREFIX.length));
  if (!m) return { problem: `Resource '${arn}' is not a valid resource ARN` };
  const [, service = '', action = '', , pattern] = m;
  if (pattern !== undefined && pattern !== 'waitForTaskToken') {
    return { problem: `The integration pattern '.${pattern}' is not supported for AWS SDK integrations` };
  }
  if (!SDK_SERVICES[service]) {
    return {
      problem: `The resource '${arn}' names a service the sandbox does not emulate (${Object.keys(SDK_SERVICES).join(', ')})`,
    };
  }
  return { resource: { service, action, waitForTaskToken: pattern === 'waitForTaskToken' } };
}

/** `arn:aws:states:::aws-sdk:ec2:runInstances.waitForTaskToken` -> the history's resourceType / resource. */
export function historyResource(r: SdkResource): { resourceType: string; resource: string } {
  return {
    resourceType: `aws-sdk:${r.service}`,
    resource: r.waitForTaskToken ? `${r.action}.waitForTaskToken` : r.action,
  };
}
