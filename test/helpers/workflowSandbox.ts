// The batch tests' starting point: real SDK clients on a started sandbox and the configuration its .env gives,
// with the product's own workflow created as the state machine STATE_MACHINE_ARN names.
import { CreateStateMachineCommand } from '@aws-sdk/client-sfn';
import type { AwsClients } from '../../src/aws/clients';
import type { AdatrapConfig } from '../../src/core/config';
import { workflowDefinition } from '../../src/core/workflowDefinition';
import type { Sandbox } from '../../src/sandbox';
import { productSetup } from './sandboxClients';

export async function withWorkflow(sandbox: Sandbox): Promise<{ clients: AwsClients; config: AdatrapConfig }> {
  const { config, clients } = productSetup(sandbox);
  const { stateMachineArn } = await clients.sfn.send(
    new CreateStateMachineCommand({
      name: 'adatrap-miner-batches',
      roleArn: 'arn:aws:iam::000000000000:role/adatrap-miner-workflow',
      definition: JSON.stringify(workflowDefinition()),
    }),
  );
  return { clients, config: { ...config, stateMachineArn } };
}
