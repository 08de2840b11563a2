// Step Functions on the sandbox wire: the SFN SDK client, and aws-sdk integrations that reach the sandbox's EC2.
import * as assert from 'node:assert/strict';
import {
  CreateStateMachineCommand,
  DescribeExecutionCommand,
  GetExecutionHistoryCommand,
  SendTaskSuccessCommand,
  SFNClient,
  StartExecutionCommand,
  type DescribeExecutionCommandOutput,
} from '@aws-sdk/client-sfn';
import { startSandbox, type Sandbox } from '../../../src/sandbox';
import { SANDBOX_AMI_ID } from '../../../src/sandbox/env';
import { sandboxClientConfig } from './clients';

process.env.AWS_EC2_METADATA_DISABLED = 'true';

const ROLE = 'arn:aws:iam::000000000000:role/adatrap-workflow';

describe('sandbox Step Functions (wire)', function () {
  this.timeout(60_000);
  let sandbox: Sandbox;
  let sfn: SFNClient;

  before(async () => {
    sandbox = await startSandbox({ seed: false, msPerSecond: 10 });
    sfn = new SFNClient(sandboxClientConfig(sandbox));
  });
  after(async () => {
    sfn.destroy();
    await sandbox.close();
  });

  async function finished(executionArn: string): Promise<DescribeExecutionCommandOutput> {
    for (;;) {
      const d = await sfn.send(new DescribeExecutionCommand({ executionArn }));
      if (d.status !== 'RUNNING') return d;
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  it('launches a machine with runInstances.waitForTaskToken and resumes on SendTaskSuccess', async () => {
    const definition = {
      StartAt: 'Launch',
      States: {
        Launch: {
          Type: 'Task',
          Resource: 'arn:aws:states:::aws-sdk:ec2:runInstances.waitForTaskToken',
          Parameters: {
            ImageId: SANDBOX_AMI_ID,
            InstanceType: 't3.large',
            MinCount: 1,
            MaxCount: 1,
            'UserData.$': 'States.Base64Encode($$.Task.Token)',
            TagSpecifications: [{ ResourceType: 'instance', Tags: [{ Key: 'adatrap:date', 'Value.$': '$.date' }] }],
          },
          HeartbeatSeconds: 600,
          End: true,
        },
      },
    };
    const { stateMachineArn } = await sfn.send(
      new CreateStateMachineCommand({ name: 'launch', roleArn: ROLE, definition: JSON.stringify(definition) }),
    );
    const { executionArn } = await sfn.send(
      new StartExecutionCommand({ stateMachineArn, name: 'day', input: JSON.stringify({ date: '2020-07-01' }) }),
    );
    let instance: ReturnType<Sandbox['state']>['instances'][number] | undefined;
    while (!instance) {
      instance = sandbox.state().instances.find((i) => i.tags['adatrap:date'] === '2020-07-01');
      await new Promise((r) => setTimeout(r, 20));
    }
    const token = instance.userData;
    assert.ok(token.length > 256);
    await sfn.send(
      new SendTaskSuccessCommand({ taskToken: token, output: JSON.stringify({ instanceId: instance.instanceId }) }),
    );
    const d = await finished(executionArn ?? '');
    assert.equal(d.status, 'SUCCEEDED');
    assert.deepEqual(JSON.parse(d.output ?? ''), { instanceId: instance.instanceId });
    const history = await sfn.send(new GetExecutionHistoryCommand({ executionArn }));
    const submitted = history.events?.find((e) => e.type === 'TaskSubmitted');
    const apiOutput = JSON.parse(submitted?.taskSubmittedEventDetails?.output ?? '{}') as {
      Instances: Array<{ InstanceId: string }>;
    };
    assert.equal(
      apiOutput.Instances[0]?.InstanceId,
      instance.instanceId,
      'the RunInstances response, without $metadata',
    );
    assert.ok(history.events?.[0]?.timestamp instanceof Date);
    assert.ok(sandbox.faults.count('ec2', 'RunInstances') >= 1, 'the call went through the sandbox EC2 wire');
  });

  it('reports an EC2 error as Ec2.<Code>Exception with the API message in the cause', async () => {
    const definition = {
      StartAt: 'Launch',
      States: {
        Launch: {
          Type: 'Task',
          Resource: 'arn:aws:states:::aws-sdk:ec2:runInstances',
          Parameters: { ImageId: 'ami-0000000000000dead', MinCount: 1, MaxCount: 1 },
          End: true,
        },
      },
    };
    const { stateMachineArn } = await sfn.send(
      new CreateStateMachineCommand({ name: 'bad-image', roleArn: ROLE, definition: JSON.stringify(definition) }),
    );
    const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn }));
    const d = await finished(executionArn ?? '');
    assert.equal(d.status, 'FAILED');
    assert.equal(d.error, 'Ec2.InvalidAMIID.NotFoundException');
    assert.match(d.cause ?? '', /does not exist \(Service: Ec2, Status Code: 400, Request ID: /);
  });

  it('refuses an SDK action that does not exist, and answers SDK errors by their AWS code', async () => {
    const definition = {
      StartAt: 'T',
      States: { T: { Type: 'Task', Resource: 'arn:aws:states:::aws-sdk:ec2:launchRocket', End: true } },
    };
    await assert.rejects(
      sfn.send(
        new CreateStateMachineCommand({ name: 'rocket', roleArn: ROLE, definition: JSON.stringify(definition) }),
      ),
      (e: Error) => e.name === 'InvalidDefinition' && /INVALID_RESOURCE/.test(e.message),
    );
    await assert.rejects(
      sfn.send(new DescribeExecutionCommand({ executionArn: 'arn:aws:states:us-east-1:000000000000:execution:x:y' })),
      (e: Error) => e.name === 'ExecutionDoesNotExist',
    );
  });
});
