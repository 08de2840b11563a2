// One launch configuration for the core unit tests (launch plan, user data, workflow, stack template, IAM):
// the values a parsed .env gives, so each test names only what it varies.
import type { WorkflowConfigSource } from '../../src/core/workflowInput';

/** A complete configuration (every bucket, the machine, the logs); `overrides` replace single fields. */
export function launchConfig(overrides: Partial<WorkflowConfigSource> = {}): WorkflowConfigSource {
  return {
    region: 'us-east-1',
    amiId: 'ami-0b697c4ae566cad55',
    instanceType: 'm5.xlarge',
    keyPair: 'ec2-keypair',
    instanceProfile: 'adatrap-machine',
    securityGroupIds: [],
    maxRunHours: 4,
    executableVersion: '0.2',
    logGroup: 'adatrap',
    generalLogStream: 'general',
    executablesBucket: 'adatrap-exe',
    gpsBucket: 'adatrap-gps',
    file196Bucket: 'adatrap-196',
    transactionBucket: 'adatrap-trx',
    opProgramBucket: 'adatrap-po',
    serviceDetailBucket: 'adatrap-sd',
    outputBucket: 'adatrap-out',
    ...overrides,
  };
}
